/// `list [parts|managers|firefighters|exiles|unknown|patterns]`: names, one a line.
enum ListCommand: CommandVerb {
    static let help = CommandInfo(verb: "list", group: "Looking", forms: ["list [parts|managers|firefighters|exiles|unknown|patterns]"],
                                  summary: "list names, one a line", example: "list exiles")
    static var completion: [Completer.Slot]? { [.words(Vocabulary.listFilters), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        guard let token = try parser.next(&scanner) else { return .list(.everything) }
        try parser.expectEnd(&scanner, verb: word)
        switch token.text.lowercased() {
        case "parts", "part": return .list(.parts)
        case "patterns", "pattern": return .list(.patterns)
        case "managers", "manager": return .list(.role(.manager))
        case "firefighters", "firefighter": return .list(.role(.firefighter))
        case "exiles", "exile": return .list(.role(.exile))
        case "unknown": return .list(.role(.unknown))
        default:
            throw .unknownWord(token.text, expected: "something to list",
                               suggestion: nearestWord(to: token.text, in: Vocabulary.listFilters), usage: help.forms[0])
        }
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .list(let filter) = command else { unexpected(command) }
        return .showing(MapText.list(filter, in: runner.system).printable())
    }
}
