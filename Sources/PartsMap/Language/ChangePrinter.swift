/// Turns a change into its one canonical line of the command language — the line the journal
/// keeps. `Parser().parse(ChangePrinter.line(for: c)) == .change(c)` for every change.
public enum ChangePrinter {
    public static func line(for change: Change) -> String {
        switch change {
        case .addPart(let n, let role):
            return "add \(role.addWord) \(name(n))"
        case .addPattern(let n, let with):
            return with.isEmpty ? "add pattern \(name(n))" : "add pattern \(leading(n)) with \(text(with))"
        case .setField(let n, let field, let t):
            return "set \(leading(n)) \(field.word) \(text(t))"
        case .setRole(let n, let role):
            return "set \(leading(n)) role \(role.addWord)"
        case .rename(let n, let to):
            return "rename \(leading(n)) to \(name(to))"
        case .remove(let n):
            return "remove \(name(n))"
        case .relate(let a, let kind, let b, let reason):
            if reason.isEmpty { return "relate \(leading(a)) \(kind.rawValue) \(name(b))" }
            return "relate \(leading(a)) \(kind.rawValue) \(leading(b)) because \(text(reason))"
        case .unrelate(let a, let kind, let b):
            return "unrelate \(leading(a)) \(kind.rawValue) \(name(b))"
        case .link(let p, let pattern):
            return "link \(leading(p)) to \(name(pattern))"
        case .unlink(let p, let pattern):
            return "unlink \(leading(p)) from \(name(pattern))"
        case .answer(let n, let question, let t):
            return "ask \(leading(n)) \(question.rawValue) \(text(t))"
        case .incident(let p, let number, let kind, let entry, let t):
            return "\(kind.rawValue) \(leading(p)) \(number) \(entry.words) \(text(t))"
        case .sessionStart(let title):
            return title.isEmpty ? "session start" : "session start \(text(title))"
        case .sessionEnd:
            return "session end"
        case .selfReading(let reading):
            var line = "self"
            if let level = reading.level { line += " \(level)" }
            for quality in reading.qualities { line += " \(quality.quality.rawValue) \(quality.level)" }
            if let check = reading.check { line += " --\(check.moment.rawValue) \(leading(check.part))" }
            if !reading.note.isEmpty {
                // A note alone (the end of a check-in with no level given) says so.
                if reading.level == nil && reading.qualities.isEmpty { line += " --note" }
                line += " " + text(reading.note, unlessFirstWord: SelfCommand.couldStartReading)
            }
            return line
        case .checkin(let part, let level, let blended, let t):
            return "checkin \(leading(part)) \(level)\(blended ? " blended" : "")"
                + (t.isEmpty ? "" : " " + text(t, unlessFirstWord: { $0.lowercased() == "blended" }))
        case .mark(let part, let step, let t):
            return "mark \(leading(part)) \(step.rawValue)\(t.isEmpty ? "" : " " + text(t))"
        case .selfCheck(let on):
            return "selfcheck \(on ? "on" : "off")"
        }
    }

    /// A TEXT after words it could be mistaken for: quoted when its first word would read as one of them.
    static func text(_ s: String, unlessFirstWord misread: (String) -> Bool) -> String {
        let first = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return misread(first) ? doubleQuoted(s) : text(s)
    }

    /// A name as one word: bare when it reads back unchanged, otherwise in double quotes.
    public static func name(_ s: String) -> String {
        // One pass over the bytes, in place (Tab offers every name through here).
        let bare = s.utf8.withContiguousStorageIfAvailable { isBare(s, $0) } ?? Array(s.utf8).withUnsafeBufferPointer { isBare(s, $0) }
        return bare ? s : doubleQuoted(s)
    }

    /// Whether `name` (whose UTF-8 is `bytes`) is written as it is; if not, `doubleQuoted` writes it.
    static func isBare(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isBareWord(bytes) && !Vocabulary.isReserved(name)
    }

    /// Whether `doubleQuoted` escapes something in `bytes` (else it only puts quotes round them).
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D })
    }

    /// Not empty, not "#…" or "-…", and no blank, control, quote or backslash.
    private static func isBareWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first != 0x23, first != 0x2D else { return false }
        for b in bytes where b <= 0x20 || b == 0x7F || b == 0x22 || b == 0x27 || b == 0x5C { return false }
        return true
    }

    /// A name with more words after it: always quoted, so that the line reads the same whatever
    /// other names the map holds (an unquoted name ends at the first keyword after a known name).
    public static func leading(_ s: String) -> String { doubleQuoted(s) }

    /// A TEXT, which runs to the end of the line: bare when it reads back unchanged.
    public static func text(_ s: String) -> String {
        guard let first = s.utf8.first, first != 0x22, first != 0x27, !isBlank(first), !isBlank(s.utf8.last!),
              !s.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F })
        else { return doubleQuoted(s) }
        return s
    }

    static func doubleQuoted(_ s: String) -> String {
        // Nothing to escape (the usual case): the text between quotes as it is.
        let plain = s.utf8.withContiguousStorageIfAvailable { !needsEscape($0) } ?? false
        if plain {
            let count = s.utf8.count
            return String(unsafeUninitializedCapacity: count + 2) { buffer in
                buffer[0] = 0x22
                _ = UnsafeMutableBufferPointer(rebasing: buffer[1...]).initialize(from: s.utf8)
                buffer[count + 1] = 0x22
                return count + 2
            }
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
