/// How a map file reads: a header comment, then one record a line — the time it was made
/// (ISO-8601 UTC) and the change in the command language, or `undo` / `redo`:
///
///     # partsmap map v1 — one change per line, oldest first. Lines may be edited by hand.
///     2026-11-21T22:40:05Z session start first look
///     2026-11-21T22:40:31Z add manager "Inner Critic"
///     2026-11-21T22:41:02Z ask "Inner Critic" protecting being laughed at
///
/// Blank lines and lines starting with `#` are comments. A line without a time is accepted
/// (hand-written); it takes the time of the line before it.
public enum JournalFormat {
    public static let version = 1
    public static let header = "# partsmap map v1 — one change per line, oldest first. Lines may be edited by hand."

    public static func line(for record: JournalRecord, at time: Timestamp) -> String {
        let body: String
        switch record {
        case .change(let change): body = ChangePrinter.line(for: change)
        case .undo: body = "undo"
        case .redo: body = "redo"
        }
        return "\(time.iso8601) \(body)"
    }

    /// What a line of a map file holds.
    public enum Line: Equatable, Sendable {
        case comment
        /// `# partsmap map vN`
        case header(version: Int)
        case record(time: Timestamp?, body: Substring)
    }

    public static func classify(_ line: String) -> Line {
        let utf8 = line.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex, isBlank(utf8[start]) || utf8[start] == 0x0D { start = utf8.index(after: start) }
        guard start != utf8.endIndex else { return .comment }
        if utf8[start] == 0x23 {  // '#'
            let prefix = "# partsmap map v"
            if line.hasPrefix(prefix) {
                let digits = line.dropFirst(prefix.count).prefix(while: { $0.isASCII && $0.isNumber })
                if let version = Int(digits) { return .header(version: version) }
            }
            return .comment
        }
        // A time is exactly 20 ASCII bytes followed by a blank.
        if utf8.count >= 21, utf8[start] >= 0x30, utf8[start] <= 0x39 {
            let timeEnd = utf8.index(start, offsetBy: 20, limitedBy: utf8.endIndex) ?? utf8.endIndex
            if timeEnd != utf8.endIndex, isBlank(utf8[timeEnd]), let time = timestamp(utf8[start..<timeEnd]) {
                return .record(time: time, body: Substring(line.utf8[utf8.index(after: timeEnd)...]))
            }
        }
        return .record(time: nil, body: Substring(line.utf8[start...]))
    }

    /// The time at the start of a line, read in place when the line's bytes are contiguous.
    private static func timestamp(_ bytes: Substring.UTF8View) -> Timestamp? {
        if let time = bytes.withContiguousStorageIfAvailable({ Timestamp(iso8601: $0) }) { return time }
        return Timestamp(iso8601: Array(bytes))
    }
}

extension JournalFormat {
    /// The record of a line body in one of the forms `ChangePrinter` writes for the common
    /// changes — `ask "NAME" KEY TEXT`, `relate "A" KIND B [because TEXT]`, `set "NAME" FIELD
    /// TEXT`, `add ROLE NAME`, `add pattern NAME [with PERSON]`, `link`/`unlink`, `session
    /// start`/`end`, `undo`, `redo` — read straight from its words; nil for anything else
    /// (other verbs, other spellings, another shape), which the full `Parser` reads.
    ///
    /// Loading a map replays every line, so this is its hot path. For each form it accepts it
    /// gives exactly what `Parser().parseJournalRecord(body)` gives: it reads the same words
    /// with the same `Scanner`, and only takes shapes in which the parser's choices do not
    /// depend on which names the map holds (a quoted name right before its keyword, or a last
    /// name that is a single word).
    public static func canonicalRecord(_ body: String) -> JournalRecord? {
        var scanner = Scanner(body)
        func word() -> Token? { (try? scanner.next()) ?? nil }
        /// The next word, unquoted and exactly `text`.
        func keyword() -> String? {
            guard let token = word(), !token.quoted else { return nil }
            return token.text
        }
        /// A quoted name followed by its keyword.
        func quotedName() -> String? {
            guard let token = word(), token.quoted else { return nil }
            return token.text
        }
        /// The one word left on the line.
        func lastName() -> String? {
            guard let token = word(), scanner.atEnd else { return nil }
            return token.text
        }
        guard let verb = keyword() else { return nil }
        switch verb {
        case "ask":
            guard let name = quotedName(), let key = keyword(), let question = Question(rawValue: key) else { return nil }
            let text = scanner.rest()
            guard !text.isEmpty else { return nil }
            return .change(.answer(name: name, question: question, text: text))
        case "relate":
            guard let from = quotedName(), let kindWord = keyword(), let kind = RelationKind(rawValue: kindWord),
                  let to = word() else { return nil }
            if scanner.atEnd { return .change(.relate(from: from, kind: kind, to: to.text, reason: "")) }
            guard to.quoted, keyword() == "because" else { return nil }
            return .change(.relate(from: from, kind: kind, to: to.text, reason: scanner.rest()))
        case "set":
            guard let name = quotedName(), let fieldWord = keyword(), fieldWord != "role", let field = Field(word: fieldWord),
                  field.word == fieldWord else { return nil }
            return .change(.setField(name: name, field: field, text: scanner.rest()))
        case "add":
            guard let kind = keyword() else { return nil }
            if kind == "pattern" {
                guard let name = word() else { return nil }
                if scanner.atEnd { return .change(.addPattern(name: name.text, with: "")) }
                guard name.quoted, keyword() == "with" else { return nil }
                let person = scanner.rest()
                guard !person.isEmpty else { return nil }
                return .change(.addPattern(name: name.text, with: person))
            }
            guard kind != "unknown", let role = Role(word: kind), role.addWord == kind, let name = lastName() else { return nil }
            return .change(.addPart(name: name, role: role))
        case "link", "unlink":
            let separator = verb == "link" ? "to" : "from"
            guard let part = quotedName(), keyword() == separator, let pattern = lastName() else { return nil }
            return .change(verb == "link" ? .link(part: part, pattern: pattern) : .unlink(part: part, pattern: pattern))
        case "session":
            switch keyword() {
            case "start": return .change(.sessionStart(title: scanner.rest()))
            case "end": return scanner.atEnd ? .change(.sessionEnd) : nil
            default: return nil
            }
        case "undo": return scanner.atEnd ? .undo : nil
        case "redo": return scanner.atEnd ? .redo : nil
        default: return nil
        }
    }
}
