/// `rupture PATTERN [TITLE]`: a rupture in the relationship and its repair, kept with the pattern like
/// a debrief (its kind says rupture). Naming an older pattern at the echo question relates the two.
enum RuptureCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "rupture", group: "Asking",
        forms: ["rupture PATTERN [TITLE]", "rupture PATTERN N happened|felt|said|repair|echo TEXT"],
        summary: "a rupture in the relationship, and its repair (an open one is offered to continue)",
        example: "rupture \"Pleasing my therapist\" the cancelled session")
    static var completion: [Completer.Slot]? { [.name(parts: false, patterns: true, until: []), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try IncidentLine.parse(&scanner, with: parser, kind: .rupture, usage: help.forms.joined(separator: " or "))
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        try IncidentLine.run(command, in: runner)
    }
}
