/// How a pattern's debriefs and ruptures read in the terminal: a short form a line on the card
/// (latest first), and one incident in full (`show PATTERN --incident N`). The person's words are
/// quoted back as written.
extension MapText {
    /// The card's lines about the pattern's incidents, latest first.
    static func incidentLines(_ pattern: Pattern) -> String {
        guard !pattern.incidents.isEmpty else { return "" }
        var out = "  Incidents (latest first; `show \(ChangePrinter.name(pattern.name)) --incident N` shows one in full):\n"
        for (index, incident) in pattern.incidents.enumerated().reversed() {
            out += "    \(index + 1)  \(incident.at?.localDate ?? "undated")  \(shortForm(incident))\n"
        }
        return out
    }

    /// `debrief "the Sunday call" — 3 moments; next time: "say I'm scared…"`, `rupture — open: …`.
    static func shortForm(_ incident: Incident) -> String {
        var out = incident.kind.rawValue
        if !incident.title.isEmpty { out += " \"\(ExportText.glance(incident.title, limit: 40))\"" }
        var bits: [String] = []
        switch incident.kind {
        case .debrief:
            if !incident.moments.isEmpty { bits.append(Wording.count(incident.moments.count, "moment")) }
            if let next = incident[.next] { bits.append("next time: \"\(ExportText.glance(next, limit: 48))\"") }
            else if let highlight = incident[.highlight] { bits.append("\"\(ExportText.glance(highlight, limit: 48))\"") }
        case .rupture:
            if incident.isOpen { bits.append("open — the repair is still to come") }
            if let repair = incident[.repair] { bits.append("repair: \"\(ExportText.glance(repair, limit: 48))\"") }
            else if let happened = incident[.happened] { bits.append("\"\(ExportText.glance(happened, limit: 48))\"") }
        }
        return bits.isEmpty ? out : out + " — " + bits.joined(separator: "; ")
    }

    /// One incident in full: every question asked and its answer, moments numbered.
    public static func incident(_ number: Int, of name: String, in system: InnerSystem) throws -> String {
        let pattern: Pattern
        switch try system.resolve(name) {
        case .pattern(let id): pattern = system.patterns[id]!
        case .part(let id): throw MapError.notAPattern(system.parts[id]!.name)
        }
        guard number <= pattern.incidents.count else {
            throw MapError.noSuchIncident(pattern.name, number: number, count: pattern.incidents.count)
        }
        let incident = pattern.incidents[number - 1]
        var out = "\(pattern.name) — \(incident.kind.rawValue) \(number)\(incident.title.isEmpty ? "" : ": \(incident.title)")\n"
        out += "  \(incident.at?.localDateTime ?? "undated"), session \(incident.session)"
        out += incident.isOpen ? " — open: the repair is still to come\n" : "\n"
        func answer(_ question: String, _ text: String?, indent: String = "  ") {
            out += "\(indent)\(question)\n"
            out += "\(indent)    \(text.map { "\"\(indented($0, by: indent.count + 5))\"" } ?? "—")\n"
        }
        switch incident.kind {
        case .debrief:
            answer(IncidentQuestion.highlight.wording, incident[.highlight])
            for (index, moment) in incident.moments.enumerated() {
                out += "  Moment \(index + 1)\n"
                for question in MomentQuestion.allCases {
                    var text = moment[question]
                    if question == .part, let id = moment.partID, let part = system.parts[id] {
                        text = part.name + " (\(ExportText.roleWord(part.role)))"
                    }
                    answer(question.wording(first: index == 0), text, indent: "    ")
                }
            }
            answer(IncidentQuestion.next.wording, incident[.next])
        case .rupture:
            for question in IncidentKind.rupture.questions { answer(question.wording, incident[question]) }
        }
        return out
    }
}
