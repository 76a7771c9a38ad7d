import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// Loading reads most journal lines through `Parser.canonicalRecord`, the fast path behind the
/// `Parser`. Whatever line it reads, it must read exactly as `Parser().parseJournalRecord` does,
/// whichever names the map knows — and leave every other line (other shapes, damaged ones) to the
/// parser by answering nil. Here on every kind of change ChangePrinter writes, on other spellings of
/// them, and on the same lines damaged byte by byte.
@Suite struct JournalFastPathTests {
    /// The parser's reading of a body, under three views of which names the map holds.
    static func parserReadings(_ body: String, names: Set<String>) -> [JournalRecord?] {
        [{ _ in false }, { _ in true }, { names.contains($0.lowercased()) }].map { known in
            try? Parser(isKnownName: known).parseJournalRecord(body)
        }
    }

    static func check(_ body: String, names: Set<String>, seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let fast = Parser.canonicalRecord(body) else { return false }
        let readings = parserReadings(body, names: names)
        #expect(readings.allSatisfy { $0 == fast }, "seed \(seed): the fast path read \(body.debugDescription) as \(fast), the parser as \(readings)",
                sourceLocation: sourceLocation)
        return true
    }

    /// Other ways a person may write the same line by hand: another case, other blanks, other quotes.
    static func respelled(_ body: String, _ rng: inout SeededGenerator) -> String {
        var words = body.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !words.isEmpty else { return body }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: words[0] = words[0].uppercased()
        case 1: return words.joined(separator: "  ")
        case 2: return "\t" + body + " "
        case 3: return body.replacingOccurrences(of: "\"", with: "'")
        default: if words.count > 1 { words[1] = words[1].capitalized }
        }
        return words.joined(separator: " ")
    }

    /// The line damaged: cut short, a byte changed, dropped or doubled, a quote inserted.
    static func damaged(_ body: String, _ rng: inout SeededGenerator) -> String {
        var bytes = Array(body.utf8)
        guard !bytes.isEmpty else { return "\"" }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        let noise: [UInt8] = Array(" \"'\\#-\t".utf8) + [UInt8(ascii: "a"), UInt8(ascii: "Z"), 0x80, 0xC3]
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: bytes.removeSubrange(at...)
        case 1: bytes[at] = noise.randomElement(using: &rng)!
        case 2: bytes.remove(at: at)
        case 3: bytes.insert(bytes[at], at: at)
        default: bytes.insert(UInt8(ascii: "\""), at: at)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theFastPathReadsEveryLineItTakesAsTheParserDoes() {
        // PARTSMAP_SEED replays one run; the seed used is in every failure's message.
        var rng = SeededGenerator.replayable(0xFA57_FA57)
        let seed = rng.seed
        var taken = (printed: 0, respelled: 0, damaged: 0)
        var kinds = Set<String>()
        for _ in 0..<6000 {
            let change = LanguageRoundTripTests.randomChange(&rng)
            let body = ChangePrinter.line(for: change)
            let names = Set([change].flatMap(\.namesForTest).map { $0.lowercased() })
            if Self.check(body, names: names, seed: seed) {
                taken.printed += 1
                kinds.insert(String(body.prefix { $0 != " " }))
            }
            if Self.check(Self.respelled(body, &rng), names: names, seed: seed) { taken.respelled += 1 }
            for _ in 0..<3 where Self.check(Self.damaged(body, &rng), names: names, seed: seed) { taken.damaged += 1 }
        }
        for record in ["undo", "redo", "undo now", "session end", "session end now", "session start", "add pattern", "ask", ""] {
            _ = Self.check(record, names: [], seed: seed)
        }
        // The fast path is a fast path only if it takes the common lines.
        #expect(taken.printed > 3000, "seed \(seed): \(taken)")
        #expect(kinds.isSuperset(of: ["add", "set", "relate", "link", "unlink", "ask", "session"]), "\(kinds)")
        print("journal fast path (seed \(seed)): took \(taken.printed) printed, \(taken.respelled) respelled and \(taken.damaged) damaged lines; every one as the parser reads it")
    }
}

private extension Change {
    /// The names a change mentions, for a parser that knows them.
    var namesForTest: [String] {
        switch self {
        case .addPart(let name, _), .addPattern(let name, _), .setField(let name, _, _), .setRole(let name, _),
             .remove(let name), .answer(let name, _, _), .checkin(let name, _, _, _), .mark(let name, _, _):
            return [name]
        case .selfReading(let reading): return reading.check.map { [$0.part] } ?? []
        case .selfCheck: return []
        case .rename(let name, let to): return [name, to]
        case .relate(let a, _, let b, _), .unrelate(let a, _, let b): return [a, b]
        case .link(let part, let pattern), .unlink(let part, let pattern): return [part, pattern]
        case .sessionStart, .sessionEnd: return []
        }
    }
}
