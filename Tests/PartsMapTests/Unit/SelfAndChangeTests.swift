import Foundation
import FoundationXML
import Testing
@testable import PartsMap

/// Self-energy readings, check-ins, steps of healing and the Self check around `ask`: the forms,
/// the gentle refusals, undo, and the guided walks driven by a scripted console.
@Suite struct SelfAndChangeTests {
    typealias ScriptedConsole = ConsoleTests.ScriptedConsole
    let path = NSTemporaryDirectory() + "partsmap-self-\(UUID().uuidString).parts"

    func runner(_ lines: String...) throws -> CommandRunner {
        let (document, _) = try MapDocument.open(path: path, access: .readWrite)
        let runner = CommandRunner(document: document, mapName: "m")
        for line in ["add manager Inner Critic", "add exile Little One", "add pattern Hot and cold with Sam"] + lines {
            _ = try runner.run(line)
        }
        return runner
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    /// The message a line is refused with, or nil when it ran.
    func refusal(_ line: String, in runner: CommandRunner) -> String? {
        do { _ = try runner.run(line); return nil } catch { return "\(error)" }
    }

    @Test func theFormsReadAsWritten() throws {
        let parser = Parser(isKnownName: { ["inner critic", "little one", "part 2"].contains($0.lowercased()) })
        #expect(try parser.parse("self 6 calmer after the walk") == .change(.selfReading(SelfReading(level: 6, note: "calmer after the walk"))))
        #expect(try parser.parse("self calm 7") == .change(.selfReading(SelfReading(qualities: [.init(.calm, 7)]))))
        #expect(try parser.parse("self 6 calm but tired") == .change(.selfReading(SelfReading(level: 6, note: "calm but tired"))))
        #expect(try parser.parse("self") == .selfWalk)
        #expect(try parser.parse("checkin") == .checkinWalk)
        #expect(try parser.parse("checkin Inner Critic 7 blended the deadline") == .change(.checkin(part: "Inner Critic", level: 7, blended: true, text: "the deadline")))
        #expect(try parser.parse("checkin Part 2 5") == .change(.checkin(part: "Part 2", level: 5, blended: false, text: "")))
        #expect(try parser.parse("mark Little One unburdened gave it to the light") == .change(.mark(part: "Little One", step: .unburdened, text: "gave it to the light")))
        #expect(try parser.parse("selfcheck on") == .change(.selfCheck(on: true)))
        #expect(try parser.parse("selfcheck") == .selfCheckStatus)
        #expect(try parser.parse("trends Little One --days 14") == .trends(part: "Little One", days: 14))
        // A natural alias whose first word is a new verb stays the relation it reads as.
        let markParser = Parser(isKnownName: { $0.lowercased() == "mark" })
        #expect(try markParser.parse("Mark protects Little One") == .change(.relate(from: "Mark", kind: .protects, to: "Little One", reason: "")))
    }

    @Test func badInputIsRefusedGentlyAndChangesNothing() throws {
        defer { cleanUp() }
        let runner = try runner()
        let before = runner.document.lineCount
        let cases: [(String, String)] = [
            ("self 11", "not a level from 0 to 10"),
            ("self high", "not a level or one of the 8 Cs"),
            ("self calm", "how much calm"),
            ("checkin Little One eleven", "how strongly it is here today, 0–10"),
            ("checkin Little One 6.5", "a whole number"),
            ("checkin Little One -1", "a whole number"),
            ("checkin Hot and cold 4", "is a relationship pattern; check-ins are for parts"),
            ("checkin Self 5", "Self is not a part"),
            ("mark Inner Critic witnessed", "is a step for an exile; \"Inner Critic\" is a manager"),
            ("mark Little One released", "`released` is for a protector"),
            ("mark Self unburdened", "Self is not a part: it takes no steps"),
            ("mark Little One healed", "is not a step"),
            ("mark Hot and cold witnessed", "is a relationship pattern; steps are for parts"),
            ("selfcheck maybe", "is not on or off"),
            ("checkin Inner Critc 4", "did you mean \"Inner Critic\""),
        ]
        for (line, expected) in cases {
            let message = refusal(line, in: runner)
            #expect(message?.contains(expected) == true, "\(line): \(message ?? "ran")")
            #expect(message.map { !$0.lowercased().contains("bad") && !$0.lowercased().contains("invalid") } ?? true)
        }
        _ = try runner.run("add part Newcomer")
        #expect(refusal("mark Newcomer witnessed", in: runner)?.contains("role is not yet clear") == true)
        #expect(runner.document.lineCount == before + 1, "only the part added changed the map")
    }

    @Test func eachIsKeptDatedAndUndoable() throws {
        defer { cleanUp() }
        let runner = try runner("checkin Inner Critic 7 blended the deadline", "mark Little One witnessed told me about the house",
                                "self 6 calm 7 curiosity 5 after the walk", "selfcheck on")
        let system = runner.system
        let critic = system.part(named: "Inner Critic")!
        #expect(critic.checkins.map(\.level) == [7] && critic.checkins[0].blended && critic.checkins[0].text == "the deadline")
        #expect(system.part(named: "Little One")!.steps.map(\.step) == [.witnessed])
        #expect(system.selfReadings.last?.qualities == [.init(.calm, 7), .init(.curiosity, 5)] && system.selfReadings.last?.note == "after the walk")
        #expect(system.selfCheckOn)
        for expected in ["Undone: `ask PART` now offers", "Undone: Kept: Self-energy 6/10", "Undone: Kept a step", "Undone: Checked in"] {
            let said = try runner.run("undo").message
            #expect(said.hasPrefix(expected), "\(said)")
        }
        #expect(runner.system.selfReadings.isEmpty && !runner.system.selfCheckOn)
        #expect(runner.system.part(named: "Inner Critic")!.checkins.isEmpty && runner.system.part(named: "Little One")!.steps.isEmpty)
        _ = try runner.run("redo")
        #expect(runner.system.part(named: "Inner Critic")!.checkins.count == 1)
        // Renaming keeps them; removing takes them with the part, and undo brings them back.
        _ = try runner.run("rename Inner Critic to The Critic")
        #expect(runner.system.part(named: "The Critic")!.checkins.count == 1)
        _ = try runner.run("remove The Critic")
        _ = try runner.run("undo")
        #expect(runner.system.part(named: "The Critic")!.checkins.count == 1)
        runner.document.close()
        let (reopened, _) = try MapDocument.open(path: path, access: .readOnly)
        #expect(reopened.system.part(named: "The Critic")!.checkins == runner.system.part(named: "The Critic")!.checkins)
    }

    @Test func theCardsShowThem() throws {
        defer { cleanUp() }
        let runner = try runner("checkin Inner Critic 4", "checkin Inner Critic 7 blended the deadline",
                                "mark Little One witnessed told me about the house", "self 6 calm 7 after the walk")
        let critic = try runner.run("show Inner Critic").output
        #expect(critic.contains("Latest check-in: ") && critic.contains("7/10, blended (it had taken over) — set off by \"the deadline\" (2 check-ins"))
        let little = try runner.run("show Little One").output
        #expect(little.contains("Steps:") && little.contains("witnessed — \"told me about the house\""))
        let selfCard = try runner.run("show Self").output
        #expect(selfCard.contains("Self — not a part") && selfCard.contains("6/10 (calm 7) — \"after the walk\""))
        #expect(!selfCard.lowercased().contains("diagnos"))
    }

    @Test func theGuidedSelfCheckAsksTheEightCs() throws {
        defer { cleanUp() }
        let runner = try runner()
        // calm 7, curiosity skipped, clarity "x" (asked again) then 6, the rest skipped, overall 6, a note.
        let console = ScriptedConsole(["7", "", "x", "6", "", "", "", "", "", "6", "steadier today"])
        runner.console = console
        _ = try runner.run("self")
        #expect(console.said.contains { $0.contains("Calm — how much calm is here now, 0–10?") })
        #expect(console.said.contains { $0.contains("A whole number from 0") })
        #expect(console.said.last?.contains("Kept: calm 7, clarity 6, Self-energy 6, a note") == true)
        #expect(runner.system.selfReadings == [SelfRecord(level: 6, qualities: [.init(.calm, 7), .init(.clarity, 6)], note: "steadier today",
                                                          check: nil, at: runner.system.selfReadings.first?.at, session: 1)])
        // Stopped partway, what was said is kept.
        let stopping = ScriptedConsole(["5", "."])
        runner.console = stopping
        _ = try runner.run("self")
        #expect(runner.system.selfReadings.last?.qualities == [.init(.calm, 5)])
        #expect(stopping.said.last?.contains("Stopped; kept: calm 5") == true)
    }

    @Test func theGuidedCheckinAddsNewPartsInThePersonsWordsAndJoinsTrailheads() throws {
        defer { cleanUp() }
        let runner = try runner("set Inner Critic trailhead being watched")
        let console = ScriptedConsole([
            "Inner Critc", "yes",            // close to a name on the map: that one
            "6", "yes", "an email from my boss",
            "The Scroller", "yes",           // not on the map: added, role not yet clear
            "4", "", "",
            "",                              // that's all the parts
            "5", "an ok day",
        ])
        runner.console = console
        _ = try runner.run("checkin")
        #expect(console.offered.first == .partNames, "Tab offers the parts")
        let system = runner.system
        let critic = system.part(named: "Inner Critic")!
        #expect(critic.checkins.map { "\($0.level) \($0.blended) \($0.text)" } == ["6 true an email from my boss"])
        #expect(critic.fields[.trailhead] == "being watched; an email from my boss")
        let scroller = try #require(system.part(named: "The Scroller"))
        #expect(scroller.role == .unknown && scroller.checkins.map(\.level) == [4])
        #expect(system.selfReadings.last?.level == 5 && system.selfReadings.last?.note == "an ok day")
        #expect(console.said.last?.contains("Checked in: \"Inner Critic\" 6 (blended), \"The Scroller\" 4, Self-energy 5") == true)

        // Stopped after a level was given: the level is kept.
        let stopping = ScriptedConsole(["Little One", "3"])
        runner.console = stopping
        _ = try runner.run("checkin")
        #expect(runner.system.part(named: "Little One")!.checkins.map(\.level) == [3])
        // Declining a new name adds nothing.
        let declining = ScriptedConsole(["Somebody New", "no", ""])
        runner.console = declining
        _ = try runner.run("checkin")
        #expect(runner.system.part(named: "Somebody New") == nil)
    }

    @Test func aSelfCheckAroundAskOnlyWhenTurnedOn() throws {
        defer { cleanUp() }
        let runner = try runner()
        // Off (the default): the answers go to the questions in order, as scripts expect.
        let plain = ScriptedConsole(["a tight jaw"])
        runner.console = plain
        _ = try runner.run("ask Inner Critic")
        #expect(runner.system.part(named: "Inner Critic")!.fields[.body] == "a tight jaw")
        #expect(runner.system.selfReadings.isEmpty)

        _ = try runner.run("selfcheck on")
        _ = try runner.run("add manager Planner")
        let checked = ScriptedConsole(["4", "shoulders", "", "", "", "", "", "", "", "7"])
        runner.console = checked
        _ = try runner.run("ask Planner")
        #expect(checked.said.first?.contains("Before we begin — how much Self-energy") == true)
        #expect(checked.said.last?.contains("Self-energy 4 → 7") == true)
        #expect(runner.system.part(named: "Planner")!.fields[.body] == "shoulders")
        #expect(runner.system.selfReadings.map { "\($0.check!.moment) \($0.level!)" } == ["before 4", "after 7"])
        #expect(try runner.run("show Planner").output.contains("Self-energy when asked (before → after): ") )
        #expect(try runner.run("changes").output.contains("Self-energy 7/10 after asking \"Planner\" (Self-energy 4 → 7)"))
        #expect(refusal("self --before Planner", in: runner) != nil, "a Self check is a level")
    }

    @Test func trendsDrawSparklinesWithGapsAndMarks() throws {
        var system = InnerSystem()
        func at(_ day: Int) -> Timestamp { Timestamp(iso8601: String(format: "2026-11-%02dT12:00:00Z", day))! }
        try system.apply(.addPart(name: "Inner Critic", role: .manager), at: at(1))
        try system.apply(.addPart(name: "Little One", role: .exile), at: at(1))
        try system.apply(.checkin(part: "Inner Critic", level: 9, blended: true, text: ""), at: at(1))
        try system.apply(.checkin(part: "Inner Critic", level: 5, blended: false, text: ""), at: at(3))
        try system.apply(.checkin(part: "Inner Critic", level: 0, blended: false, text: ""), at: at(4))
        try system.apply(.mark(part: "Little One", step: .witnessed, text: ""), at: at(4))
        try system.apply(.selfReading(SelfReading(level: 10)), at: at(4))
        let trends = Trends(system, today: at(4).localDay)
        #expect(trends.dayCount == 4 && trends.parts.map(\.name) == ["Inner Critic", "Little One"])
        let text = TrendText.render(trends, width: 80, unicode: true)
        let critic = try #require(text.split(separator: "\n").first { $0.hasPrefix("Inner Critic") })
        #expect(critic.hasSuffix("▇ ▅▁  now 0"), "a gap on the day with no check-in: \(critic)")
        #expect(text.contains("\n              b\n"), "blended marked under its day:\n\(text)")
        #expect(text.contains("W witnessed") && text.contains("Self-energy   ") && text.contains("█  now 10"))
        let ascii = TrendText.render(trends, width: 80, unicode: false)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(ascii)")
        #expect(ascii.contains("9 50  now 0"))
        // A narrow terminal shows the last days that fit, and says so.
        var long = InnerSystem()
        try long.apply(.addPart(name: "P", role: .manager), at: at(1))
        for day in 1...28 { try long.apply(.checkin(part: "P", level: day % 11, blended: false, text: ""), at: at(day)) }
        let narrow = TrendText.render(Trends(long, today: at(28).localDay), width: 40, unicode: true)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 40 || $0.hasPrefix("Trends") || $0.hasPrefix("(the last") })
        #expect(narrow.contains("(the last "))
        #expect(TrendText.canShowUnicode(environment: ["LANG": "en_GB.UTF-8"].get) && !TrendText.canShowUnicode(environment: ["LANG": "C"].get))
        #expect(!TrendText.canShowUnicode(environment: ["LANG": "C.UTF-8", "TERM": "dumb"].get))
    }

    @Test func theChartIsDeterministicAndEscaped() throws {
        var system = InnerSystem()
        let time = Timestamp(iso8601: "2026-11-02T12:00:00Z")!
        try system.apply(.addPart(name: "<script>alert(1)</script> & \"Co\"", role: .firefighter), at: time)
        try system.apply(.checkin(part: "<script>alert(1)</script> & \"Co\"", level: 6, blended: true, text: "x"), at: time)
        try system.apply(.sessionStart(title: "one"), at: time)
        let request = ExportRequest(format: .chart, file: "c.svg")
        var context = ExportContext(mapName: "m & <n>", date: "2026-11-02")
        context.today = time.localDay
        let first = try makeExport(request, of: system, context: context)
        let second = try makeExport(request, of: system, context: context)
        #expect(first.bytes == second.bytes)
        let svg = String(decoding: first.bytes, as: UTF8.self)
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;") && svg.contains("m &amp; &lt;n&gt;"))
        // Well-formed XML.
        let parser = XMLParser(data: Data(first.bytes))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(svg.contains("session 2"), "the first session is the implicit one the part was added in")
    }

    @Test func jsonCarriesCheckinsSelfAndSteps() throws {
        defer { cleanUp() }
        let runner = try runner("checkin Inner Critic 7 blended the deadline", "mark Little One witnessed",
                                "self 6 curiosity 5 calm 7", "selfcheck on")
        let json = try runner.run("export json").output
        let map = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let checkins = map["checkins"] as! [[String: Any]]
        #expect(checkins.count == 1 && checkins[0]["part"] as? String == "Inner Critic" && checkins[0]["level"] as? Int == 7
                && checkins[0]["blended"] as? Bool == true && checkins[0]["note"] as? String == "the deadline")
        let readings = map["self"] as! [[String: Any]]
        #expect(readings[0]["level"] as? Int == 6 && (readings[0]["qualities"] as? [String: Int]) == ["calm": 7, "curiosity": 5])
        #expect(json.contains("\"calm\": 7,\n        \"curiosity\": 5"), "qualities in the 8 Cs' order")
        let little = (map["parts"] as! [[String: Any]]).first { $0["name"] as? String == "Little One" }!
        #expect((little["steps"] as! [[String: Any]]).map { $0["step"] as! String } == ["witnessed"])
        #expect((map["settings"] as! [String: Bool]) == ["selfcheck": true])
    }

    @Test func theDiagramWeighsActivationAndMarksSteps() throws {
        defer { cleanUp() }
        let runner = try runner("checkin Inner Critic 10 blended", "mark Little One unburdened", "self 8")
        let dot = try runner.run("export dot").output
        #expect(dot.contains("label=\"Inner Critic\\n10/10 · blended\"") && dot.contains("penwidth=5.0"))
        #expect(dot.contains("label=\"Little One\\nunburdened\"") && dot.contains("peripheries=2"))
        #expect(dot.contains("label=\"Self\\n8/10\""))
        #expect(dot.contains("outline weight: latest check-in") && dot.contains("a step of healing taken"))
        let plain = try runner.run("export dot --no-activation").output
        #expect(!plain.contains("label=\"Inner Critic\\n10/10") && !plain.contains("outline weight") && !plain.contains("peripheries=2 tooltip=\"Little"))
    }
}

private extension Dictionary where Key == String, Value == String {
    func get(_ key: String) -> String? { self[key] }
}
