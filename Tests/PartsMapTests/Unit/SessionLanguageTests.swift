import Testing
@testable import PartsMap

/// The commands that look back in time and switch maps: how they read, what they refuse with
/// a message that says what would work, and what Tab offers for them.
@Suite struct SessionLanguageTests {
    func parse(_ line: String, known: Set<String> = []) throws(ParseError) -> Command {
        try Parser(isKnownName: { known.contains($0.lowercased()) }).parse(line)
    }

    func error(_ line: String) -> String {
        do { _ = try parse(line); return "" } catch { return error.description }
    }

    @Test func theNewFormsRead() throws {
        #expect(try parse("show --at 2") == .show(name: nil, at: "2"))
        #expect(try parse("show Inner Critic --at 2") == .show(name: "Inner Critic", at: "2"))
        #expect(try parse("show --at 'first look' Inner Critic") == .show(name: "Inner Critic", at: "first look"))
        #expect(try parse("show \"--at\"") == .show(name: "--at", at: nil))
        #expect(try parse("changes") == .changes(session: nil))
        #expect(try parse("changes 3") == .changes(session: "3"))
        #expect(try parse("changes first look") == .changes(session: "first look"))
        #expect(try parse("timeline") == .timeline)
        #expect(try parse("diff 1 3") == .diff(from: "1", to: "3"))
        #expect(try parse("diff 2") == .diff(from: "2", to: nil))
        #expect(try parse("diff 'first look' \"second look\"") == .diff(from: "first look", to: "second look"))
        #expect(try parse("open client-b") == .open(map: "client-b", readOnly: false))
        #expect(try parse("open --read-only ~/maps/my map.parts") == .open(map: "~/maps/my map.parts", readOnly: true))
        #expect(try parse("open \"--read-only\"") == .open(map: "--read-only", readOnly: false))
        #expect(try parse("maps") == .maps)
        var request = ExportRequest(format: .svg, file: "new.svg")
        request.options.since = "2"
        request.options.at = "first look"
        #expect(try parse("export svg --since 2 --at 'first look' new.svg") == .export(request))
    }

    @Test func aPartNamedLikeANewVerbStillRelates() throws {
        #expect(try parse("Open Heart protects Little One", known: ["open heart"])
            == .change(.relate(from: "Open Heart", kind: .protects, to: "Little One", reason: "")))
        #expect(try parse("open Heart protects Little One") == .open(map: "Heart protects Little One", readOnly: false))
    }

    @Test func mistakesSayWhatWouldWork() {
        #expect(error("show --at") == "missing a SESSION after --at (its number or title) — show [NAME] --at SESSION")
        #expect(error("show --at 1 --at 2") == "unexpected \"--at\" — show [NAME] --at SESSION")
        #expect(error("diff") == "missing the SESSION to compare from (its number or title) — diff SESSION_A [SESSION_B]")
        #expect(error("diff first look second look")
            == "unexpected \"second\" — diff SESSION_A [SESSION_B] — a title of several words goes in quotes")
        #expect(error("timeline 2") == "unexpected \"2\" — timeline")
        #expect(error("maps all") == "unexpected \"all\" — maps")
        #expect(error("open") == "missing the map to open (a file, or a name from `maps`) — open FILE")
        #expect(error("open --read-only") == "missing the map to open (a file, or a name from `maps`) — open FILE")
        #expect(error("export svg --since") == "missing a SESSION after --since (its number or title) — export FORMAT --since SESSION [FILE]")
        #expect(error("export svg --snice 2").hasPrefix("\"--snice\" is not an export option — did you mean \"--since\"?"))
        #expect(error("timelin") == "unknown command \"timelin\" — did you mean \"timeline\"?")
        // Journal files hold only changes.
        #expect(throws: ParseError.notAChange("open")) { try Parser().parseJournalRecord("open other") }
    }

    @Test func helpKnowsTheNewCommands() {
        let overview = HelpText.overview()
        for verb in ["changes", "timeline", "diff", "open", "maps"] {
            #expect(overview.contains("  \(verb.padding(to: 10))"), "\(verb)")
            #expect(HelpText.topic(verb) != nil, "\(verb)")
        }
        #expect(overview.contains("Sessions and time:") && overview.contains("Maps:"))
        #expect(HelpText.topic("export")!.contains("--since SESSION: mark what is new since the end of that session"))
        #expect(HelpText.topic("show")!.contains("show [NAME] --at SESSION"))
    }

    @Test func tabOffersSessionsAndMaps() throws {
        let system = try SessionFixtures.history([
            "session start one", "add manager Inner Critic", "session start two", "add exile Little One", "session start three",
        ]).system
        func complete(_ line: String) -> CompletionCandidates {
            Completer.complete(line, in: system, mapNames: { ["client-a", "client-b", "my map"] })
        }
        #expect(complete("ti") == CompletionCandidates(replacing: 2, candidates: ["timeline"]))
        #expect(complete("ma").candidates == ["mark", "maps"])
        #expect(complete("changes ").candidates == ["1", "2", "3"])
        #expect(complete("diff 1 ").candidates == ["1", "2", "3"])
        #expect(complete("diff 1 2 ").candidates.isEmpty)
        #expect(complete("show --at ").candidates == ["1", "2", "3"])
        #expect(complete("show Inner Critic --").candidates == ["--at"])
        #expect(complete("show --at 2 Li") == CompletionCandidates(replacing: 2, candidates: ["\"Little One\""]))
        #expect(complete("show \"Inner Critic\" --at 2 ").candidates.isEmpty)
        #expect(complete("export svg --since ").candidates == ["1", "2", "3"])
        #expect(complete("export svg --at 2 --s").candidates == ["--since"])
        #expect(complete("open cl") == CompletionCandidates(replacing: 2, candidates: ["client-a", "client-b"]))
        #expect(complete("open m").candidates == ["\"my map\""])
        #expect(complete("open --").candidates == ["--read-only"])
        #expect(complete("open --read-only client-").candidates == ["client-a", "client-b"])
    }
}
