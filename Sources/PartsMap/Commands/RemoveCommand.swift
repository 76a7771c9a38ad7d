/// `remove NAME`: a part with its relations and links, or a pattern with its links.
enum RemoveCommand: CommandVerb {
    static let help = CommandInfo(verb: "remove", group: "Parts and patterns", forms: ["remove NAME"],
                                  summary: "remove a part (with its relations and links) or a pattern (with its links)",
                                  example: "remove Planner")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: true, until: [])] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        .change(.remove(name: try parser.requiredName(&scanner, verb: word)))
    }
}
