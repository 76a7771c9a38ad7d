import Glibc

/// What Tab offers: the candidates replace the last `replacing` Unicode scalars before the
/// cursor, and are written as they should be inserted (names quoted when they need it).
public struct CompletionCandidates: Equatable, Sendable {
    public var replacing: Int
    /// A map's names as the map keeps them, quoted only when `candidates` is read: Tab needs
    /// only how many there are and `commonPrefix` unless it lists them.
    private var names: [String]?
    private var listed: [String]
    /// No candidate comes twice: they are a map's names (unique, and quoted one way each).
    public var distinct: Bool

    public init(replacing: Int, candidates: [String], distinct: Bool = false) {
        self.replacing = replacing
        listed = candidates
        self.distinct = distinct
    }

    /// A map's names (distinct), offered quoted where they need it.
    init(replacing: Int, names: [String]) {
        self.init(replacing: replacing, candidates: [], distinct: true)
        self.names = names
    }

    public var candidates: [String] {
        get { names?.map(ChangePrinter.name) ?? listed }
        set { listed = newValue; names = nil }
    }

    /// How many candidates there are (counting a repeat twice unless `distinct`).
    public var count: Int { names?.count ?? listed.count }

    /// The longest common prefix of the candidates as Tab works it out (LineEditing's `commonPrefix`),
    /// when it is known without quoting every name; nil otherwise (work it out from `candidates`).
    public var commonPrefix: String? { names.flatMap(OfferedNames.quotedCommonPrefix) }

    /// Equal when they offer the same: `distinct` is a hint about them, not part of what they are.
    public static func == (a: CompletionCandidates, b: CompletionCandidates) -> Bool { a.replacing == b.replacing && a.candidates == b.candidates }

    public static let none = CompletionCandidates(replacing: 0, candidates: [])
}

/// Tab completion of verbs, roles, relation kinds, fields, question keys, existing names,
/// session numbers and map names, from the text of the line up to the cursor. Knows the shape
/// of each command: after `relate NAME` come the relation kinds, after `link NAME to` the
/// patterns, after `diff` the session numbers, and so on.
public enum Completer {
    /// One slot of a command's shape.
    enum Slot {
        case words([String])
        /// A name (of parts, patterns or either) that ends at one of `until`.
        case name(parts: Bool, patterns: Bool, until: [String])
        /// The other end of a relation: a pattern after `echoes`, else a part.
        case relatedName(until: [String])
        /// A session's number.
        case session
        /// A map in the data directory, or a map file by its path.
        case map
        /// A file to write (`view FILE`), or one of `words`.
        case file(or: [String])
        case text
    }

    /// What a verb (or alias) takes, slot by slot: each command declares its own.
    static func shape(of verb: String) -> [Slot]? { Commands.named(verb)?.completion }

    /// Candidates for the end of `lineUpToCursor`. `mapNames` gives the maps `open` can name
    /// (asked only when completing one).
    public static func complete(_ lineUpToCursor: String, in system: InnerSystem,
                                mapNames: () -> [String] = { [] },
                                home: String? = getenv("HOME").map { String(cString: $0) }) -> CompletionCandidates {
        let words = LenientWords(lineUpToCursor)
        var done = words.done
        let partial = words.partial
        func offer(_ options: [String]) -> CompletionCandidates {
            let prefix = partial?.text.lowercased() ?? ""
            let matching = options.filter { $0.lowercased().hasPrefix(prefix) }
            return CompletionCandidates(replacing: partial?.scalars ?? 0, candidates: matching)
        }
        // Only when a session is what is asked for: a map has about one session for every few dozen changes.
        var sessionNumbers: [String] { Completer.sessionNumbers(in: system) }
        guard let verbWord = done.first else {
            return offer(CommandTable.all.map(\.verb))
        }
        let verb = verbWord.text.lowercased()
        if verb == "export" {
            return completeExport(done: Array(done.dropFirst()), partial: partial, system: system, offer: offer, home: home)
        }
        if verb == "show" {
            // `--at SESSION` may come before or after the name.
            if done.last.map({ !$0.quoted && $0.text == "--at" }) == true { return offer(sessionNumbers) }
            if partial?.text.hasPrefix("-") == true, partial?.quoted == false { return offer(["--at"]) }
            if let at = done.firstIndex(where: { !$0.quoted && $0.text == "--at" }) {
                done.removeSubrange(at...at + 1)
                if partial == nil, done.count > 1 { return .none }  // the name is written already
            }
        }
        if verb == "open", done.count == 1, partial?.text.hasPrefix("-") == true { return offer(["--read-only"]) }
        if verb == "open", done.count == 2, !done[1].quoted, done[1].text == "--read-only" { done.remove(at: 1) }
        guard let shape = shape(of: verb) else { return .none }

        var index = 1
        /// The keyword the last name slot ended at.
        var lastKeyword: String?
        for var slot in shape {
            if case .relatedName(let until) = slot {
                let echoes = lastKeyword.flatMap(RelationKind.init(rawValue:))?.isBetweenPatterns ?? false
                slot = .name(parts: !echoes, patterns: echoes, until: until)
            }
            switch slot {
            case .relatedName: return .none
            case .words(let options):
                if index == done.count { return offer(options) }
                index += 1
            case .session:
                if index == done.count { return offer(sessionNumbers) }
                index += 1
            case .map:
                if index == done.count {
                    // A map by name from the data directory, or by its path: maps first.
                    let typed = partial?.text ?? ""
                    let byName = typed.contains("/") || typed.hasPrefix("~") ? [] : mapNames()
                        .filter { $0.lowercased().hasPrefix(typed.lowercased()) }.map(ChangePrinter.name)
                    return CompletionCandidates(replacing: partial?.scalars ?? 0,
                                                candidates: byName + FileNames.complete(typed, mapsFirst: true, home: home))
                }
                index += 1
            case .file(let words):
                if index == done.count {
                    let typed = partial?.text ?? ""
                    let matching = words.filter { $0.hasPrefix(typed.lowercased()) && !(partial?.quoted ?? false) }
                    return CompletionCandidates(replacing: partial?.scalars ?? 0,
                                                candidates: matching + FileNames.complete(typed, mapsFirst: false, home: home))
                }
                index += 1
            case .text:
                return .none
            case .name(let parts, let patterns, let until):
                // The words of the name typed so far in this slot.
                var nameWords: [LenientWords.Word] = []
                while index < done.count {
                    let word = done[index]
                    if !nameWords.isEmpty, !word.quoted, until.contains(word.text.lowercased()) { break }
                    nameWords.append(word)
                    index += 1
                    if word.quoted { break }  // a quoted word is the whole name
                }
                if index < done.count {
                    if !until.isEmpty { lastKeyword = done[index].text.lowercased() }
                    index += until.isEmpty ? 0 : 1  // past the keyword
                    continue
                }
                let typedName = nameWords.map(\.text).joined(separator: " ")
                let named = system.entity(named: typedName)
                let nameComplete = !nameWords.isEmpty && (nameWords.last!.quoted || named != nil)
                // After a whole name, the keyword that follows it: after a pattern, only the kinds
                // that join patterns (`echoes`); after a part, only those that join parts.
                if nameComplete, !until.isEmpty {
                    var keywords = offer(until)
                    if until == Vocabulary.kinds, let named {
                        let isPattern = if case .pattern = named { true } else { false }
                        keywords.candidates = keywords.candidates.filter {
                            RelationKind(rawValue: $0)?.isBetweenPatterns == isPattern
                        }
                    }
                    if !keywords.candidates.isEmpty || partial == nil { return keywords }
                }
                if nameWords.last?.quoted == true { return .none }
                // Otherwise more of the name: replace everything typed in this slot.
                let typed = nameWords.map(\.text) + (partial.map { [$0.text] } ?? [""])
                let prefix = typed.joined(separator: " ")
                let start = nameWords.first?.start ?? partial?.start ?? words.end
                let names = system.names(startingWith: prefix, parts: parts, patterns: patterns)
                return CompletionCandidates(replacing: words.scalars(from: start), names: names)
            }
        }
        return .none
    }

    /// How a SESSION is offered: by number (titles are long, and a number is what `sessions` leads with).
    static func sessionNumbers(in system: InnerSystem) -> [String] { system.sessions.map { String($0.number) } }

    private static func completeExport(done: [LenientWords.Word], partial: LenientWords.Word?, system: InnerSystem,
                                       offer: ([String]) -> CompletionCandidates, home: String?) -> CompletionCandidates {
        if done.isEmpty { return offer(ExportFormat.allCases.map(\.rawValue)) }
        switch done.last!.text {
        case "--pattern", "--part", "--incident":
            let forParts = done.last!.text == "--part"  // --incident: a pattern (its latest, or PATTERN:N)
            let names = system.names(startingWith: partial?.text ?? "", parts: forParts, patterns: !forParts)
            return CompletionCandidates(replacing: partial?.scalars ?? 0, names: names)
        case "--role":
            return offer(Vocabulary.roleWords)
        case "--with":
            // Another map, by its path (maps first, as `open` offers them).
            let typed = partial?.text ?? ""
            return CompletionCandidates(replacing: partial?.scalars ?? 0, candidates: FileNames.complete(typed, mapsFirst: true, home: home))
        case "--at", "--since":
            return offer(sessionNumbers(in: system))
        case "--depth":
            return .none
        default:
            if partial?.text.hasPrefix("-") == true, partial?.quoted == false { return offer(Vocabulary.exportOptions) }
            // The FILE to write.
            let typed = partial?.text ?? ""
            return CompletionCandidates(replacing: partial?.scalars ?? 0, candidates: FileNames.complete(typed, mapsFirst: false, home: home))
        }
    }
}

/// The words of a half-typed line: those already finished, and the one under the cursor
/// (which may still be inside an open quote).
struct LenientWords {
    struct Word {
        var text: String
        var quoted: Bool
        var start: Int  // byte offset
        var scalars: Int  // Unicode scalars from the word's start to the end of the line
    }

    var done: [Word] = []
    var partial: Word?
    let end: Int
    private let bytes: [UInt8]

    init(_ line: String) {
        bytes = Array(line.utf8)
        end = bytes.count
        var p = 0
        while true {
            while p < bytes.count, isBlank(bytes[p]) { p += 1 }
            guard p < bytes.count else { break }
            let start = p
            var out: [UInt8] = []
            var quoted = false
            var closed = true
            if bytes[p] == 0x22 || bytes[p] == 0x27 {
                let quote = bytes[p]
                quoted = true
                closed = false
                p += 1
                while p < bytes.count {
                    if bytes[p] == quote { closed = true; p += 1; break }
                    if quote == 0x22, bytes[p] == 0x5C, p + 1 < bytes.count { p += 1 }
                    out.append(bytes[p])
                    p += 1
                }
            }
            while closed, p < bytes.count, !isBlank(bytes[p]) { out.append(bytes[p]); p += 1 }
            let word = Word(text: String(decoding: out, as: UTF8.self), quoted: quoted, start: start, scalars: 0)
            if p == bytes.count {  // runs to the cursor: the word being typed
                partial = word
            } else {
                done.append(word)
            }
        }
        if var w = partial {
            w.scalars = scalars(from: w.start)
            partial = w
        }
    }

    func scalars(from offset: Int) -> Int {
        String(decoding: bytes[offset...], as: UTF8.self).unicodeScalars.count
    }
}
