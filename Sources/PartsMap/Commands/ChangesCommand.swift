/// `changes [SESSION]`: the records of one session in plain words (the latest when none is named).
enum ChangesCommand: CommandVerb {
    static let help = CommandInfo(verb: "changes", group: "Sessions and time",
                                  forms: ["changes [SESSION]", "SESSION: its number or title; none: the latest session"],
                                  summary: "what one session changed, in order, in plain words", example: "changes 2")
    static var completion: [Completer.Slot]? { [.session, .text] }
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let session = scanner.rest()
        return .changes(session: session.isEmpty ? nil : session)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .changes(let reference) = command else { unexpected(command) }
        let system = runner.system
        guard let session = try reference.map({ try system.session($0) }) ?? system.sessions.last else {
            return .showing("No changes yet.\n")
        }
        return .showing(SessionText.changes(in: session, entries: try runner.document.timeline().entries(in: session.number)).printable())
    }
}
