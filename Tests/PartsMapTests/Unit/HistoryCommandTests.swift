import Testing
@testable import PartsMap

/// `history [off|on|clear]` in the language: parsed, completed, listed in help, never a change.
@Suite struct HistoryCommandTests {
    @Test func parsesItsFourForms() throws {
        #expect(try Parser().parse("history") == .history(.status))
        #expect(try Parser().parse("history off") == .history(.off))
        #expect(try Parser().parse("History ON") == .history(.on))
        #expect(try Parser().parse("history clear") == .history(.clear))
        #expect(throws: ParseError.unexpected("now", usage: "history [off|on|clear]")) { try Parser().parse("history off now") }
        #expect(throws: ParseError.self) { try Parser().parse("history \"off\"") }
        #expect(throws: ParseError.self) { try Parser().parse("history \"\"") }
        // Never written to a map file.
        #expect(throws: ParseError.notAChange("history")) { try Parser().parseJournalRecord("history off") }
    }

    @Test func tabOffersItsWords() {
        let system = InnerSystem()
        #expect(Completer.complete("hist", in: system) == CompletionCandidates(replacing: 4, candidates: ["history"]))
        #expect(Completer.complete("history ", in: system).candidates == ["off", "on", "clear"])
        #expect(Completer.complete("history o", in: system) == CompletionCandidates(replacing: 1, candidates: ["off", "on"]))
        #expect(Completer.complete("history off ", in: system).candidates.isEmpty)
    }

    @Test func helpListsIt() {
        #expect(HelpText.overview().contains("  history   whether what you type is kept for Up"))
        #expect(HelpText.topic("history")!.contains("a line that starts with a space is never kept"))
    }
}
