/// `quit`, `exit` (and Ctrl-D at the prompt): every change is saved already.
enum QuitCommand: CommandVerb {
    static let help = CommandInfo(verb: "quit", group: "Editing", forms: ["quit", "exit", "Ctrl-D"],
                                  summary: "leave partsmap (every change is already saved)", example: "quit")
    static var aliases: [String] { ["exit"] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .quit)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        CommandRunner.Reply(quit: true)
    }
}
