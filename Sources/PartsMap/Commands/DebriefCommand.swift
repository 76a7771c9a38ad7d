/// `debrief PATTERN [TITLE]`: one hard conversation, moment by moment, with its choice points — a
/// guided conversation (`IncidentConversation`) whose answers are kept, dated, with the pattern as
/// `debrief "PATTERN" N …` lines.
enum DebriefCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "debrief", group: "Asking",
        forms: ["debrief PATTERN [TITLE]",
                "debrief PATTERN N highlight|next TEXT  |  debrief PATTERN N moment M happened|part|did|options TEXT"],
        summary: "look back on one hard conversation, moment by moment: the parts that were active and the choices you had",
        example: "debrief \"Hot and cold\" the Sunday phone call")
    static var completion: [Completer.Slot]? { [.name(parts: false, patterns: true, until: []), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try IncidentLine.parse(&scanner, with: parser, kind: .debrief, usage: help.forms.joined(separator: " or "))
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        try IncidentLine.run(command, in: runner)
    }
}

/// What `debrief` and `rupture` share: reading `VERB PATTERN [TITLE]` (the conversation) and
/// `VERB PATTERN N KEY… TEXT` (one answer, as the journal keeps it), and running the conversation.
enum IncidentLine {
    static func parse(_ scanner: inout Scanner, with parser: Parser, kind: IncidentKind, usage: String) throws(ParseError) -> Command {
        // The pattern: a quoted word, or the longest run of words that names something on the map
        // (else, where an answer's number follows, the words before it; else every word).
        var probe = scanner
        guard let first = try parser.next(&probe) else { throw .missing("PATTERN", usage: usage) }
        var name = first.text
        var after = probe
        if !first.quoted {
            var words = [first.text]
            var known: (name: String, after: Scanner)? = parser.isKnownName(first.text) ? (first.text, probe) : nil
            var beforeNumber: (name: String, after: Scanner)?
            while true {
                let here = probe
                guard let token = try? probe.next() else { break }
                if beforeNumber == nil, !token.quoted, isAnswerStart(token, then: here) { beforeNumber = (words.joined(separator: " "), here) }
                words.append(token.text)
                if words.joined(separator: " ").utf8.count > Parser.longestNameLookedUp { break }
                if parser.isKnownName(words.joined(separator: " ")) { known = (words.joined(separator: " "), probe) }
            }
            if let chosen = known ?? beforeNumber {
                (name, after) = chosen
            } else {
                var all = scanner
                name = try parser.names(&all) ?? ""
                after = all
            }
        }
        scanner = after
        // `N KEY … TEXT`: one answer.
        var look = scanner
        if let numberToken = try parser.next(&look), !numberToken.quoted, let number = Int(numberToken.text), number >= 1,
           let keyToken = try parser.peek(&look), !keyToken.quoted, isKey(keyToken.text) {
            _ = try parser.next(&look)
            let entry: IncidentEntry
            let key = keyToken.text.lowercased()
            if key == "moment" {
                guard let momentToken = try parser.next(&look), let moment = Int(momentToken.text), moment >= 1 else {
                    throw .missing("the moment's number after \"moment\"", usage: usage)
                }
                guard let questionToken = try parser.next(&look), let question = MomentQuestion(rawValue: questionToken.text.lowercased()) else {
                    throw .missing("happened, part, did or options after \"moment \(moment)\"", usage: usage)
                }
                entry = .moment(moment, question)
            } else {
                entry = .about(IncidentQuestion(rawValue: key)!)
            }
            let text = look.rest()
            guard !text.isEmpty else { throw .missing("the answer after \"\(entry.words)\"", usage: usage) }
            scanner = look
            return .change(.incident(pattern: name, number: number, kind: kind, entry: entry, text: text))
        }
        return .incident(pattern: name, kind: kind, title: scanner.rest())
    }

    /// A word that follows an incident's number in an answer line.
    private static func isKey(_ word: String) -> Bool {
        let word = word.lowercased()
        return word == "moment" || IncidentQuestion(rawValue: word) != nil
    }

    /// `token` is a number and the word after it (read from `after`) a key.
    private static func isAnswerStart(_ token: Token, then after: Scanner) -> Bool {
        guard Int(token.text) != nil else { return false }
        var rest = after
        _ = try? rest.next()
        guard let key = try? rest.next(), !key.quoted else { return false }
        return isKey(key.text)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .incident(let name, let kind, let title) = command else {
            return try DebriefCommand.runChange(command, in: runner)  // one answer kept
        }
        var conversation = try IncidentConversation.begin(kind, with: name, title: title, in: runner.system)
        let nobody = RunnerError.nobodyToWalk("the \(kind.rawValue) of \(EchoText.quoted(conversation.name))",
                                              instead: "\(kind.rawValue) PATTERN N QUESTION TEXT")
        try runner.converse(&conversation, nobody: nobody)
        return CommandRunner.Reply()
    }
}
