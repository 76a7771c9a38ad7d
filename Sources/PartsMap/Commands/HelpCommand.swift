/// `help [COMMAND]`: the commands by group, or one command's forms and an example.
enum HelpCommand: CommandVerb {
    static let help = CommandInfo(verb: "help", group: "Editing", forms: ["help", "help COMMAND"],
                                  summary: "this list, or one command's forms and an example", example: "help relate")
    static var completion: [Completer.Slot]? { [.words(Commands.all.map { $0.word }), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let topic = try parser.next(&scanner)?.text
        try parser.expectEnd(&scanner, verb: word)
        return .help(topic: topic)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .help(let topic) = command else { unexpected(command) }
        guard let topic else { return .showing(HelpText.overview()) }
        guard let text = HelpText.topic(topic) else {
            throw ParseError.unknownCommand(topic, suggestion: nearestWord(to: topic, in: Vocabulary.verbs))
        }
        return .showing(text)
    }
}
