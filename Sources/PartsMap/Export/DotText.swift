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
        // Most text needs no escape and fits in one piece: quote it as it is.
        if text.utf8.count <= pieceLimit, !text.utf8.contains(where: mayNeedEscape) { return "\"" + text + "\"" }
        var text = text
        return text.withUTF8 { String(decoding: quotedBytes($0, for: use), as: UTF8.self) }
    }

    /// A byte that may start something `quoted` does not copy as it is: a backslash, `"`, `&`, a C0
    /// control (line breaks and tab included), DEL, or 0xC2, which leads the UTF-8 of every C1
    /// control (U+0080–U+009F).
    @inline(__always) static func mayNeedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x26 || b == 0x5C || b == 0x7F || b == 0xC2
    }

    /// The quoted DOT value of `text`'s UTF-8, one Unicode scalar (or its escape) at a time,
    /// starting a new `"…" + "…"` piece before a scalar or escape that would take the current
    /// one past `pieceLimit` bytes. Runs of bytes that need nothing are copied whole.
    static func quotedBytes(_ text: UnsafeBufferPointer<UInt8>, for use: Use) -> [UInt8] {
        let n = text.count
        // At most 5 bytes out for one in (`&amp;`), and `" + "` per piece of nearly pieceLimit.
        let capacity = 5 * n + 5 * (5 * n / (pieceLimit - 8) + 1) + 2
        let label = use == .label
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
            let out = buffer.baseAddress!
            var o = 0
            var pieceBytes = 0
            @inline(__always) func put(_ bytes: StaticString) {
                let count = bytes.utf8CodeUnitCount
                if pieceBytes + count > pieceLimit { newPiece() }
                (out + o).update(from: bytes.utf8Start, count: count)
                o += count
                pieceBytes += count
            }
            @inline(__always) func newPiece() {
                let pieceBreak: StaticString = "\" + \""
                (out + o).update(from: pieceBreak.utf8Start, count: 5)
                o += 5
                pieceBytes = 0
            }
            out[o] = 0x22
            o += 1
            var afterCR = false
            var i = 0
            while i < n {
                // A run of bytes that need nothing: whole scalars, neither escapes nor controls.
                var j = i
                while j < n, !mayNeedEscape(text[j]) { j += 1 }
                if j > i {
                    afterCR = false
                    if pieceBytes + (j - i) <= pieceLimit {
                        (out + o).update(from: text.baseAddress! + i, count: j - i)
                        o += j - i
                        pieceBytes += j - i
                        i = j
                    } else {
                        while i < j {
                            let b = text[i]
                            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                            if pieceBytes + length > pieceLimit { newPiece() }
                            (out + o).update(from: text.baseAddress! + i, count: length)
                            o += length
                            pieceBytes += length
                            i += length
                        }
                    }
                    continue
                }
                let b = text[i]
                if afterCR {
                    afterCR = false
                    if b == 0x0A { i += 1; continue }
                }
                switch b {
                case 0x5C: label ? put("\\\\") : put("\\\\\\\\")
                case 0x22: put("\\\"")
                case 0x26: put("&amp;")
                case 0x0A: put("\\n")
                case 0x0D: put("\\n"); afterCR = true
                case 0x09: label ? put(" ") : put("\t")
                case 0xC2:
                    // U+0080–U+00FF; U+0080–U+009F are C1 controls, left out.
                    if i + 1 < n, text[i + 1] <= 0x9F {
                        i += 2
                        continue
                    }
                    if pieceBytes + 2 > pieceLimit { newPiece() }
                    (out + o).update(from: text.baseAddress! + i, count: 2)
                    o += 2
                    pieceBytes += 2
                    i += 2
                    continue
                default:
                    break  // another C0 control, or DEL: left out
                }
                i += 1
            }
            out[o] = 0x22
            o += 1
            written = o
        }
    }

    /// The text as a label shows it once Graphviz has read the escapes back: what a test
    /// should find in the rendered diagram.
    static func shown(_ text: String, for use: Use) -> String {
        var result = String.UnicodeScalarView()
        Escaping.forEachPiece(of: text) { piece in
            switch piece {
            case .lineBreak: result.append("\n")
            case .tab: result.append(use == .label ? " " : "\t")
            case .scalar(let scalar): result.append(scalar)
            }
        }
        return String(result)
    }
}
