/// `add manager|firefighter|exile|part NAME`, `add pattern NAME [with PERSON]` — and the natural
/// aliases `manager Inner Critic`, `pattern Hot and cold with Sam`, which `Parser` reads with this.
enum AddCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "add", group: "Parts and patterns",
        forms: ["add manager|firefighter|exile|part NAME", "add pattern NAME [with PERSON]"],
        summary: "add a part (`part`: role not yet clear) or a relationship pattern",
        example: "add manager Inner Critic")
    static var completion: [Completer.Slot]? { [.words(Vocabulary.roleWords + ["pattern"]), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms.joined(separator: " or ")
        guard let kind = try parser.next(&scanner) else { throw .missing("what to add", usage: usage) }
        let word = kind.text.lowercased()
        if !kind.quoted, word == "pattern" {
            let split = try parser.splitName(&scanner, separators: Separators.with)
            guard let name = split.name else { throw .missing("the pattern's NAME", usage: help.forms[1]) }
            let person = split.separator == nil ? "" : scanner.rest()
            if split.separator != nil, person.isEmpty {
                throw .missing("the PERSON after \"with\"", usage: help.forms[1])
            }
            return .change(.addPattern(name: name, with: person))
        }
        guard !kind.quoted, let role = Role(word: word), word != "unknown" else {
            throw .unknownWord(kind.text, expected: "something to add",
                               suggestion: nearestWord(to: word, in: Vocabulary.roleWords + ["pattern"]), usage: usage)
        }
        guard let name = try parser.names(&scanner) else { throw .missing("a NAME", usage: "add \(word) NAME") }
        return .change(.addPart(name: name, role: role))
    }
}
