/// Reads a line of the command language into a `Command`.
///
/// Where a command takes one name, the unquoted words are the name (`add manager Inner Critic`).
/// Where a keyword separates two names (`rename A to B`, `relate A protects B`), the first
/// unquoted keyword that follows a known name separates them, or else the first keyword; quote
/// a name that holds a keyword to be sure. A TEXT is the rest of the line, quotes optional.
public struct Parser {
    /// Whether a name exists in the map; used only to pick between readings of unquoted names.
    public var isKnownName: (String) -> Bool

    public init(isKnownName: @escaping (String) -> Bool = { _ in false }) {
        self.isKnownName = isKnownName
    }

    public func parse(_ line: String) throws(ParseError) -> Command {
        var scanner = Scanner(line)
        guard let first = try next(&scanner) else { throw .syntax(.emptyLine) }
        let verb = first.quoted ? "" : first.text.lowercased()
        // A part may be named like one of the later verbs ("Open Heart protects Little One").
        if Vocabulary.verbsYieldingToAliases.contains(verb), let alias = knownAlias(line) { return alias }
        switch verb {
        case "add": return try parseAdd(&scanner)
        case "show": return try parseShow(&scanner)
        case "list": return try parseList(&scanner)
        case "set": return try parseSet(&scanner)
        case "rename":
            let (old, new) = try twoNames(&scanner, separators: Separators.to, verb: "rename", what: ("NAME", "NEWNAME"))
            return .change(.rename(name: old, to: new))
        case "remove":
            return .change(.remove(name: try requiredName(&scanner, verb: "remove")))
        case "relate", "unrelate":
            return try parseRelate(&scanner, verb: verb)
        case "link":
            let (part, pattern) = try twoNames(&scanner, separators: Separators.to, verb: "link", what: ("PART", "PATTERN"))
            return .change(.link(part: part, pattern: pattern))
        case "unlink":
            let (part, pattern) = try twoNames(&scanner, separators: Separators.from, verb: "unlink", what: ("PART", "PATTERN"))
            return .change(.unlink(part: part, pattern: pattern))
        case "ask": return try parseAsk(&scanner)
        case "session": return try parseSession(&scanner)
        case "sessions": try expectEnd(&scanner, verb: "sessions"); return .sessions
        case "changes":
            let session = scanner.rest()
            return .changes(session: session.isEmpty ? nil : session)
        case "timeline": try expectEnd(&scanner, verb: "timeline"); return .timeline
        case "diff": return try parseDiff(&scanner)
        case "open": return try parseOpen(&scanner)
        case "maps": try expectEnd(&scanner, verb: "maps"); return .maps
        case "encrypt": try expectEnd(&scanner, verb: "encrypt"); return .encrypt
        case "decrypt": try expectEnd(&scanner, verb: "decrypt"); return .decrypt
        case "undo": try expectEnd(&scanner, verb: "undo"); return .undo
        case "redo": try expectEnd(&scanner, verb: "redo"); return .redo
        case "export": return try parseExport(&scanner)
        case "help":
            let topic = try next(&scanner)?.text
            try expectEnd(&scanner, verb: "help")
            return .help(topic: topic)
        case "quit", "exit": try expectEnd(&scanner, verb: "quit"); return .quit
        case "history": return try parseHistory(&scanner)
        default:
            // Natural aliases: `manager Inner Critic`, `pattern Hot and cold with Sam`, `Critic protects Little One`.
            var again = Scanner(line)
            if !first.quoted, Role(word: verb) != nil || verb == "pattern" {
                return try parseAdd(&again)
            }
            if let relate = try? parseRelate(&again, verb: "relate", aliasForm: true) { return relate }
            let suggestion = first.quoted ? nil : nearestWord(to: verb, in: Vocabulary.verbs)
            throw .unknownCommand(first.text, suggestion: suggestion)
        }
    }

    /// `A protects|polarized|allied B` when A is a name on the map, else nil.
    private func knownAlias(_ line: String) -> Command? {
        var scanner = Scanner(line)
        guard let alias = try? parseRelate(&scanner, verb: "relate", aliasForm: true),
              case .change(.relate(let a, _, _, _)) = alias, isKnownName(a) else { return nil }
        return alias
    }

    /// A journal line: only changes, undo and redo belong in a map file.
    public func parseJournalRecord(_ line: String) throws(ParseError) -> JournalRecord {
        switch try parse(line) {
        case .change(let change): return .change(change)
        case .undo: return .undo
        case .redo: return .redo
        default:
            var scanner = Scanner(line)
            throw .notAChange((try? scanner.next())?.text ?? line)
        }
    }

    // MARK: Commands

    private func parseAdd(_ scanner: inout Scanner) throws(ParseError) -> Command {
        var usage: String { CommandTable.info("add")!.forms.joined(separator: " or ") }
        guard let kind = try next(&scanner) else { throw .missing("what to add", usage: usage) }
        let word = kind.text.lowercased()
        if !kind.quoted, word == "pattern" {
            let split = try splitName(&scanner, separators: Separators.with)
            guard let name = split.name else { throw .missing("the pattern's NAME", usage: CommandTable.info("add")!.forms[1]) }
            let person = split.separator == nil ? "" : scanner.rest()
            if split.separator != nil, person.isEmpty {
                throw .missing("the PERSON after \"with\"", usage: CommandTable.info("add")!.forms[1])
            }
            return .change(.addPattern(name: name, with: person))
        }
        guard !kind.quoted, let role = Role(word: word), word != "unknown" else {
            throw .unknownWord(kind.text, expected: "something to add",
                               suggestion: nearestWord(to: word, in: Vocabulary.roleWords + ["pattern"]), usage: usage)
        }
        guard let name = try names(&scanner) else { throw .missing("a NAME", usage: "add \(word) NAME") }
        return .change(.addPart(name: name, role: role))
    }

    /// `show [NAME] [--at SESSION]`; `--at` may come before or after the name.
    private func parseShow(_ scanner: inout Scanner) throws(ParseError) -> Command {
        var words: [String] = []
        var at: String?
        while let token = try next(&scanner) {
            if !token.quoted, token.text.lowercased() == "--at" {
                guard at == nil else { throw .unexpected(token.text, usage: CommandTable.info("show")!.forms[2]) }
                guard let session = try next(&scanner) else {
                    throw .missing("a SESSION after --at (its number or title)", usage: CommandTable.info("show")!.forms[2])
                }
                at = session.text
            } else {
                words.append(token.text)
            }
        }
        return .show(name: words.isEmpty ? nil : words.joined(separator: " "), at: at)
    }

    /// `diff SESSION_A [SESSION_B]`: two words at most (a title of several words in quotes).
    private func parseDiff(_ scanner: inout Scanner) throws(ParseError) -> Command {
        let usage = CommandTable.usage("diff")
        guard let from = try next(&scanner) else { throw .missing("the SESSION to compare from (its number or title)", usage: usage) }
        let to = try next(&scanner)
        if let extra = try next(&scanner) {
            throw .unexpected(extra.text, usage: usage + " — a title of several words goes in quotes")
        }
        return .diff(from: from.text, to: to?.text)
    }

    /// `open [--read-only] FILE`; FILE is the rest of the line, quotes optional.
    private func parseOpen(_ scanner: inout Scanner) throws(ParseError) -> Command {
        var readOnly = false
        if let flag = try peek(&scanner), !flag.quoted, flag.text.lowercased() == "--read-only" {
            _ = try next(&scanner)
            readOnly = true
        }
        let map = scanner.rest()
        guard !map.isEmpty else { throw .missing("the map to open (a file, or a name from `maps`)", usage: CommandTable.usage("open")) }
        return .open(map: map, readOnly: readOnly)
    }

    /// `history [off|on|clear]`.
    private func parseHistory(_ scanner: inout Scanner) throws(ParseError) -> Command {
        guard let word = try next(&scanner) else { return .history(.status) }
        try expectEnd(&scanner, verb: "history")
        guard !word.quoted, let request = HistoryRequest(rawValue: word.text.lowercased()), request != .status else {
            throw .unknownWord(word.text, expected: "off, on or clear", suggestion: nearestWord(to: word.text, in: Vocabulary.historyWords),
                               usage: CommandTable.usage("history"))
        }
        return .history(request)
    }

    private func parseList(_ scanner: inout Scanner) throws(ParseError) -> Command {
        guard let token = try next(&scanner) else { return .list(.everything) }
        try expectEnd(&scanner, verb: "list")
        switch token.text.lowercased() {
        case "parts", "part": return .list(.parts)
        case "patterns", "pattern": return .list(.patterns)
        case "managers", "manager": return .list(.role(.manager))
        case "firefighters", "firefighter": return .list(.role(.firefighter))
        case "exiles", "exile": return .list(.role(.exile))
        case "unknown": return .list(.role(.unknown))
        default:
            throw .unknownWord(token.text, expected: "something to list",
                               suggestion: nearestWord(to: token.text, in: Vocabulary.listFilters),
                               usage: CommandTable.usage("list"))
        }
    }

    private func parseSet(_ scanner: inout Scanner) throws(ParseError) -> Command {
        var usage: String { CommandTable.usage("set") }
        let split = try splitName(&scanner, separators: Separators.fields)
        guard let name = split.name else { throw .missing("NAME", usage: usage) }
        guard let fieldWord = split.separator else {
            throw .missing("a FIELD (\(Vocabulary.fields.joined(separator: " ")))", usage: usage)
        }
        let text = scanner.rest()
        if fieldWord == "role" {
            guard let role = Role(word: text) else {
                throw .unknownWord(text, expected: "a role", suggestion: nearestWord(to: text, in: Vocabulary.roleWords + ["unknown"]),
                                   usage: "set NAME role manager|firefighter|exile|unknown")
            }
            return .change(.setRole(name: name, role: role))
        }
        return .change(.setField(name: name, field: Field(word: fieldWord)!, text: text))
    }

    private func parseRelate(_ scanner: inout Scanner, verb: String, aliasForm: Bool = false) throws(ParseError) -> Command {
        var usage: String { aliasForm ? "A protects|polarized|allied B" : CommandTable.usage(verb) }
        let first = try splitName(&scanner, separators: Separators.kinds)
        guard let a = first.name else { throw .missing("A", usage: usage) }
        guard let kindWord = first.separator else { throw .missing("protects, polarized or allied", usage: usage) }
        let kind = RelationKind(rawValue: kindWord)!
        if verb == "unrelate" {
            guard let b = try names(&scanner) else { throw .missing("B", usage: usage) }
            return .change(.unrelate(from: a, kind: kind, to: b))
        }
        let second = try splitName(&scanner, separators: Separators.because)
        guard let b = second.name else { throw .missing("B", usage: usage) }
        let reason = second.separator == nil ? "" : scanner.rest()
        return .change(.relate(from: a, kind: kind, to: b, reason: reason))
    }

    private func parseAsk(_ scanner: inout Scanner) throws(ParseError) -> Command {
        var usage: String { CommandTable.info("ask")!.forms.prefix(3).joined(separator: " or ") }
        guard !scanner.atEnd else { throw .missing("whom to ask", usage: usage) }
        var whole = scanner
        // A quoted name followed by more words is never the whole rest (nor is one with a space in
        // it), so that is only looked up when it is all there is; and the rest may not read as
        // names at all (an answer can hold a stray quote).
        if (try? whole.peek())??.quoted ?? false {
            if let word = try? whole.next(), whole.atEnd, !word.text.contains(" "), isKnownName(word.text) {
                return .ask(name: word.text)
            }
        } else if let everything = try? names(&whole), isKnownName(everything) {
            return .ask(name: everything)
        }
        let split = try splitName(&scanner, separators: Separators.questionKeys)
        guard let name = split.name else { throw .missing("whom to ask", usage: usage) }
        guard let key = split.separator else { return .ask(name: name) }
        let text = scanner.rest()
        guard !text.isEmpty else {
            throw .missing("the answer after \"\(key)\"", usage: "ask \(ChangePrinter.name(name)) \(key) TEXT")
        }
        return .change(.answer(name: name, question: Question(rawValue: key)!, text: text))
    }

    private func parseSession(_ scanner: inout Scanner) throws(ParseError) -> Command {
        var usage: String { CommandTable.info("session")!.forms.joined(separator: " or ") }
        guard let word = try next(&scanner) else { throw .missing("start or end", usage: usage) }
        switch word.text.lowercased() {
        case "start": return .change(.sessionStart(title: scanner.rest()))
        case "end": try expectEnd(&scanner, verb: "session"); return .change(.sessionEnd)
        default:
            throw .unknownWord(word.text, expected: "start or end",
                               suggestion: nearestWord(to: word.text, in: Vocabulary.sessionWords), usage: usage)
        }
    }

    private func parseExport(_ scanner: inout Scanner) throws(ParseError) -> Command {
        let usage = CommandTable.usage("export")
        guard let formatToken = try next(&scanner) else { throw .missing("a format", usage: usage) }
        guard let format = ExportFormat(rawValue: formatToken.text.lowercased()) else {
            throw .unknownWord(formatToken.text, expected: "a format",
                               suggestion: nearestWord(to: formatToken.text, in: ExportFormat.allCases.map(\.rawValue)),
                               usage: usage)
        }
        var request = ExportRequest(format: format)
        while let token = try next(&scanner) {
            func value() throws(ParseError) -> String {
                guard let v = try next(&scanner) else { throw .missing("a value after \(token.text)", usage: usage) }
                return v.text
            }
            switch token.quoted ? "" : token.text {
            case "--pattern": request.options.pattern = try value()
            case "--part": request.options.part = try value()
            case "--depth":
                let v = try value()
                guard let depth = Int(v), depth >= 0 else { throw .unknownWord(v, expected: "a depth", suggestion: nil, usage: "--depth N") }
                request.options.depth = depth
            case "--role":
                let v = try value()
                guard let role = Role(word: v) else {
                    throw .unknownWord(v, expected: "a role", suggestion: nearestWord(to: v, in: Vocabulary.roleWords), usage: "--role ROLE")
                }
                request.options.role = role
            case "--no-legend": request.options.legend = false
            case "--no-self": request.options.showSelf = false
            case "--self": request.options.showSelf = true
            case "--at", "--since":
                guard let session = try next(&scanner) else {
                    throw .missing("a SESSION after \(token.text) (its number or title)", usage: "export FORMAT \(token.text) SESSION [FILE]")
                }
                if token.text == "--at" { request.options.at = session.text } else { request.options.since = session.text }
            default:
                if !token.quoted, token.text.hasPrefix("--") {
                    throw .unknownWord(token.text, expected: "an export option",
                                       suggestion: nearestWord(to: token.text, in: Vocabulary.exportOptions),
                                       usage: "options: " + Vocabulary.exportOptions.joined(separator: " "))
                }
                guard request.file == nil else { throw .unexpected(token.text, usage: usage) }
                request.file = token.text
            }
        }
        return .export(request)
    }

    // MARK: Names

    /// The words up to the end of the line, as one name (nil when there are none; a quoted ""
    /// is an empty name, which the map then refuses with its own message).
    private func names(_ scanner: inout Scanner) throws(ParseError) -> String? {
        var words: [String] = []
        while let token = try next(&scanner) { words.append(token.text) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    private func requiredName(_ scanner: inout Scanner, verb: String) throws(ParseError) -> String {
        guard let name = try names(&scanner) else { throw .missing("NAME", usage: CommandTable.usage(verb)) }
        return name
    }

    private func twoNames(_ scanner: inout Scanner, separators: Set<String>, verb: String,
                          what: (String, String)) throws(ParseError) -> (String, String) {
        var usage: String { CommandTable.usage(verb) }
        let split = try splitName(&scanner, separators: separators)
        guard let first = split.name else { throw .missing(what.0, usage: usage) }
        guard split.separator != nil else { throw .missing("\"\(separators.sorted().joined(separator: "\" or \""))\" and \(what.1)", usage: usage) }
        guard let second = try names(&scanner) else { throw .missing(what.1, usage: usage) }
        return (first, second)
    }

    /// Reads a name up to one of `separators` (an unquoted word, lowercased in the result), and
    /// leaves the scanner just after it. With no separator on the line, the name is every word.
    private func splitName(_ scanner: inout Scanner, separators: Set<String>) throws(ParseError) -> (name: String?, separator: String?) {
        var words: [String] = []
        // Each way to split: the name's word count and length in bytes, the keyword, and what follows it.
        var candidates: [(words: Int, bytes: Int, separator: String, after: Scanner)] = []
        var nameBytes = 0
        var firstQuoted = false
        var probe = scanner
        while true {
            let token: Token?
            do { token = try probe.next() } catch {
                // Past a separator the rest may be a TEXT with a stray quote; only a name can't be.
                if candidates.isEmpty { throw .syntax(error) }
                break
            }
            guard let token else { break }
            let word = token.text.lowercased()
            if !token.quoted, !words.isEmpty, separators.contains(word) {
                // A quoted name right before a keyword is exactly that name.
                if words.count == 1, firstQuoted {
                    scanner = probe
                    return (words[0], word)
                }
                candidates.append((words.count, nameBytes, word, probe))
            }
            if words.isEmpty { firstQuoted = token.quoted }
            nameBytes += (words.isEmpty ? 0 : 1) + token.text.utf8.count
            words.append(token.text)
        }
        guard !candidates.isEmpty else {
            scanner = probe
            return (words.isEmpty ? nil : words.joined(separator: " "), nil)
        }
        // Names are joined only to be looked up, and only up to a length a name typed unquoted could have:
        // joining every prefix of a long line of keywords takes time and memory quadratic in its length.
        func name(_ count: Int) -> String { words[..<count].joined(separator: " ") }
        let chosen = candidates.lazy.prefix(while: { $0.bytes <= Parser.longestNameLookedUp })
            .first(where: { isKnownName(name($0.words)) }) ?? candidates[0]
        scanner = chosen.after
        return (name(chosen.words), chosen.separator)
    }

    /// Unquoted names longer than this are not looked up in the map to decide where a name ends.
    static let longestNameLookedUp = 4096

    private func next(_ scanner: inout Scanner) throws(ParseError) -> Token? {
        do { return try scanner.next() } catch { throw .syntax(error) }
    }

    private func peek(_ scanner: inout Scanner) throws(ParseError) -> Token? {
        do { return try scanner.peek() } catch { throw .syntax(error) }
    }

    private func expectEnd(_ scanner: inout Scanner, verb: String) throws(ParseError) {
        if let extra = try next(&scanner) { throw .unexpected(extra.text, usage: CommandTable.usage(verb)) }
    }
}

/// The keywords that end a name, as sets made once (a parse is done for every line of a map).
private enum Separators {
    static let to: Set<String> = ["to"]
    static let from: Set<String> = ["from"]
    static let with: Set<String> = ["with"]
    static let because: Set<String> = ["because"]
    static let fields = Set(Vocabulary.fields)
    static let kinds = Set(Vocabulary.kinds)
    static let questionKeys = Set(Vocabulary.questionKeys)
}

/// One line of a map file once its time is taken off.
public enum JournalRecord: Equatable, Sendable {
    case change(Change)
    case undo
    case redo
}
