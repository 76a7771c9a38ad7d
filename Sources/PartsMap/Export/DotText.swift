/// Quoted strings for DOT, safe for any text a person can type (checked against Graphviz 2.43).
///
/// User text only ever reaches DOT through these functions, always as a quoted string; IDs
/// are generated (`p1`, `pat3`). Graphviz reads a quoted attribute in three layers, and each
/// is handled:
///
/// 1. The lexer: `\"` is a quote; a string over 16,384 bytes is an error, so long text is
///    written as `"…" + "…"` pieces (split only between whole escapes and whole characters);
///    a raw line break must never appear (a following line starting with `#` is dropped).
/// 2. HTML entities are decoded in labels and tooltips (`&amp;` becomes `&`), so every `&`
///    is written `&amp;` and text such as `&lt;` comes back as typed.
/// 3. Escape sequences: in labels `\\` is a backslash, `\n` a line break and `\N`, `\G`, `\l`
///    … have meanings, so a backslash is written `\\`. Tooltips go through escape processing
///    twice (`\n` first, then `\N` and friends), so there a backslash is written `\\\\`.
///
/// Control characters other than line breaks and tabs have no place in a diagram (and would
/// make the SVG invalid XML); they are left out. Labels show a tab as a space.
enum DotText {
    /// Longest piece written between quotes, in bytes: well under Graphviz's 16,384.
    static let pieceLimit = 8_000

    enum Use {
        /// `label`, `xlabel`: what the diagram shows.
        case label
        /// `tooltip`: what an SVG viewer shows on hover.
        case tooltip
    }

    /// A label as a complete DOT value: `"…"`, or `"…" + "…"` when long.
    static func label(_ text: String) -> String { quoted(text, for: .label) }

    /// A tooltip as a complete DOT value.
    static func tooltip(_ text: String) -> String { quoted(text, for: .tooltip) }

    /// Lines of a label joined with DOT's centred line break.
    static func label(lines: [String]) -> String { label(lines.joined(separator: "\n")) }

    static func quoted(_ text: String, for use: Use) -> String {
        var pieces: [String] = []
        var piece = ""
        var pieceBytes = 0
        func add(_ unit: String) {
            let bytes = unit.utf8.count
            if pieceBytes + bytes > pieceLimit {
                pieces.append(piece)
                piece = ""
                pieceBytes = 0
            }
            piece += unit
            pieceBytes += bytes
        }
        let backslash = use == .label ? "\\\\" : "\\\\\\\\"
        var afterCR = false
        for scalar in text.unicodeScalars {
            if afterCR {
                afterCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\\": add(backslash)
            case "\"": add("\\\"")
            case "&": add("&amp;")
            case "\n": add("\\n")
            case "\r": add("\\n"); afterCR = true
            case "\t": add(use == .label ? " " : "\t")
            default:
                if isControl(scalar) { continue }
                add(String(scalar))
            }
        }
        pieces.append(piece)
        return pieces.map { "\"" + $0 + "\"" }.joined(separator: " + ")
    }

    /// C0 and C1 control characters and DEL (line breaks and tab are handled before this).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text as a label shows it once Graphviz has read the escapes back: what a test
    /// should find in the rendered diagram.
    static func shown(_ text: String, for use: Use) -> String {
        var result = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if afterCR {
                afterCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\r": result.append("\n"); afterCR = true
            case "\t": result.append(use == .label ? " " : "\t")
            case "\n": result.append("\n")
            default: if !isControl(scalar) { result.append(scalar) }
            }
        }
        return String(result)
    }
}
