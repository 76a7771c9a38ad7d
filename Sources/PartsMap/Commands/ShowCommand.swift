/// `show [NAME] [--at SESSION]`: the whole map or one card, now or as the journal replays to at the end
/// of that session; `show PATTERN --incident N`: one debrief or rupture in full.
enum ShowCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "show", group: "Looking",
        forms: ["show", "show NAME", "show [NAME] --at SESSION", "SESSION: its number, as `sessions` lists them, or its title",
                "show PATTERN --incident N: one debrief or rupture in full"],
        summary: "the whole map, or one part's or pattern's card (--at: as it was then)", example: "show Inner Critic")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: true, until: [])] }

    /// `--at` may come before or after the name.
    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        var words: [String] = []
        var at: String?
        var incident: Int?
        while let token = try parser.next(&scanner) {
            if !token.quoted, token.text.lowercased() == "--incident" {
                guard incident == nil, let number = try parser.next(&scanner) else {
                    throw .missing("the incident's number after --incident", usage: help.forms[4])
                }
                guard let n = Int(number.text), n >= 1 else {
                    throw .unknownWord(number.text, expected: "an incident's number", suggestion: nil, usage: help.forms[4])
                }
                incident = n
            } else if !token.quoted, token.text.lowercased() == "--at" {
                guard at == nil else { throw .unexpected(token.text, usage: help.forms[2]) }
                guard let session = try parser.next(&scanner) else {
                    throw .missing("a SESSION after --at (its number or title)", usage: help.forms[2])
                }
                at = session.text
            } else {
                words.append(token.text)
            }
        }
        return .show(name: words.isEmpty ? nil : words.joined(separator: " "), at: at, incident: incident)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .show(let name, let at, let incident) = command else { unexpected(command) }
        if let incident {
            guard let name, at == nil else { throw RunnerError.incidentNeedsPattern }
            return .showing(EchoText.printable(try MapText.incident(incident, of: name, in: runner.system)))
        }
        return .showing(try show(name, at: at, in: runner).printable())
    }

    private static func show(_ name: String?, at reference: String?, in runner: CommandRunner) throws -> StyledText {
        let system = runner.system
        // Self is on every diagram but never a part: its card says what it is.
        if let name, InnerSystem.lowercased(name) == "self" { return MapText.selfCard(in: system) }
        guard let reference else {
            return try name.map { MapText.card(try system.resolve($0), in: system) } ?? MapText.overview(system, mapName: runner.mapName)
        }
        let session = try system.session(reference)
        let then = try runner.document.timeline().system(atEndOf: session.number)
        guard let name else {
            return MapText.overview(then, mapName: runner.mapName,
                                    asAt: "at the end of session \(session.number)\(SessionText.titleClause(session))")
        }
        guard let entity = then.entity(named: name) else {
            if let now = system.entity(named: name) { throw RunnerError.notYetOnMap(system.name(of: now), session: session.number) }
            throw MapError.noSuchName(name, suggestion: then.nearestName(to: name))
        }
        var out = StyledText()
        out.append("At the end of session \(session.number):", .heading)
        out += "\n"
        out += MapText.card(entity, in: then)
        return out
    }
}
