import Testing
@testable import PartsMap
import TestSupport

/// The exports pass text that needs no escaping through whole, after one look at its bytes. That
/// shortcut must give exactly what escaping scalar by scalar gives, for any text: the awkward pieces
/// every export is tested with, plus the bytes the shortcuts single out (C1 controls and NEL, whose
/// UTF-8 starts 0xC2; U+2028/U+2029, which start 0xE2; DEL; a tab; a list marker at a line's start).
@Suite struct EscapingFastPathTests {
    static let extraPieces = [
        "\u{85}", "\u{9F}", "\u{A0}", "©", "\u{2028}", "\u{2029}", "€", "\u{7F}", "\t", "\u{1}", "-", "+",
        "1.", "2)", "7", " ", "plain words", "ü", "!", "=", "&", "\r",
    ]

    static func text(_ rng: inout SeededGenerator) -> String {
        let count = Int.random(in: 0...8, using: &rng)
        return (0..<count).map { _ in
            Bool.random(using: &rng) ? NastyText.pieces.randomElement(using: &rng)! : extraPieces.randomElement(using: &rng)!
        }.joined()
    }

    @Test func eachShortcutGivesWhatTheFullEscapeGives() {
        var rng = SeededGenerator.replayable(0xE5C)
        var shortcutsTaken = (html: 0, json: 0, markdown: 0, lines: 0)
        for round in 0..<20_000 {
            let value = Self.text(&rng)
            #expect(HTMLWriter.text(value) == HTMLWriter.escapedText(value), "round \(round): \(value.debugDescription)")
            #expect(HTMLWriter.escapedBytes(value) == HTMLWriter.escapedText(value), "round \(round): \(value.debugDescription)")
            #expect(JSONWriter.quoted(value) == JSONWriter.escapedQuoted(value), "round \(round): \(value.debugDescription)")
            #expect(MarkdownWriter.lineText(value) == MarkdownWriter.escapedLineText(value), "round \(round): \(value.debugDescription)")
            #expect(Escaping.lines(of: value) == Escaping.splitLines(of: value), "round \(round): \(value.debugDescription)")
            if HTMLWriter.text(value) == value { shortcutsTaken.html += 1 }
            if JSONWriter.quoted(value) == "\"" + value + "\"" { shortcutsTaken.json += 1 }
            if MarkdownWriter.lineText(value) == value { shortcutsTaken.markdown += 1 }
            if Escaping.lines(of: value).count == 1 { shortcutsTaken.lines += 1 }
        }
        // Both sides of every shortcut were reached.
        #expect((1..<20_000).contains(shortcutsTaken.html))
        #expect((1..<20_000).contains(shortcutsTaken.json))
        #expect((1..<20_000).contains(shortcutsTaken.markdown))
        #expect((1..<20_000).contains(shortcutsTaken.lines))
    }
}
