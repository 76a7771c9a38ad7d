/// `unlink PART from PATTERN`.
enum UnlinkCommand: CommandVerb {
    static let help = CommandInfo(verb: "unlink", group: "Relations and links", forms: ["unlink PART from PATTERN"],
                                  summary: "take a part-to-pattern link away", example: "unlink Pleaser from \"Hot and cold\"")
    static var completion: [Completer.Slot]? {
        [.name(parts: true, patterns: false, until: ["from"]), .name(parts: false, patterns: true, until: [])]
    }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let (part, pattern) = try parser.twoNames(&scanner, separators: Separators.from, verb: word, what: ("PART", "PATTERN"))
        return .change(.unlink(part: part, pattern: pattern))
    }
}
