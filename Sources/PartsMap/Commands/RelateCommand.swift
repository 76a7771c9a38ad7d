/// `relate A protects|polarized|allied B [because TEXT]`, `relate PATTERN echoes PATTERN`, and the
/// natural alias `A protects B`.
enum RelateCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "relate", group: "Relations and links",
        forms: ["relate A protects|polarized|allied B [because TEXT]", "relate PATTERN echoes PATTERN", "A protects B"],
        summary: "relate two parts (protects is directed, polarized and allied go both ways), or a pattern to an older one it echoes",
        example: "relate \"Inner Critic\" protects \"Little One\"")
    static var completion: [Completer.Slot]? {
        [.name(parts: true, patterns: true, until: Vocabulary.kinds), .relatedName(until: ["because"]), .text]
    }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try parseRelation(&scanner, with: parser, aliasForm: false)
    }

    /// `A KIND B [because TEXT]`; `aliasForm`: the line had no verb.
    static func parseRelation(_ scanner: inout Scanner, with parser: Parser, aliasForm: Bool) throws(ParseError) -> Command {
        let usage = aliasForm ? "A protects|polarized|allied B" : help.forms[0]
        let (a, kind) = try firstPartAndKind(&scanner, with: parser, usage: usage)
        let second = try parser.splitName(&scanner, separators: Separators.because)
        guard let b = second.name else { throw .missing("B", usage: usage) }
        let reason = second.separator == nil ? "" : scanner.rest()
        return .change(.relate(from: a, kind: kind, to: b, reason: reason))
    }

    /// `A KIND`, shared with `unrelate`.
    static func firstPartAndKind(_ scanner: inout Scanner, with parser: Parser, usage: String) throws(ParseError) -> (String, RelationKind) {
        let first = try parser.splitName(&scanner, separators: Separators.kinds)
        guard let a = first.name else { throw .missing("A", usage: usage) }
        guard let kindWord = first.separator else { throw .missing("protects, polarized, allied or echoes", usage: usage) }
        return (a, RelationKind(rawValue: kindWord)!)
    }
}
