/// `selfcheck on|off`: whether `ask PART` offers a Self check before and after the conversation. A
/// setting of the map, kept in its journal; off by default, so scripts that answer `ask`'s questions
/// in order keep working.
enum SelfCheckCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "selfcheck", group: "Self and change over time", forms: ["selfcheck [on|off]"],
        summary: "offer a Self check (0–10) before and after `ask PART`, or stop offering it",
        example: "selfcheck on")
    static var completion: [Completer.Slot]? { [.words(["on", "off"])] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        guard let word = try parser.next(&scanner) else { return .selfCheckStatus }
        try parser.expectEnd(&scanner, verb: self.word)
        switch word.text.lowercased() {
        case "on": return .change(.selfCheck(on: true))
        case "off": return .change(.selfCheck(on: false))
        default: throw .unknownWord(word.text, expected: "on or off", suggestion: nearestWord(to: word.text, in: ["on", "off"]), usage: help.forms[0])
        }
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .selfCheckStatus = command else { return try runChange(command, in: runner) }
        return .saying(runner.system.selfCheckOn
            ? "`ask PART` offers a Self check before and after (`selfcheck off` to stop)."
            : "`ask PART` offers no Self check (`selfcheck on` to be asked before and after).")
    }
}
