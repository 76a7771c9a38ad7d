/// `undo`: the last change taken back, up to 10,000 back; kept in the map file, so it survives a restart.
enum UndoCommand: CommandVerb {
    static let help = CommandInfo(verb: "undo", group: "Editing", forms: ["undo"],
                                  summary: "undo the last change, up to 10,000 back (kept in the map file: it survives a restart)",
                                  example: "undo")

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .undo)
    }
}
