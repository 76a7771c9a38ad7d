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

    public func parse(_ line: String) throws(ParseError) -> Command { try read(line).command }

    /// The command a line names and what it says; `Commands.all` decides which verb reads the words.
    func read(_ line: String) throws(ParseError) -> (verb: any CommandVerb.Type, command: Command) {
        var scanner = Scanner(line)
        guard let first = try next(&scanner) else { throw .syntax(.emptyLine) }
        let word = first.quoted ? "" : first.text.lowercased()
        if let verb = Commands.named(word) {
            // A part may be named like one of the later verbs ("Open Heart protects Little One").
            if verb.yieldsToAliases, let alias = knownAlias(line) { return (RelateCommand.self, alias) }
            return (verb, try verb.parse(&scanner, with: self))
        }
        // Natural aliases: `manager Inner Critic`, `pattern Hot and cold with Sam`, `Critic protects Little One`.
        var again = Scanner(line)
        if !first.quoted, Role(word: word) != nil || word == "pattern" {
            return (AddCommand.self, try AddCommand.parse(&again, with: self))
        }
        if let relate = try? RelateCommand.parseRelation(&again, with: self, aliasForm: true) { return (RelateCommand.self, relate) }
        let suggestion = first.quoted ? nil : nearestWord(to: word, in: Vocabulary.verbs)
        throw .unknownCommand(first.text, suggestion: suggestion)
    }

    /// `A protects|polarized|allied B` when A is a name on the map, else nil.
    private func knownAlias(_ line: String) -> Command? {
        var scanner = Scanner(line)
        guard let alias = try? RelateCommand.parseRelation(&scanner, with: self, aliasForm: true),
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

    // MARK: Names

    /// The words up to the end of the line, as one name (nil when there are none; a quoted ""
    /// is an empty name, which the map then refuses with its own message).
    func names(_ scanner: inout Scanner) throws(ParseError) -> String? {
        var words: [String] = []
        while let token = try next(&scanner) { words.append(token.text) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    func requiredName(_ scanner: inout Scanner, verb: String) throws(ParseError) -> String {
        guard let name = try names(&scanner) else { throw .missing("NAME", usage: CommandTable.usage(verb)) }
        return name
    }

    func twoNames(_ scanner: inout Scanner, separators: Set<String>, verb: String,
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
    func splitName(_ scanner: inout Scanner, separators: Set<String>) throws(ParseError) -> (name: String?, separator: String?) {
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

    func next(_ scanner: inout Scanner) throws(ParseError) -> Token? {
        do { return try scanner.next() } catch { throw .syntax(error) }
    }

    func peek(_ scanner: inout Scanner) throws(ParseError) -> Token? {
        do { return try scanner.peek() } catch { throw .syntax(error) }
    }

    func expectEnd(_ scanner: inout Scanner, verb: String) throws(ParseError) {
        if let extra = try next(&scanner) { throw .unexpected(extra.text, usage: CommandTable.usage(verb)) }
    }
}

/// The keywords that end a name, as sets made once (a parse is done for every line of a map).
enum Separators {
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
