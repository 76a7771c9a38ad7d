/// `session start [TITLE]`, `session end`: the start and end of a sitting, kept in the journal.
enum SessionCommand: CommandVerb {
    static let help = CommandInfo(verb: "session", group: "Sessions and time", forms: ["session start [TITLE]", "session end"],
                                  summary: "mark the start or end of a sitting", example: "session start first look at the critic")
    static var completion: [Completer.Slot]? { [.words(Vocabulary.sessionWords), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms.joined(separator: " or ")
        guard let word = try parser.next(&scanner) else { throw .missing("start or end", usage: usage) }
        switch word.text.lowercased() {
        case "start": return .change(.sessionStart(title: scanner.rest()))
        case "end": try parser.expectEnd(&scanner, verb: self.word); return .change(.sessionEnd)
        default:
            throw .unknownWord(word.text, expected: "start or end",
                               suggestion: nearestWord(to: word.text, in: Vocabulary.sessionWords), usage: usage)
        }
    }
}
