import Testing
@testable import PartsMap

/// The core forms of PRODUCT.md, exactly as written there, and the errors for bad lines.
@Suite struct ParserTests {
    func parse(_ line: String, known: Set<String> = []) throws -> Command {
        try Parser(isKnownName: { known.contains(InnerSystem.key($0)) }).parse(line)
    }

    func change(_ line: String, known: Set<String> = []) throws -> Change? {
        if case .change(let c) = try parse(line, known: known) { return c }
        return nil
    }

    @Test func addForms() throws {
        #expect(try change("add manager Inner Critic") == .addPart(name: "Inner Critic", role: .manager))
        #expect(try change("add firefighter \"The Numbing\"") == .addPart(name: "The Numbing", role: .firefighter))
        #expect(try change("add exile 'Little One'") == .addPart(name: "Little One", role: .exile))
        #expect(try change("add part Something Quiet") == .addPart(name: "Something Quiet", role: .unknown))
        #expect(try change("add pattern Hot and cold with Sam") == .addPattern(name: "Hot and cold", with: "Sam"))
        #expect(try change("add pattern \"Pleasing\"") == .addPattern(name: "Pleasing", with: ""))
        #expect(try change("add pattern Rupture with my therapist, Dr. Lee") == .addPattern(name: "Rupture", with: "my therapist, Dr. Lee"))
        #expect(try change("add exile Mom's Girl") == .addPart(name: "Mom's Girl", role: .exile))
        // aliases
        #expect(try change("manager Inner Critic") == .addPart(name: "Inner Critic", role: .manager))
        #expect(try change("Inner Critic protects Little One") == .relate(from: "Inner Critic", kind: .protects, to: "Little One", reason: ""))
    }

    @Test func setRenameRemove() throws {
        #expect(try change("set Critic job keeps me from being laughed at") == .setField(name: "Critic", field: .part(.job), text: "keeps me from being laughed at"))
        #expect(try change("set \"Inner Critic\" fear that \"it won't work") == .setField(name: "Inner Critic", field: .part(.fear), text: "that \"it won't work"))
        #expect(try change("set Inner Critic age \"about 12\"") == .setField(name: "Inner Critic", field: .part(.age), text: "about 12"))
        #expect(try change("set Critic role firefighter") == .setRole(name: "Critic", role: .firefighter))
        #expect(try change("set Hot and cold with Sam") == .setField(name: "Hot and cold", field: .pattern(.with), text: "Sam"))
        #expect(try change("set Critic note \"\"") == .setField(name: "Critic", field: .part(.note), text: ""))
        #expect(try change("rename Critic to The Judge") == .rename(name: "Critic", to: "The Judge"))
        #expect(try change("remove Inner Critic") == .remove(name: "Inner Critic"))
    }

    @Test func relationsAndLinks() throws {
        #expect(try change("relate \"Inner Critic\" protects \"Little One\"") == .relate(from: "Inner Critic", kind: .protects, to: "Little One", reason: ""))
        #expect(try change("relate Critic polarized Numbing") == .relate(from: "Critic", kind: .polarized, to: "Numbing", reason: ""))
        #expect(try change("relate A allied B") == .relate(from: "A", kind: .allied, to: "B", reason: ""))
        #expect(try change("relate Critic protects Little One because she was laughed at") == .relate(from: "Critic", kind: .protects, to: "Little One", reason: "she was laughed at"))
        #expect(try change("unrelate Critic polarized Numbing") == .unrelate(from: "Critic", kind: .polarized, to: "Numbing"))
        #expect(try change("link Pleaser to Hot and cold") == .link(part: "Pleaser", pattern: "Hot and cold"))
        #expect(try change("unlink Pleaser from Hot and cold") == .unlink(part: "Pleaser", pattern: "Hot and cold"))
    }

    @Test func aKnownNameDecidesWhereAnUnquotedNameEnds() throws {
        // "Walk to School" holds the separator `to`.
        #expect(try change("link Walk to School to Hot and cold", known: ["walk to school"]) == .link(part: "Walk to School", pattern: "Hot and cold"))
        #expect(try change("link Walk to School to Hot and cold") == .link(part: "Walk", pattern: "School to Hot and cold"))
        #expect(try change("set Little Body Worker age 7", known: ["little body worker"]) == .setField(name: "Little Body Worker", field: .part(.age), text: "7"))
        #expect(try parse("ask Little Age", known: ["little age"]) == .ask(name: "Little Age"))
    }

    @Test func askAndSessions() throws {
        #expect(try parse("ask Inner Critic") == .ask(name: "Inner Critic"))
        #expect(try change("ask Inner Critic protecting feeling that I don't belong") == .answer(name: "Inner Critic", question: .protecting, text: "feeling that I don't belong"))
        #expect(try change("ask Critic body tight jaw") == .answer(name: "Critic", question: .body, text: "tight jaw"))
        #expect(try change("session start first look at the critic") == .sessionStart(title: "first look at the critic"))
        #expect(try change("session start") == .sessionStart(title: ""))
        #expect(try change("session end") == .sessionEnd)
        #expect(try parse("sessions") == .sessions)
    }

    @Test func readingCommands() throws {
        #expect(try parse("show") == .show(name: nil))
        #expect(try parse("show Inner Critic") == .show(name: "Inner Critic"))
        #expect(try parse("list") == .list(.everything))
        #expect(try parse("list exiles") == .list(.role(.exile)))
        #expect(try parse("list patterns") == .list(.patterns))
        #expect(try parse("undo") == .undo)
        #expect(try parse("redo") == .redo)
        #expect(try parse("help") == .help(topic: nil))
        #expect(try parse("help relate") == .help(topic: "relate"))
        #expect(try parse("quit") == .quit)
        #expect(try parse("exit") == .quit)
        #expect(try parse("export dot") == .export(ExportRequest(format: .dot)))
        #expect(try parse("export svg map.svg") == .export(ExportRequest(format: .svg, file: "map.svg")))
        var options = ExportOptions()
        options.part = "Inner Critic"
        options.depth = 2
        options.legend = false
        #expect(try parse("export dot --part \"Inner Critic\" --depth 2 --no-legend out.dot") == .export(ExportRequest(format: .dot, file: "out.dot", options: options)))
    }

    @Test func errorsNameWhatWasWrong() {
        #expect(throws: ParseError.unknownCommand("ad", suggestion: "add")) { try parse("ad manager X") }
        #expect(throws: ParseError.unknownCommand("frobnicate", suggestion: nil)) { try parse("frobnicate") }
        #expect(throws: ParseError.syntax(.openQuote("\"", column: 13))) { try parse("add manager \"Inner Critic") }
        #expect(throws: ParseError.self) { try parse("add manger Critic") }
        #expect(throws: ParseError.self) { try parse("relate A B") }
        #expect(throws: ParseError.self) { try parse("rename A") }
        #expect(throws: ParseError.self) { try parse("set Critic") }
        #expect(throws: ParseError.self) { try parse("export gif") }
        #expect(throws: ParseError.self) { try parse("ask Critic protecting") }
        #expect(throws: ParseError.syntax(.emptyLine)) { try parse("   ") }
        let typo = (try? parse("add manger Critic")).map { "\($0)" } ?? ""
        #expect(typo.isEmpty)
        do { _ = try parse("add manger Critic") } catch {
            #expect("\(error)".contains("did you mean \"manager\""))
        }
    }

    @Test func journalRecordsAreOnlyChanges() throws {
        #expect(try Parser().parseJournalRecord("undo") == .undo)
        #expect(throws: ParseError.notAChange("show")) { try Parser().parseJournalRecord("show") }
    }
}
