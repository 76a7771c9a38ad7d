import Glibc

/// The journal's fast path, behind the parser: the lines a map is made of, read straight from their bytes.
extension Parser {
    /// The record of a line body in one of the forms `ChangePrinter` writes for the common
    /// changes — `ask "NAME" KEY TEXT`, `relate "A" KIND B [because TEXT]`, `set "NAME" FIELD
    /// TEXT`, `add ROLE NAME`, `add pattern NAME [with PERSON]`, `link`/`unlink`, `session
    /// start`/`end`, `undo`, `redo` — read straight from its words; nil for anything else
    /// (other verbs, other spellings, another shape), which the full `Parser` reads.
    ///
    /// Loading a map replays every line, so this is its hot path. For each form it accepts it
    /// gives exactly what `Parser().parseJournalRecord(body)` gives (JournalFastPathTests checks it on every
    /// kind of line, damaged ones too): it reads the same words
    /// by the same rules as `Scanner` (`LineWords`, in place, comparing keywords as bytes), and only takes shapes in which the parser's choices do not
    /// depend on which names the map holds (a quoted name right before its keyword, or a last
    /// name that is a single word).
    public static func canonicalRecord(_ body: String) -> JournalRecord? {
        var body = body
        body.makeContiguousUTF8()
        var names = RecentName()
        return body.utf8.withContiguousStorageIfAvailable { canonicalRecord(bytes: $0, names: &names) } ?? nil
    }

    /// The name the line before began with, to give the next line that starts with the same name the
    /// same string: a journal names one part on several lines in a row, and a long name is otherwise
    /// a new string (an allocation, and a longer comparison when the map looks it up) on each.
    struct RecentName {
        var name = ""

        mutating func string(_ range: Range<Int>, of words: LineWords) -> String {
            let same = name.utf8.withContiguousStorageIfAvailable { kept in
                kept.count == range.count && memcmp(kept.baseAddress!, words.bytes.baseAddress! + range.lowerBound, range.count) == 0
            }
            if same != true { name = words.string(range) }
            return name
        }
    }

    /// `canonicalRecord` of a body's UTF-8 bytes, read in place: only names and texts become
    /// strings.
    static func canonicalRecord(bytes body: UnsafeBufferPointer<UInt8>, names: inout RecentName) -> JournalRecord? {
        var words = LineWords(body)
        func word() -> LineWords.Word? { (try? words.next()) ?? nil }
        /// The next word, unquoted and exactly `keyword`.
        func keyword(_ keyword: StaticString) -> Bool {
            guard let found = word() else { return false }
            return words.word(found, is: keyword)
        }
        /// The next word if it is unquoted, as a (short, so not allocated) string.
        func keyword() -> String? {
            guard let found = word(), !found.quoted else { return nil }
            return words.text(of: found)
        }
        /// A quoted name followed by its keyword.
        func quotedName() -> String? {
            guard let found = word(), found.quoted else { return nil }
            guard let plain = found.plain else { return words.text(of: found) }
            return names.string(plain, of: words)
        }
        /// The one word left on the line.
        func lastName() -> String? {
            guard let found = word(), words.atEnd else { return nil }
            return words.text(of: found)
        }
        guard let verb = word(), !verb.quoted else { return nil }
        if words.word(verb, is: "ask") {
            guard let name = quotedName(), let key = keyword(), let question = Question(rawValue: key) else { return nil }
            let text = words.rest()
            guard !text.isEmpty else { return nil }
            return .change(.answer(name: name, question: question, text: text))
        }
        if words.word(verb, is: "relate") {
            guard let from = quotedName(), let kindWord = keyword(), let kind = RelationKind(rawValue: kindWord),
                  let to = word() else { return nil }
            if words.atEnd { return .change(.relate(from: from, kind: kind, to: words.text(of: to), reason: "")) }
            guard to.quoted, keyword("because") else { return nil }
            return .change(.relate(from: from, kind: kind, to: words.text(of: to), reason: words.rest()))
        }
        if words.word(verb, is: "set") {
            guard let name = quotedName(), let fieldWord = keyword(), fieldWord != "role",
                  let field = PartField(rawValue: fieldWord).map(Field.part) ?? PatternField(rawValue: fieldWord).map(Field.pattern)
            else { return nil }
            return .change(.setField(name: name, field: field, text: words.rest()))
        }
        if words.word(verb, is: "add") {
            guard let kind = keyword() else { return nil }
            if kind == "pattern" {
                guard let name = word() else { return nil }
                if words.atEnd { return .change(.addPattern(name: words.text(of: name), with: "")) }
                guard name.quoted, keyword("with") else { return nil }
                let person = words.rest()
                guard !person.isEmpty else { return nil }
                return .change(.addPattern(name: words.text(of: name), with: person))
            }
            guard let role = kind == "part" ? .unknown : Role(rawValue: kind), role != .unknown || kind == "part",
                  let name = lastName() else { return nil }
            return .change(.addPart(name: name, role: role))
        }
        let linking = words.word(verb, is: "link")
        if linking || words.word(verb, is: "unlink") {
            guard let part = quotedName(), keyword(linking ? "to" : "from"), let pattern = lastName() else { return nil }
            return .change(linking ? .link(part: part, pattern: pattern) : .unlink(part: part, pattern: pattern))
        }
        if words.word(verb, is: "session") {
            guard let which = word() else { return nil }
            if words.word(which, is: "start") { return .change(.sessionStart(title: words.rest())) }
            if words.word(which, is: "end") { return words.atEnd ? .change(.sessionEnd) : nil }
            return nil
        }
        if words.word(verb, is: "undo") { return words.atEnd ? .undo : nil }
        if words.word(verb, is: "redo") { return words.atEnd ? .redo : nil }
        return nil
    }
}
