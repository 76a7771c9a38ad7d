/// The map as the REPL shows it: cards, lists, the session list and help. Plain text, the
/// person's words quoted back exactly as they wrote them; headings and role words are marked
/// (`StyledText`) for a terminal that shows them in colour.
public enum MapText {
    /// `show`: every part by role, every pattern, and how they connect. `asAt` says when, for
    /// the map as it was (`at the end of session 2`).
    public static func overview(_ system: InnerSystem, mapName: String, asAt: String? = nil) -> StyledText {
        var out = StyledText()
        out.append("Map \"\(mapName)\"\(asAt.map { " as it was \($0)" } ?? ""):", .heading)
        out += " \(Wording.count(system.parts.count, "part")), \(Wording.count(system.patterns.count, "pattern"))"
        out += ", \(Wording.count(system.relations.count, "relation")), \(Wording.count(system.links.count, "link"))\n"
        if system.parts.isEmpty && system.patterns.isEmpty {
            if asAt != nil { return out + "Nothing was on the map yet.\n" }
            return out + "Nothing here yet. Start with a part you notice, e.g. `add manager Inner Critic` (`help` for more).\n"
        }
        // Each part's relations and each pattern's parts, from one pass over each (looking them up part by
        // part would grow with parts × relations). Ids are small and dense, so names and ties sit in arrays
        // indexed by id: hash tables of a large map's size missed the cache on every probe.
        let names = NamesByID(system)
        var echoes: [EntityID: [String]] = [:]  // the older patterns a pattern echoes
        // A part's ties in relation order, packed one part after another: `tieStart[id]..<tieStart[id + 1]`.
        var tieStart = [Int32](repeating: 0, count: system.nextEntityID + 1)
        for relation in system.relations.keys where !relation.kind.isBetweenPatterns {
            tieStart[relation.from + 1] += 1
            if relation.kind != .protects { tieStart[relation.to + 1] += 1 }
        }
        for id in tieStart.indices.dropFirst() { tieStart[id] += tieStart[id - 1] }
        var ties = [(slot: Int32, other: Int32)](repeating: (0, 0), count: Int(tieStart.last!))
        var filled = tieStart
        for relation in system.relations.keys {
            guard !relation.kind.isBetweenPatterns else {
                echoes[relation.from, default: []].append(names[relation.to])
                continue
            }
            let slot = Int32(relation.kind.index)
            ties[Int(filled[relation.from])] = (slot, Int32(relation.to))
            filled[relation.from] += 1
            if relation.kind != .protects {
                ties[Int(filled[relation.to])] = (slot, Int32(relation.from))
                filled[relation.to] += 1
            }
        }
        func tiesOf(_ id: EntityID) -> [[String]]? {
            let range = Int(tieStart[id])..<Int(tieStart[id + 1])
            guard !range.isEmpty else { return nil }
            var grouped: [[String]] = [[], [], []]  // protects, polarized with, allied with
            for (slot, other) in ties[range] { grouped[Int(slot)].append(names[Int(other)]) }
            return grouped
        }
        for role in Role.allCases {
            var parts: [(id: EntityID, name: String)] = []
            system.forEachPart { if $0.pointee.role == role { parts.append(($0.pointee.id, $0.pointee.name)) } }
            guard !parts.isEmpty else { continue }
            out += "\n"
            out.append("\(role.plural.prefix(1).uppercased() + role.plural.dropFirst()):", .heading, .role(role))
            out += "\n"
            for (id, name) in parts { out += "  \(name)\(relationSummary(tiesOf(id)))\n" }
        }
        if !system.patterns.isEmpty {
            var linked: [EntityID: [String]] = [:]
            for link in system.links { linked[link.pattern, default: []].append(names[link.part]) }
            out += "\n"
            out.append("Relationship patterns:", .heading, .pattern)
            out += "\n"
            for pattern in system.patterns.values {
                let with = pattern.with.isEmpty ? "" : " (with \(pattern.with))"
                let parts = linked[pattern.id] ?? []
                out += "  \(pattern.name)\(with)\(parts.isEmpty ? "" : " — " + parts.joined(separator: ", "))"
                if let older = echoes[pattern.id] { out += " (echoes \(older.joined(separator: ", ")))" }
                let open = pattern.incidents.indices.filter { pattern.incidents[$0].isOpen }.map { "rupture \($0 + 1)" }
                out += open.isEmpty ? "\n" : " — open: \(open.joined(separator: ", "))\n"
            }
        }
        return out
    }

    /// `— protects Little One; polarized with Numbing`: a part's relations, as `overview` gathered them.
    private static func relationSummary(_ ties: [[String]]?) -> String {
        guard let ties else { return "" }
        var bits: [String] = []
        if !ties[0].isEmpty { bits.append("protects " + ties[0].joined(separator: ", ")) }
        for kind in [RelationKind.polarized, .allied] where !ties[kind.index].isEmpty {
            bits.append("\(kind.rawValue) with " + ties[kind.index].joined(separator: ", "))
        }
        return bits.isEmpty ? "" : " — " + bits.joined(separator: "; ")
    }

    /// `show NAME`: one part's or pattern's card, answers in order, dated.
    public static func card(_ entity: Entity, in system: InnerSystem) -> StyledText {
        switch entity {
        case .part(let id): return partCard(system.parts[id]!, in: system)
        case .pattern(let id): return patternCard(system.patterns[id]!, in: system)
        }
    }

    static func partCard(_ part: Part, in system: InnerSystem) -> StyledText {
        var out = StyledText()
        out.append(part.name, .heading)
        out += " — "
        out.append(part.role == .unknown ? "part (role not yet clear)" : part.role.rawValue, .role(part.role))
        out += "\n"
        for field in PartField.allCases {
            if let text = part.fields[field] { out += "  \(field.title): \(indented(text))\n" }
        }
        for (position, relation) in system.relations.keys.enumerated() where relation.from == part.id || relation.to == part.id {
            let reason = relation.kind == .protects ? system.relations.reason(at: position) : ""
            let other = system.parts[relation.from == part.id ? relation.to : relation.from]!.name
            switch relation.kind {
            case .protects where relation.from == part.id:
                out += "  Protects: \(other)\(reason.isEmpty ? "" : " — \"\(indented(reason))\"")\n"
            case .protects:
                out += "  Protected by: \(other)\(reason.isEmpty ? "" : " — \"\(indented(reason))\"")\n"
            case .polarized: out += "  Polarized with: \(other)\n"
            case .allied: out += "  Allied with: \(other)\n"
            case .echoes: break  // between patterns; a part's id is never a pattern's
            }
        }
        let patterns = system.links.filter { $0.part == part.id }.map { system.patterns[$0.pattern]!.name }
        if !patterns.isEmpty { out += "  Shows up in: \(patterns.joined(separator: ", "))\n" }
        out += checkins(part) + steps(part) + selfChecks(around: part, in: system) + answers(part.answers)
        return out
    }

    /// The latest check-in, and how many there were.
    static func checkins(_ part: Part) -> String {
        guard let latest = part.checkins.last else { return "" }
        var out = "  Latest check-in: \(latest.at?.localDate ?? "undated"), \(latest.level)/10\(latest.blended ? ", blended (it had taken over)" : "")"
        if !latest.text.isEmpty { out += " — set off by \"\(indented(latest.text))\"" }
        if part.checkins.count > 1 { out += " (\(Wording.count(part.checkins.count, "check-in")); `trends \(ChangePrinter.name(part.name))` shows them)" }
        return out + "\n"
    }

    /// The steps of healing it took, in order.
    static func steps(_ part: Part) -> String {
        guard !part.steps.isEmpty else { return "" }
        var out = "  Steps:\n"
        for step in part.steps {
            out += "    \(step.at?.localDate ?? "undated")  \(step.step.rawValue) — \(step.text.isEmpty ? step.step.meaning : "\"\(indented(step.text, by: 17))\"")\n"
        }
        return out
    }

    /// Self checks made around asking this part: before → after.
    static func selfChecks(around part: Part, in system: InnerSystem) -> String {
        var pairs: [String] = []
        var before: SelfRecord?
        for reading in system.selfReadings {
            guard let check = reading.check, check.part == part.id, let level = reading.level else { continue }
            if check.moment == .before {
                if let open = before { pairs.append("\(open.at?.localDate ?? "undated"): \(open.level!) before") }
                before = reading
            } else {
                let date = reading.at?.localDate ?? "undated"
                pairs.append(before.map { "\(date): \($0.level!) → \(level)" } ?? "\(date): \(level) after")
                before = nil
            }
        }
        if let open = before { pairs.append("\(open.at?.localDate ?? "undated"): \(open.level!) before") }
        guard !pairs.isEmpty else { return "" }
        return "  Self-energy when asked (before → after): \(pairs.suffix(5).joined(separator: "; "))\n"
    }

    /// `show Self`: what Self is (not a part), and the latest Self-energy readings.
    public static func selfCard(in system: InnerSystem) -> StyledText {
        var out = StyledText()
        out.append("Self", .heading, .selfEnergy)
        out += """
         — not a part
          The calm, curious, compassionate centre: the 8 Cs are calm, curiosity, clarity, compassion,
          confidence, courage, creativity and connectedness. In IFS, Self is who gets to know each part.
          The diagram draws Self apart from the parts (`export … --no-self` leaves it out); Self is never
          added, renamed or removed like a part.

        """
        let readings = system.selfReadings
        guard !readings.isEmpty else {
            return out + "  No Self-energy readings yet: `self` (the 8 Cs one by one) or `self LEVEL` keeps one.\n"
        }
        out += "  Self-energy readings (\(readings.count); `trends` shows them over time), latest first:\n"
        for reading in readings.suffix(5).reversed() {
            var words = reading.level.map { "\($0)/10" } ?? ""
            let qualities = reading.qualities.map { "\($0.quality.rawValue) \($0.level)" }.joined(separator: ", ")
            if !qualities.isEmpty { words += words.isEmpty ? qualities : " (\(qualities))" }
            if let check = reading.check, let part = system.parts[check.part] { words += " \(check.moment.rawValue) asking \(part.name)" }
            if !reading.note.isEmpty { words += (words.isEmpty ? "" : " — ") + "\"\(indented(reading.note, by: 17))\"" }
            out += "    \(reading.at?.localDate ?? "undated")  \(words)\n"
        }
        out += system.selfCheckOn ? "  `ask PART` offers a Self check before and after (`selfcheck off` to stop).\n" : ""
        return out
    }

    static func patternCard(_ pattern: Pattern, in system: InnerSystem) -> StyledText {
        var out = StyledText()
        out.append(pattern.name, .heading)
        out += " — "
        out.append("relationship pattern", .pattern)
        out += "\n"
        if !pattern.with.isEmpty { out += "  With: \(indented(pattern.with))\n" }
        if !pattern.description.isEmpty { out += "  Description: \(indented(pattern.description))\n" }
        let parts = system.links.filter { $0.pattern == pattern.id }.map { system.parts[$0.part]! }
        if !parts.isEmpty {
            out += "  Parts that show up in it: "
            for (index, part) in parts.enumerated() {
                out += "\(index == 0 ? "" : ", ")\(part.name) ("
                out.append(part.role.rawValue, .role(part.role))
                out += ")"
            }
            out += "\n"
        }
        for (position, relation) in system.relations.keys.enumerated()
        where relation.kind == .echoes && (relation.from == pattern.id || relation.to == pattern.id) {
            let reason = system.relations.reason(at: position)
            let echoes = relation.from == pattern.id
            let other = system.patterns[echoes ? relation.to : relation.from]!.name
            out += "  \(echoes ? "Echoes" : "Echoed by"): \(other)\(reason.isEmpty ? "" : " — \"\(indented(reason))\"")\n"
        }
        out += answers(pattern.answers)
        out += incidentLines(pattern)
        return out
    }

    static func answers(_ answers: [Answer]) -> String {
        guard !answers.isEmpty else { return "" }
        var out = "  Answers:\n"
        for answer in answers {
            let date = answer.at?.localDate ?? "undated"
            out += "    \(date)  \(answer.question.wording)\n"
            out += "                \"\(indented(answer.text, by: 17))\"\n"
        }
        return out
    }

    /// `list`: names, one a line, each marked with its role (or as a pattern).
    public static func list(_ filter: ListFilter, in system: InnerSystem) -> StyledText {
        var out = StyledText()
        func line(_ name: String, _ style: TextStyle) {
            out.append(name, style)
            out += "\n"
        }
        switch filter {
        case .everything:
            for part in system.parts.values { line(part.name, .role(part.role)) }
            for pattern in system.patterns.values { line(pattern.name, .pattern) }
        case .parts: for part in system.parts.values { line(part.name, .role(part.role)) }
        case .patterns: for pattern in system.patterns.values { line(pattern.name, .pattern) }
        case .role(let role): for part in system.parts.values where part.role == role { line(part.name, .role(role)) }
        }
        return out
    }

    /// What the person should hear about how a map opened: a torn last line set aside or ignored.
    public static func loadNotes(_ report: LoadReport) -> [String] {
        var notes: [String] = []
        if let side = report.tornTailSetAside {
            notes.append("The last line of the map was cut off (a crash or power loss while it was being written), so it was "
                + "never confirmed. It is kept in \(EchoText.path(side)); everything before it is loaded.")
        }
        if report.tornTailIgnored {
            notes.append("The last line of the map was cut off; it is ignored here (read-only) and set aside when the map is next opened for changes.")
        }
        return notes
    }

    /// The acknowledgement of a change, in plain words.
    public static func acknowledgement(_ outcome: EditHistory.Outcome) -> String {
        switch outcome {
        case .applied(let change): return describe(change)
        case .undid(let change): return "Undone: " + describe(change)
        case .redid(let change): return "Redone: " + describe(change)
        }
    }

    public static func describe(_ change: Change) -> String {
        switch change {
        case .addPart(let name, let role):
            return role == .unknown ? "Added part \(EchoText.quoted(name)) (role not yet clear)." : "Added \(role.rawValue) \(EchoText.quoted(name))."
        case .addPattern(let name, let with): return "Added pattern \(EchoText.quoted(name))\(with.isEmpty ? "" : " with \(EchoText.safe(with))")."
        case .setField(let name, let field, let text):
            return text.isEmpty ? "Cleared \(field.word) of \(EchoText.quoted(name))." : "Set \(field.word) of \(EchoText.quoted(name))."
        case .setRole(let name, let role): return "\(EchoText.quoted(name)) is now \(Wording.aRole(role))."
        case .rename(let name, let to): return "Renamed \(EchoText.quoted(name)) to \(EchoText.quoted(to))."
        case .remove(let name): return "Removed \(EchoText.quoted(name)) with its relations and links."
        case .relate(let a, let kind, let b, _):
            return kind.isSymmetric ? "\(EchoText.quoted(a)) and \(EchoText.quoted(b)) are \(kind.rawValue)." : "\(EchoText.quoted(a)) \(kind.rawValue) \(EchoText.quoted(b))."
        case .unrelate(let a, let kind, let b): return "\(EchoText.quoted(a)) \(kind.rawValue) \(EchoText.quoted(b)) taken away."
        case .link(let part, let pattern): return "\(EchoText.quoted(part)) shows up in \(EchoText.quoted(pattern))."
        case .unlink(let part, let pattern): return "\(EchoText.quoted(part)) no longer linked to \(EchoText.quoted(pattern))."
        case .answer(let name, let question, _): return "Kept \(EchoText.quoted(name))'s answer to \"\(question.wording)\""
        case .incident(let name, let number, let kind, let entry, _):
            return "Kept the answer (\(entry.words)) in \(kind.rawValue) \(number) of \(EchoText.quoted(name))."
        case .sessionStart(let title): return "Session started\(title.isEmpty ? "" : ": \(EchoText.safe(title))")."
        case .sessionEnd: return "Session ended."
        case .selfReading(let reading):
            return "Kept: " + EchoText.safe(SessionText.selfReadingWords(reading)) + "."
        case .checkin(let part, let level, let blended, _):
            return "Checked in: \(EchoText.quoted(part)) \(level)/10\(blended ? ", blended" : "")."
        case .mark(let part, let step, _):
            return "Kept a step: \(EchoText.quoted(part)) \(step.rawValue) — \(step.meaning)."
        case .selfCheck(let on):
            return on ? "`ask PART` now offers a Self check before and after." : "`ask PART` no longer offers a Self check."
        }
    }


    /// Continuation lines of multi-line text, indented under the first.
    static func indented(_ text: String, by width: Int = 4) -> String {
        guard text.contains("\n") else { return text }
        let pad = "\n" + String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: pad)
    }
}
