@testable import PartsMap
import TestSupport

/// Text a person could type, drawn to be awkward: quotes, backslashes, keywords of the
/// language and of DOT, colons, leading digits, emoji, right-to-left scripts, blanks, line breaks.
enum NastyText {
    static let pieces = [
        "Inner", "Critic", "little one", " ", "  ", "\t", "\"", "'", "\\", "\\n", "\\\"", "\n", "\r\n",
        "to", "protects", "with", "because", "protecting", "age", "role", "node", "Graph", "STRICT", "digraph",
        "a:b", "42", "0x1F", "#", "--depth", "-", "✨", "🧒🏽", "Kritikerin", "שלום", "مرحبا", "é", "e\u{301}",
        "{", "}", ";", "[label=x]", "<b>", "&amp;", "%s", "\u{200B}", "Self", "self", "manager", "'s", "don't",
    ]

    static func make(_ rng: inout SeededGenerator, maxPieces: Int = 6) -> String {
        let count = Int.random(in: 0...maxPieces, using: &rng)
        return (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    /// A name the map would accept (non-empty, one line, not Self).
    static func name(_ rng: inout SeededGenerator) -> String {
        while true {
            let candidate = InnerSystem.normalized(make(&rng, maxPieces: 4).filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
            if !candidate.isEmpty, candidate.lowercased() != "self" { return candidate }
        }
    }
}
