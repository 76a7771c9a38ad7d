import Testing
@testable import PartsMap

@Suite struct CompleterTests {
    let system: InnerSystem = {
        var history = EditHistory()
        for line in ["add manager Inner Critic", "add exile Little One", "add firefighter Numbing",
                     "add manager Kritikerin ✨", "add pattern Hot and cold with Sam"] {
            try! history.record(Parser().parseJournalRecord(line), at: nil)
        }
        return history.system
    }()

    func complete(_ line: String) -> CompletionCandidates { Completer.complete(line, in: system) }

    @Test func verbsRolesAndKinds() {
        #expect(complete("re") == CompletionCandidates(replacing: 2, candidates: ["rename", "remove", "relate", "redo"]))
        #expect(complete("add ex") == CompletionCandidates(replacing: 2, candidates: ["exile"]))
        #expect(complete("relate \"Inner Critic\" pro") == CompletionCandidates(replacing: 3, candidates: ["protects"]))
        #expect(complete("relate Numbing ").candidates == ["protects", "polarized", "allied"])
        #expect(complete("set Numbing j") == CompletionCandidates(replacing: 1, candidates: ["job"]))
        #expect(complete("ask Numbing prot") == CompletionCandidates(replacing: 4, candidates: ["protecting"]))
        #expect(complete("export s").candidates == ["svg"])
    }

    @Test func namesWithSpacesAreQuoted() {
        #expect(complete("show Inn") == CompletionCandidates(replacing: 3, candidates: ["\"Inner Critic\""]))
        #expect(complete("show inner cr") == CompletionCandidates(replacing: 8, candidates: ["\"Inner Critic\""]))
        #expect(complete("show \"Inner C") == CompletionCandidates(replacing: 8, candidates: ["\"Inner Critic\""]))
        #expect(complete("relate Inner Critic protects Li") == CompletionCandidates(replacing: 2, candidates: ["\"Little One\""]))
        #expect(complete("show Krit") == CompletionCandidates(replacing: 4, candidates: ["\"Kritikerin ✨\""]))
    }

    @Test func slotsKnowPartsFromPatterns() {
        #expect(complete("link Numbing to ").candidates == ["\"Hot and cold\""])
        #expect(complete("relate Numbing protects ").candidates == ["\"Inner Critic\"", "\"Little One\"", "Numbing", "\"Kritikerin ✨\""])
        #expect(complete("show ").candidates.count == 5)
        #expect(complete("add manager Fo").candidates.isEmpty)
        #expect(complete("set Numbing job keeps th").candidates.isEmpty)
    }
}
