/// What every format's escaping shares: a person's text may hold line breaks of any kind (LF,
/// CR LF, a lone CR, as pasted from anywhere) and control characters no diagram or document can
/// show. Each format's own rules (DOT's quotes and `\N`, Mermaid's entities, Markdown's
/// punctuation, JSON's escapes) stay in its writer; they walk the text through here.
enum Escaping {
    /// One piece of a text, as a writer meets it.
    enum Piece {
        /// A line break: LF, CR LF or a lone CR, once each.
        case lineBreak
        case tab
        /// Anything else but a control character (those are left out).
        case scalar(Unicode.Scalar)
    }

    /// Walks `text` piece by piece: line breaks as one `.lineBreak` each, tabs, and every other
    /// scalar but C0 and C1 controls and DEL, which are dropped.
    static func forEachPiece(of text: String, _ body: (Piece) -> Void) {
        var afterCR = false
        for scalar in text.unicodeScalars {
            if afterCR {
                afterCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\n": body(.lineBreak)
            case "\r": body(.lineBreak); afterCR = true
            case "\t": body(.tab)
            default: if !isControl(scalar) { body(.scalar(scalar)) }
            }
        }
    }

    /// The text split at its line breaks (LF, CR LF or a lone CR), everything else kept.
    static func lines(of text: String) -> [String] {
        // Most text is one line (one pass over its bytes): it stays whole.
        text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) ? splitLines(of: text) : [text]
    }

    /// `lines` done the long way, scalar by scalar (what its fast path must equal).
    static func splitLines(of text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var breakAfterCR = false
        for scalar in text.unicodeScalars {
            if breakAfterCR {
                breakAfterCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\n", "\r":
                result.append(String(current))
                current = String.UnicodeScalarView()
                breakAfterCR = scalar == "\r"
            default:
                current.append(scalar)
            }
        }
        result.append(String(current))
        return result
    }

    /// C0 and C1 control characters and DEL (line breaks and tab are handled before this).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
