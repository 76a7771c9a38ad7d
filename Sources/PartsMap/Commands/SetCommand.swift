/// `set NAME FIELD TEXT`: a part's or pattern's field, in the person's own words.
enum SetCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "set", group: "Parts and patterns",
        forms: ["set NAME FIELD TEXT",
                "FIELD for a part: role age body feeling job intent fear burden trailhead note",
                "FIELD for a pattern: with description",
                "an empty TEXT (\"\") clears the field"],
        summary: "write a field of a part or pattern, in your own words",
        example: "set \"Inner Critic\" job keeps me from being laughed at")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: true, until: Vocabulary.fields), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms[0]
        let split = try parser.splitName(&scanner, separators: Separators.fields)
        guard let name = split.name else { throw .missing("NAME", usage: usage) }
        guard let fieldWord = split.separator else {
            throw .missing("a FIELD (\(Vocabulary.fields.joined(separator: " ")))", usage: usage)
        }
        let text = scanner.rest()
        if fieldWord == "role" {
            guard let role = Role(word: text) else {
                throw .unknownWord(text, expected: "a role", suggestion: nearestWord(to: text, in: Vocabulary.roleWords + ["unknown"]),
                                   usage: "set NAME role manager|firefighter|exile|unknown")
            }
            return .change(.setRole(name: name, role: role))
        }
        return .change(.setField(name: name, field: Field(word: fieldWord)!, text: text))
    }
}
