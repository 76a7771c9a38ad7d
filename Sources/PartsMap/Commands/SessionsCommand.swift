/// `sessions`: the sittings, when, their titles and how many changes each made.
enum SessionsCommand: CommandVerb {
    static let help = CommandInfo(verb: "sessions", group: "Sessions and time", forms: ["sessions"],
                                  summary: "list the sittings: when, title, how many changes each made", example: "sessions")

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .sessions)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        return .showing(EchoText.printable(SessionText.sessions(runner.system)))
    }
}
