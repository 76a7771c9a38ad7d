import Testing
@testable import PartsMap
import TestSupport

/// parse(print(change)) == change, for changes full of text that is hard to quote.
@Suite struct LanguageRoundTripTests {
    static func randomChange(_ rng: inout SeededGenerator) -> Change {
        func any() -> String { NastyText.make(&rng) }
        func level() -> Int { Int.random(in: 0...10, using: &rng) }
        switch Int.random(in: 0..<18, using: &rng) {
        case 0: return .addPart(name: any(), role: Role.allCases.randomElement(using: &rng)!)
        case 1: return .addPattern(name: any(), with: Bool.random(using: &rng) ? "" : any())
        case 2:
            let field: Field = Bool.random(using: &rng)
                ? .part(PartField.allCases.randomElement(using: &rng)!)
                : .pattern(PatternField.allCases.randomElement(using: &rng)!)
            return .setField(name: any(), field: field, text: any())
        case 3: return .setRole(name: any(), role: Role.allCases.randomElement(using: &rng)!)
        case 4: return .rename(name: any(), to: any())
        case 5: return .remove(name: any())
        case 6: return .relate(from: any(), kind: RelationKind.allCases.randomElement(using: &rng)!, to: any(),
                               reason: Bool.random(using: &rng) ? "" : any())
        case 7: return .unrelate(from: any(), kind: RelationKind.allCases.randomElement(using: &rng)!, to: any())
        case 8: return .link(part: any(), pattern: any())
        case 9: return .unlink(part: any(), pattern: any())
        case 10:
            var text = any()
            if text.isEmpty { text = "x" }  // an empty answer is not a change
            return .answer(name: any(), question: Question.allCases.randomElement(using: &rng)!, text: text)
        case 11: return .sessionStart(title: any())
        case 12: return .sessionEnd
        case 13: return .checkin(part: any(), level: level(), blended: Bool.random(using: &rng), text: any())
        case 14: return .mark(part: any(), step: HealingStep.allCases.randomElement(using: &rng)!, text: any())
        case 15:
            let qualities = SelfQuality.allCases.filter { _ in Bool.random(using: &rng) }.map { SelfReading.QualityLevel($0, level()) }
            var reading = SelfReading(level: Bool.random(using: &rng) ? level() : nil, qualities: qualities, note: any(),
                                      check: Bool.random(using: &rng) ? (SelfCheckMoment.allCases.randomElement(using: &rng)!, any()) : nil)
            // A reading is a level or a quality, or else a note alone; a Self check has a level.
            if reading.level == nil && reading.qualities.isEmpty && (reading.check != nil || reading.note.isEmpty) { reading.level = level() }
            return .selfReading(reading)
        case 16: return .selfCheck(on: Bool.random(using: &rng))
        default: return .addPart(name: NastyText.name(&rng), role: .manager)
        }
    }

    @Test func everyChangeReadsBackAsItself() throws {
        var rng = SeededGenerator.replayable(0x5EED)
        for _ in 0..<3000 {
            let change = Self.randomChange(&rng)
            let line = ChangePrinter.line(for: change)
            #expect(!line.contains("\n"), "a journal line must be one line: \(line)")
            let parsed = try Parser().parse(line)
            #expect(parsed == .change(change), "\(change) printed as \(line)")
        }
    }

    @Test func roundTripHoldsWhenTheMapKnowsTheNames() throws {
        // A parser that knows names picks splits by them; the canonical line must not depend on that.
        var rng = SeededGenerator.replayable(42)
        for _ in 0..<1000 {
            let change = Self.randomChange(&rng)
            let line = ChangePrinter.line(for: change)
            let parsed = try Parser(isKnownName: { _ in Bool.random(using: &rng) }).parse(line)
            #expect(parsed == .change(change), "\(line)")
        }
    }

    @Test func journalLinesCarryTheirTime() {
        let time = Timestamp(iso8601: "2026-11-21T22:40:05Z")!
        let line = JournalFormat.line(for: .change(.addPart(name: "Inner Critic", role: .manager)), at: time)
        #expect(line == "2026-11-21T22:40:05Z add manager \"Inner Critic\"")
        #expect(JournalFormat.classify(line) == .record(time: time, body: "add manager \"Inner Critic\""))
        #expect(JournalFormat.classify("undo") == .record(time: nil, body: "undo"))
        #expect(JournalFormat.classify("# partsmap map v7 — x") == .header(version: 7))
        #expect(JournalFormat.classify("   ") == .comment)
    }

    @Test func timestampsRoundTrip() {
        var rng = SeededGenerator.replayable(7)
        for _ in 0..<2000 {
            let t = Timestamp(secondsSinceEpoch: Int64.random(in: -2_000_000_000...4_000_000_000, using: &rng))
            #expect(Timestamp(iso8601: t.iso8601) == t, "\(t.iso8601)")
        }
        #expect(Timestamp(secondsSinceEpoch: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(secondsSinceEpoch: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
        #expect(Timestamp(iso8601: "2026-13-01T00:00:00Z") == nil)
    }
}
