/// `link PART to PATTERN`: the part shows up in that relationship pattern.
enum LinkCommand: CommandVerb {
    static let help = CommandInfo(verb: "link", group: "Relations and links", forms: ["link PART to PATTERN"],
                                  summary: "the part shows up in that relationship pattern",
                                  example: "link Pleaser to \"Hot and cold\"")
    static var completion: [Completer.Slot]? {
        [.name(parts: true, patterns: false, until: ["to"]), .name(parts: false, patterns: true, until: [])]
    }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let (part, pattern) = try parser.twoNames(&scanner, separators: Separators.to, verb: word, what: ("PART", "PATTERN"))
        return .change(.link(part: part, pattern: pattern))
    }
}
