/// Small text helpers the export writers share. Everything here works on what a person typed
/// and must leave their words intact: it only chooses where lines break and how much of a long
/// answer a diagram shows at a glance.
enum ExportText {
    /// Breaks `text` into lines of about `width` characters at spaces. Words longer than the
    /// width stay whole; line breaks already in the text are kept. Joining the lines again with
    /// the spaces they were broken at gives back the text.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in paragraphs(text) {
            var line = ""
            var lineCount = 0
            var spaces = 0  // blanks seen before the word being read
            var word = ""
            func place() {
                if !word.isEmpty, lineCount > 0, spaces == 1, lineCount + 1 + word.count > width {
                    lines.append(line)
                    line = word
                    lineCount = word.count
                } else {
                    line += String(repeating: " ", count: spaces) + word
                    lineCount += spaces + word.count
                }
                spaces = 0
                word = ""
            }
            for character in paragraph {
                if character == " " {
                    if !word.isEmpty { place() }
                    spaces += 1
                } else {
                    word.append(character)
                }
            }
            place()
            lines.append(line)
        }
        return lines
    }

    /// The text split at its line breaks (LF, CR LF or a lone CR).
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pendingCR = false
        while let scalar = scalars.next() {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\n":
                result.append(String(current)); current = String.UnicodeScalarView()
            case "\r":
                result.append(String(current)); current = String.UnicodeScalarView()
                pendingCR = true
            default:
                current.append(scalar)
            }
        }
        result.append(String(current))
        return result
    }

    /// A glance at a longer text: blanks and line breaks run together as one space, cut at a word
    /// boundary to at most `limit` characters with an ellipsis.
    static func glance(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        var result = ""
        var count = 0
        for word in words {
            let extra = (result.isEmpty ? 0 : 1) + word.count
            if count + extra > limit {
                if result.isEmpty { return String(word.prefix(max(1, limit - 1))) + "…" }
                return result + "…"
            }
            if !result.isEmpty { result += " " }
            result += word
            count += extra
        }
        return result
    }

    /// The role as a diagram or handout names it.
    static func roleWord(_ role: Role) -> String {
        switch role {
        case .manager: "manager"
        case .firefighter: "firefighter"
        case .exile: "exile"
        case .unknown: "role not yet clear"
        }
    }

    /// A relation read aloud: `Inner Critic protects Little One`, `A and B are polarized`.
    static func sentence(_ kind: RelationKind, _ from: String, _ to: String) -> String {
        switch kind {
        case .protects: "\(from) protects \(to)"
        case .polarized: "\(from) and \(to) are polarized (pulling in opposite directions)"
        case .allied: "\(from) and \(to) are allied"
        }
    }

    /// An answer's date for people to read, or nil when it has none.
    static func date(_ time: Timestamp?) -> String? { time?.localDate }

    /// Hexadecimal of a byte, two digits, upper case.
    static func hex2(_ value: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }
}
