/// `mark PART STEP [TEXT]`: a step of healing — an exile witnessed, retrieved, unburdened, its lost
/// qualities invited back; a protector released from its old job (TEXT: what it would like to do instead).
enum MarkCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "mark", group: "Self and change over time",
        forms: ["mark PART STEP [TEXT]",
                "STEP for an exile: " + HealingStep.exileSteps.map(\.rawValue).joined(separator: " "),
                "STEP for a protector: released (TEXT: what it would like to do instead)"],
        summary: "keep a step of healing a part took (witnessed, retrieved, unburdened, invited, released)",
        example: "mark \"Little One\" unburdened gave the loneliness to the light")
    static let stepWords = HealingStep.allCases.map(\.rawValue)
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: false, until: stepWords), .words(stepWords), .text] }
    /// A part named like "Mark protects …" (a person's name, often) stays that relation.
    static var yieldsToAliases: Bool { true }
    private static let separators = Set(stepWords)

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms[0]
        let split = try parser.splitName(&scanner, separators: separators)
        guard let name = split.name else { throw .missing("PART", usage: usage) }
        guard let stepWord = split.separator, let step = HealingStep(rawValue: stepWord) else {
            let last = name.split(separator: " ").last.map(String.init) ?? name
            throw .unknownWord(last, expected: "a step (\(stepWords.joined(separator: " ")))",
                               suggestion: nearestWord(to: last, in: stepWords), usage: usage)
        }
        return .change(.mark(part: name, step: step, text: scanner.rest()))
    }
}
