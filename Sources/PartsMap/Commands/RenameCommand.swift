/// `rename NAME to NEWNAME`.
enum RenameCommand: CommandVerb {
    static let help = CommandInfo(verb: "rename", group: "Parts and patterns", forms: ["rename NAME to NEWNAME"],
                                  summary: "give a part or pattern a new name", example: "rename Critic to The Judge")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: true, until: ["to"]), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let (old, new) = try parser.twoNames(&scanner, separators: Separators.to, verb: word, what: ("NAME", "NEWNAME"))
        return .change(.rename(name: old, to: new))
    }
}
