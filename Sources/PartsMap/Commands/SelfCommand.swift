/// `self [LEVEL [TEXT]]`, `self QUALITY LEVEL [TEXT]`: how much Self-energy is here now. Bare `self`
/// walks through the 8 Cs one by one. Self is never a part: these are readings, kept in the journal.
enum SelfCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "self", group: "Self and change over time",
        forms: ["self", "self LEVEL [TEXT]", "self QUALITY LEVEL [TEXT]",
                "LEVEL: 0–10; QUALITY: " + SelfQuality.allCases.map(\.rawValue).joined(separator: " "),
                "no LEVEL: the 8 Cs one at a time, each skippable"],
        summary: "how much Self-energy is here now (calm, curiosity, clarity, compassion …), 0–10",
        example: "self 6 calmer after the walk")
    static var completion: [Completer.Slot]? { [.words(SelfQuality.allCases.map(\.rawValue)), .text] }

    /// Whether a note's first word would read as part of the reading (a level, a quality, an option).
    static func couldStartReading(_ word: String) -> Bool {
        Level.looksNumeric(word) || SelfQuality(rawValue: word.lowercased()) != nil || word.hasPrefix("-")
    }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        guard !scanner.atEnd else { return .selfWalk }
        var reading = SelfReading()
        let usage = help.forms[1] + " or " + help.forms[2]
        // LEVEL first, then QUALITY LEVEL pairs, then (as the journal writes a Self check) --before|--after PART.
        if let token = try parser.peek(&scanner), !token.quoted, Level.looksNumeric(token.text) {
            _ = try parser.next(&scanner)
            reading.level = try level(token.text, usage: usage)
        }
        while let token = try parser.peek(&scanner), !token.quoted, let quality = SelfQuality(rawValue: token.text.lowercased()) {
            var after = scanner
            _ = try parser.next(&after)
            guard let next = try parser.peek(&after), !next.quoted, Level.looksNumeric(next.text) else {
                // "self calm" with no number, or a note that begins with a quality's word after a level.
                if reading.level == nil && reading.qualities.isEmpty {
                    throw .missing("how much \(quality.rawValue), 0–10", usage: "self \(quality.rawValue) LEVEL, e.g. `self \(quality.rawValue) 7`")
                }
                break
            }
            _ = try parser.next(&after)
            reading.qualities.append(.init(quality, try level(next.text, usage: "self \(quality.rawValue) LEVEL")))
            scanner = after
        }
        if let token = try parser.peek(&scanner), !token.quoted,
           let moment = SelfCheckMoment.allCases.first(where: { "--" + $0.rawValue == token.text.lowercased() }) {
            _ = try parser.next(&scanner)
            guard let part = try parser.next(&scanner) else { throw .missing("the part the Self check was around", usage: "self LEVEL --\(moment.rawValue) PART") }
            reading.check = (moment, part.text)
        }
        if reading.level == nil, reading.qualities.isEmpty, reading.check == nil,
           let token = try parser.peek(&scanner), !token.quoted, token.text.lowercased() == "--note" {
            _ = try parser.next(&scanner)
            reading.note = scanner.rest()
            guard !reading.note.isEmpty else { throw .missing("the note after --note", usage: "self --note TEXT") }
            return .change(.selfReading(reading))
        }
        guard reading.level != nil || !reading.qualities.isEmpty else {
            let word = (try? scanner.peek())??.text ?? ""
            throw .unknownWord(word, expected: "a level or one of the 8 Cs",
                               suggestion: nearestWord(to: word, in: SelfQuality.allCases.map(\.rawValue)), usage: usage)
        }
        reading.note = scanner.rest()
        return .change(.selfReading(reading))
    }

    /// A level from its word, or a message that says what would work.
    static func level(_ word: String, usage: String) throws(ParseError) -> Int {
        guard let level = Level.read(word) else {
            throw .unknownWord(word, expected: "a level from 0 to 10 (a whole number)", suggestion: nil, usage: usage)
        }
        return level
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .selfWalk = command else { return try runChange(command, in: runner) }
        var walk = SelfEnergyWalk()
        try runner.converse(&walk, nobody: .nobodyToWalk("the Self-energy check", instead: "self LEVEL"))
        return CommandRunner.Reply()
    }
}
