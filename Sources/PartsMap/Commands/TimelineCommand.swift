/// `timeline`: what each session added, renamed, answered and linked.
enum TimelineCommand: CommandVerb {
    static let help = CommandInfo(verb: "timeline", group: "Sessions and time", forms: ["timeline"],
                                  summary: "what each session added, renamed, answered and linked", example: "timeline")
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .timeline)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        return .showing(try SessionText.timeline(runner.document.timeline(), mapName: runner.mapName).printable())
    }
}
