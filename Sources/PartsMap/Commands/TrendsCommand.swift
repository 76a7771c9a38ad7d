/// `trends [PART] [--days N]`: each part's activation and Self-energy over time, as sparklines.
enum TrendsCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "trends", group: "Self and change over time", forms: ["trends [PART] [--days N]"],
        summary: "activation and Self-energy over time, one sparkline a part (`export chart` prints it)",
        example: "trends --days 30")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: false, until: ["--days"]), .words(["--days"])] }
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms[0]
        var words: [String] = []
        var days: Int?
        while let token = try parser.next(&scanner) {
            if !token.quoted, token.text.lowercased() == "--days" {
                guard let value = try parser.next(&scanner) else { throw .missing("how many days after --days", usage: usage) }
                guard let n = Int(value.text), (1...3660).contains(n) else {
                    throw .unknownWord(value.text, expected: "a number of days (1 to 3660)", suggestion: nil, usage: usage)
                }
                days = n
            } else {
                words.append(token.text)
            }
        }
        return .trends(part: words.isEmpty ? nil : words.joined(separator: " "), days: days)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .trends(let name, let days) = command else { unexpected(command) }
        let system = runner.system
        var id: EntityID?
        var shownName: String?
        if let name {
            if InnerSystem.lowercased(InnerSystem.normalized(name)) == "self" { id = nil } else {
                switch try system.resolve(name) {
                case .part(let found): id = found; shownName = system.parts[found]!.name
                case .pattern(let found): throw MapError.patternHasNo("trends", system.patterns[found]!.name)
                }
            }
        }
        var trends = Trends(system, part: id, days: days, today: runner.document.clock().localDay)
        if name != nil, id == nil { trends.parts = [] }  // `trends Self`: Self-energy alone
        let unicode = TrendText.canShowUnicode(environment: runner.environment)
        return .showing(TrendText.render(trends, width: runner.terminalColumns() ?? 80, unicode: unicode, about: shownName))
    }
}
