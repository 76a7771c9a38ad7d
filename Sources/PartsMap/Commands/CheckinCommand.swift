/// `checkin PART LEVEL [blended] [TEXT]`: how strongly a part is around today, 0–10, whether it had
/// taken over, and what set it off. Bare `checkin` is the guided check-in of the day.
enum CheckinCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "checkin", group: "Self and change over time",
        forms: ["checkin", "checkin PART LEVEL [blended] [TEXT]",
                "LEVEL: how strongly it is here today, 0–10; blended: it had taken over; TEXT: what set it off"],
        summary: "a short check-in: which parts are around today, how strongly, Self-energy",
        example: "checkin \"Inner Critic\" 7 blended the deadline at work")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: false, until: []), .text] }
    /// A part named like "Checkin Buddy protects …" stays that relation.
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        guard !scanner.atEnd else { return .checkinWalk }
        let usage = help.forms[1]
        // The name ends at a number: the first after a name on the map, or else the first.
        var words: [String] = []
        var splits: [(words: Int, level: String, after: Scanner)] = []
        var probe = scanner
        var firstQuoted = false
        while let token = try parser.next(&probe) {
            if words.isEmpty { firstQuoted = token.quoted }
            // A quoted name right before the level is exactly that name (as the journal writes it).
            if firstQuoted, words.count == 1, !token.quoted, Level.looksNumeric(token.text) {
                splits = [(1, token.text, probe)]
                break
            }
            if !token.quoted, !words.isEmpty, Level.looksNumeric(token.text) { splits.append((words.count, token.text, probe)) }
            words.append(token.text)
            if words.count > 64 { break }  // no name is that long; the rest is the TEXT
        }
        guard let split = splits.first(where: { parser.isKnownName(words[..<$0.words].joined(separator: " ")) }) ?? splits.first else {
            throw .missing("how strongly it is here today, 0–10", usage: usage)
        }
        let name = words[..<split.words].joined(separator: " ")
        guard let level = Level.read(split.level) else {
            throw .unknownWord(split.level, expected: "a level from 0 to 10 (a whole number)", suggestion: nil, usage: usage)
        }
        scanner = split.after
        var blended = false
        if let token = try parser.peek(&scanner), !token.quoted, token.text.lowercased() == "blended" {
            _ = try parser.next(&scanner)
            blended = true
        }
        return .change(.checkin(part: name, level: level, blended: blended, text: scanner.rest()))
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .checkinWalk = command else { return try runChange(command, in: runner) }
        var walk = CheckinWalk()
        try runner.converse(&walk, nobody: .nobodyToWalk("the check-in", instead: "checkin PART LEVEL [blended] [TEXT]"))
        return CommandRunner.Reply()
    }
}
