/// `unrelate A protects|polarized|allied B`, `unrelate PATTERN echoes PATTERN`.
enum UnrelateCommand: CommandVerb {
    static let help = CommandInfo(verb: "unrelate", group: "Relations and links", forms: ["unrelate A protects|polarized|allied B", "unrelate PATTERN echoes PATTERN"],
                                  summary: "take a relation away", example: "unrelate Critic polarized Numbing")
    static var completion: [Completer.Slot]? {
        [.name(parts: true, patterns: true, until: Vocabulary.kinds), .relatedName(until: [])]
    }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms[0]
        let (a, kind) = try RelateCommand.firstPartAndKind(&scanner, with: parser, usage: usage)
        guard let b = try parser.names(&scanner) else { throw .missing("B", usage: usage) }
        return .change(.unrelate(from: a, kind: kind, to: b))
    }
}
