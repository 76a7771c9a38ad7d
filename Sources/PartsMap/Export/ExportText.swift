/// Small text helpers the export writers share. Everything here works on what a person typed
/// and must leave their words intact: it only chooses where lines break and how much of a long
/// answer a diagram shows at a glance.
enum ExportText {
    /// Breaks `text` into lines of about `width` characters at spaces. Words longer than the
    /// width stay whole; line breaks already in the text are kept. Joining the lines again with
    /// the spaces they were broken at gives back the text.
    static func wrap(_ text: String, width: Int) -> [String] {
        if let lines = wrapSimple(text, width: width) { return lines }
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

    /// Whether `bytes` is one line of text in which every Unicode scalar is a character of its
    /// own: ASCII (no line break), U+00A0–U+02FF (Latin letters, no combining marks) and
    /// U+2010–U+2027, U+2030–U+205E (dashes, quotes, ellipsis…). No grapheme cluster joins two
    /// such scalars, so there characters can be counted and split without Unicode tables.
    private static func isSimpleLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A || b == 0x0D { return false }
                i += 1
            } else if (b == 0xC2 && i + 1 < n && bytes[i + 1] >= 0xA0) || (b >= 0xC3 && b <= 0xCB) {
                i += 2
            } else if b == 0xE2, i + 2 < n,
                      (bytes[i + 1] == 0x80 && ((bytes[i + 2] >= 0x90 && bytes[i + 2] <= 0xA7) || bytes[i + 2] >= 0xB0))
                        || (bytes[i + 1] == 0x81 && bytes[i + 2] <= 0x9E) {
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    /// Characters in a stretch of a simple line: its scalars, the bytes that start one.
    @inline(__always) private static func characters(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var count = 0
        for b in bytes where b & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// `wrap` for a simple line (see `isSimpleLine`), on bytes. nil for any other text.
    private static func wrapSimple(_ text: String, width: Int) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            if bytes.count <= width, !bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                return [String(decoding: bytes, as: UTF8.self)]  // as many characters as bytes at most
            }
            guard isSimpleLine(bytes) else { return nil }
            var lines: [String] = []
            var line: [UInt8] = []
            var lineCount = 0
            var spaces = 0
            var wordStart = 0
            var i = 0
            func place() {
                let word = bytes[wordStart..<i]
                let wordCount = characters(word)
                if wordCount > 0, lineCount > 0, spaces == 1, lineCount + 1 + wordCount > width {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                    lineCount = 0
                } else {
                    for _ in 0..<spaces { line.append(0x20) }
                    lineCount += spaces
                }
                line.append(contentsOf: word)
                lineCount += wordCount
                spaces = 0
            }
            while i < bytes.count {
                if bytes[i] == 0x20 {
                    if i > wordStart { place() }
                    spaces += 1
                    wordStart = i + 1
                }
                i += 1
            }
            place()
            lines.append(String(decoding: line, as: UTF8.self))
            return lines
        }
    }

    /// The text split at its line breaks (LF, CR LF or a lone CR).
    static func paragraphs(_ text: String) -> [String] { Escaping.lines(of: text) }

    /// A glance at a longer text: blanks and line breaks run together as one space, cut at a word
    /// boundary to at most `limit` characters with an ellipsis.
    static func glance(_ text: String, limit: Int) -> String {
        if let result = glanceSimple(text, limit: limit) { return result }
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

    /// `glance` for simple text (see `isSimpleLine`; line breaks are blanks here), on bytes: its
    /// blanks are tab, line feed, vertical tab, form feed, carriage return, space and U+00A0.
    /// nil for any other text.
    private static func glanceSimple(_ text: String, limit: Int) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            // Line breaks are blanks here, so check the text with them read as spaces.
            var simple = true
            var start = 0
            for (i, b) in bytes.enumerated() where b == 0x0A || b == 0x0D {
                simple = simple && isSimpleLine(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
            }
            guard simple, isSimpleLine(UnsafeBufferPointer(rebasing: bytes[start...])) else { return nil }
            let n = bytes.count
            /// The length of the blank at `i`, 0 when there is none.
            func blank(_ i: Int) -> Int {
                let b = bytes[i]
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
                return b == 0xC2 && i + 1 < n && bytes[i + 1] == 0xA0 ? 2 : 0
            }
            var result: [UInt8] = []
            var count = 0
            var i = 0
            while i < n {
                var skip = 0
                while i < n { skip = blank(i); if skip == 0 { break }; i += skip }
                guard i < n else { break }
                let start = i
                while i < n, blank(i) == 0 { i += 1 }
                let word = bytes[start..<i]
                let wordCount = characters(word)
                let extra = (result.isEmpty ? 0 : 1) + wordCount
                if count + extra > limit {
                    if result.isEmpty {
                        // The first max(1, limit - 1) characters of the word.
                        var end = start
                        var taken = 0
                        while end < i, taken < max(1, limit - 1) {
                            end += 1
                            while end < i, bytes[end] & 0xC0 == 0x80 { end += 1 }
                            taken += 1
                        }
                        return String(decoding: bytes[start..<end], as: UTF8.self) + "…"
                    }
                    return String(decoding: result, as: UTF8.self) + "…"
                }
                if !result.isEmpty { result.append(0x20) }
                result.append(contentsOf: word)
                count += extra
            }
            return String(decoding: result, as: UTF8.self)
        }
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
        case .echoes: "“\(from)” echoes “\(to)” (repeats or parallels it)"
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
