/// `diff SESSION_A [SESSION_B]`: what differs between the end of one session and another (or now),
/// always forward in time.
enum DiffCommand: CommandVerb {
    static let help = CommandInfo(verb: "diff", group: "Sessions and time",
                                  forms: ["diff SESSION_A [SESSION_B]", "no SESSION_B: compare with the map as it is now",
                                          "a title of several words goes in quotes"],
                                  summary: "what differs between the end of one session and another, in words", example: "diff 1 3")
    static var completion: [Completer.Slot]? { [.session, .session] }
    static var yieldsToAliases: Bool { true }

    /// Two words at most (a title of several words in quotes).
    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms[0]
        guard let from = try parser.next(&scanner) else { throw .missing("the SESSION to compare from (its number or title)", usage: usage) }
        let to = try parser.next(&scanner)
        if let extra = try parser.next(&scanner) {
            throw .unexpected(extra.text, usage: usage + " — a title of several words goes in quotes")
        }
        return .diff(from: from.text, to: to?.text)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .diff(let a, let b) = command else { unexpected(command) }
        let system = runner.system
        var from = try system.session(a)
        var to = try b.map { try system.session($0) }
        if let later = to, later.number < from.number { (from, to) = (later, from) }
        return .showing(EchoText.printable(SessionText.diff(try runner.document.timeline().diff(from: from.number, to: to?.number), from: from, to: to)))
    }
}
