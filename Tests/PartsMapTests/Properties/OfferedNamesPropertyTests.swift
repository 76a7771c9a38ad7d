import Testing
import LineEditing
@testable import PartsMap
import TestSupport

/// Tab works out the common prefix of a map's names without quoting them (`OfferedNames`). Wherever it
/// gives one, it must be exactly what LineEditing's `commonPrefix` finds over the names as they are offered
/// (`ChangePrinter.name`): bare or quoted, escaped, reserved words, case variants, lone names.
struct OfferedNamesPropertyTests {
    static let pieces = ["Inner", "inner", "INNER", " ", "Critic", "c", "C", "to", "To", "protects", "#", "-", "\"", "\\",
                         "\t", "\r", "\n", "Σ", "é", "e\u{301}", "✨", "1", "x", "\u{212A}"]

    static func name(_ rng: inout SeededGenerator, ascii: Bool) -> String {
        var name = ""
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            var piece = pieces.randomElement(using: &rng)!
            while ascii && !piece.utf8.allSatisfy({ $0 < 0x80 }) { piece = pieces.randomElement(using: &rng)! }
            name += piece
        }
        return name
    }

    @Test(arguments: 0..<400 as Range<UInt64>)
    func thePrefixIsTheQuotedNamesPrefix(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Most maps' names are ASCII; one in four here may hold a non-ASCII name (nil is then allowed).
        let ascii = seed % 4 != 0
        let stem = Self.name(&rng, ascii: ascii)
        var names: [String] = []
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let own = Self.name(&rng, ascii: ascii)
            names.append(Bool.random(using: &rng) ? stem + own : own)
        }
        let expected = commonPrefix(names.map(ChangePrinter.name))
        if let found = OfferedNames.quotedCommonPrefix(names) {
            #expect(found == expected, "seed \(seed): \(names.debugDescription)")
        } else {
            #expect(!ascii, "seed \(seed): an ASCII map's prefix is always worked out, \(names.debugDescription)")
        }
    }

    @Test func edgeCases() {
        #expect(OfferedNames.quotedCommonPrefix([]) == "")
        #expect(OfferedNames.quotedCommonPrefix(["Inner Critic"]) == "\"Inner Critic\"")
        #expect(OfferedNames.quotedCommonPrefix(["to"]) == "\"to\"")
        #expect(OfferedNames.quotedCommonPrefix(["Planner", "planet"]) == "Plan")
        #expect(OfferedNames.quotedCommonPrefix(["Inner Critic", "inner child"]) == "\"Inner C")
        #expect(OfferedNames.quotedCommonPrefix(["Inner Critic", "Innocent"]) == "")
        #expect(OfferedNames.quotedCommonPrefix(["say \"no\"", "say \"nope\""]) == "\"say \\\"no")
        #expect(OfferedNames.quotedCommonPrefix(["Kritikerin ✨", "Kritik"]) == nil)
    }

    /// The candidates Tab lists are the names quoted, and the summary (count, prefix) matches them.
    @Test func theCompleterSummarisesWhatItWouldList() throws {
        var history = EditHistory()
        for line in ["add manager Inner Critic", "add exile Inner Child", "add manager \"to\""] {
            try history.record(Parser().parseJournalRecord(line), at: nil)
        }
        let system = history.system
        let found = Completer.complete("show ", in: system)
        #expect(found.candidates == ["\"Inner Critic\"", "\"Inner Child\"", "\"to\""])
        #expect(found.count == 3)
        #expect(found.commonPrefix == commonPrefix(found.candidates))
        let inner = Completer.complete("show inner", in: system)
        #expect(inner.commonPrefix == "\"Inner C")
    }
}
