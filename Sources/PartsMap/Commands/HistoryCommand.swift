/// `history [off|on|clear]`: about the lines typed at the prompt, which the program around the runner
/// keeps (the map never holds them); its console does what is asked.
enum HistoryCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "history", group: "Editing",
        forms: ["history [off|on|clear]",
                "alone: whether the lines you type are kept, and where",
                "off: keep nothing typed from now on (until `history on`)",
                "clear: forget the lines kept so far",
                "a line that starts with a space is never kept, nor are answers in a conversation"],
        summary: "whether what you type is kept for Up, and where; turn it off or on, or clear it",
        example: "history off")
    static var completion: [Completer.Slot]? { [.words(Vocabulary.historyWords), .text] }
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        .history(try oneWord(&scanner, parser, none: TypedLinesRequest.status, words: Vocabulary.historyWords))
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .history(let request) = command else { unexpected(command) }
        guard let console = runner.console else {
            return .saying("History is not kept here: nothing reads typed lines in this runner.")
        }
        return .saying(try console.typedLines(request))
    }
}
