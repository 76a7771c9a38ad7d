/// `redo`: what `undo` took back, done again.
enum RedoCommand: CommandVerb {
    static let help = CommandInfo(verb: "redo", group: "Editing", forms: ["redo"],
                                  summary: "redo what undo took back", example: "redo")

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .redo)
    }
}
