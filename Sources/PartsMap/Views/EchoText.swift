/// Text that came from input — a line, a name, a path, a file's content — as a message repeats it.
/// A damaged or hostile file must not be able to move the cursor, retitle the terminal or reorder
/// what is shown, nor bury the message under megabytes: every control character (C0, DEL, C1), line
/// and paragraph separator and bidirectional control is shown escaped (`\x1b`, `\n`, `\u{202E}`), and
/// the echo is cut after `limit` characters, saying how many were left off. Everything else — accents,
/// emoji, right-to-left scripts, quotes — is shown as typed, so an ordinary name reads as before.
/// (Invalid UTF-8 never gets this far: reading a line turns each bad byte into U+FFFD.)
public enum EchoText {
    /// How much of a name, a word or a line a message shows.
    public static let limit = 80
    /// Paths are shown longer: cutting one would hide which file is meant.
    public static let pathLimit = 400

    /// `text` made safe to print: escaped, and cut after `limit` characters with "…" and a count.
    public static func safe(_ text: some StringProtocol, limit: Int = limit) -> String {
        let (shown, leftOff) = render(text, limit: limit)
        return leftOff == 0 ? shown : "\(shown)… (\(Wording.count(leftOff, "more character")))"
    }

    /// A name or word as messages quote it back, `"Inner Critic"`; a cut one says after the closing
    /// quote how much was left off.
    public static func quoted(_ text: some StringProtocol, limit: Int = limit) -> String {
        let (shown, leftOff) = render(text, limit: limit)
        return leftOff == 0 ? "\"\(shown)\"" : "\"\(shown)…\" (\(Wording.count(leftOff, "more character")))"
    }

    /// A view (a card, a list, a timeline) as it goes to the terminal: names and answers may come from a
    /// damaged or hostile map, so every control character but the line breaks and tabs the view is laid out
    /// with is shown escaped, and so is what reorders a line. Nothing is cut, and right-to-left text (its
    /// direction marks included) reads as written.
    public static func printable(_ view: String) -> String {
        guard view.unicodeScalars.contains(where: isTerminalControl) else { return view }
        var out = String.UnicodeScalarView()
        for scalar in view.unicodeScalars {
            if isTerminalControl(scalar), let shown = escape(scalar) { out.append(contentsOf: shown.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// C0 (but line feed and tab), DEL and C1 — what a terminal may act on — and the bidi embeddings,
    /// overrides and isolates that reorder the rest of a line. (The direction marks stay: right-to-left
    /// text uses them.)
    private static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A path a person typed or a file's name, made safe to print.
    public static func path(_ path: some StringProtocol) -> String { safe(path, limit: pathLimit) }

    /// The shown text, at most `limit` characters counting escapes as they print, and how many
    /// characters of `text` did not fit.
    private static func render(_ text: some StringProtocol, limit: Int) -> (shown: String, leftOff: Int) {
        var shown = ""
        var count = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let piece = character.unicodeScalars.contains { escape($0) != nil }
                ? character.unicodeScalars.map { escape($0) ?? String($0) }.joined()
                : String(character)
            guard count + piece.count <= limit else { return (shown, text[index...].count) }
            shown += piece
            count += piece.count
            index = text.index(after: index)
        }
        return (shown, 0)
    }

    /// How a scalar that could act on a terminal is shown; nil for one that is shown as it is.
    static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09: "\\t"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x00...0x1F, 0x7F: "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        // C1 controls (CSI U+009B starts an escape sequence on some terminals), line and paragraph
        // separators, and the bidi controls that reorder what follows them on the screen.
        case 0x80...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default: nil
        }
    }
}
