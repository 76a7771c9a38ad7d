/// The map over time, in plain words: the session list, what one session changed (`changes`),
/// what each session left (`timeline`) and what differs between two sessions (`diff`). The
/// person's words are quoted back exactly.
public enum SessionText {
    /// `sessions`: one line a sitting — number, when, title, how many changes.
    public static func sessions(_ system: InnerSystem) -> String {
        guard !system.sessions.isEmpty else { return "No sessions yet (`session start [TITLE]` marks one).\n" }
        let numberWidth = String(system.sessions.count).count
        let whens = system.sessions.map(when)
        let whenWidth = whens.map(\.count).max()!
        var out = ""
        for (session, when) in zip(system.sessions, whens) {
            let number = String(repeating: " ", count: numberWidth - String(session.number).count) + String(session.number)
            let state = session.ended == nil && !session.implicit ? " so far (open)" : ""
            out += "  \(number)  \(when.padding(to: whenWidth + 2))\(title(session)) — \(Wording.count(session.changeCount, "change"))\(state)\n"
        }
        return out + "Look back with `changes N`, `show --at N`, `diff A B` or `timeline`.\n"
    }

    /// `changes [SESSION]`: each record of one session, in order, with its time.
    public static func changes(in session: Session, entries: [EditHistory.Entry]) -> StyledText {
        var out = StyledText()
        out.append("Session \(session.number)\(titleClause(session)) — \(when(session)), "
            + "\(Wording.count(session.changeCount, "change")):", .heading)
        out += "\n"
        let day = session.started?.localDate
        var any = false
        // A Self check after asking a part says what it was before (before → after).
        var before: [String: Int] = [:]
        for entry in entries {
            guard var words = styledNarration(entry.outcome) else { continue }
            if case .applied(.selfReading(let reading)) = entry.outcome, let check = reading.check, let level = reading.level {
                let key = InnerSystem.lowercased(check.part)
                if check.moment == .before { before[key] = level }
                else if let earlier = before.removeValue(forKey: key) { words += " (Self-energy \(earlier) → \(level))" }
            }
            any = true
            let time = entry.time.map { $0.localDate == day ? String($0.localDateTime.suffix(5)) : $0.localDateTime } ?? "--:--"
            out += "  \(time)  "
            out += words.mappingStretches { indented($0, by: time.count + 4) }
            out += "\n"
        }
        if !any { out += "  (nothing but the session's start and end)\n" }
        return out
    }

    /// `timeline`: what each session left on the map, one line for each thing it touched.
    public static func timeline(_ sessions: [(session: Session, diff: MapDiff)], mapName: String) -> StyledText {
        timeline(sessionCount: sessions.count, mapName: mapName) { section in for (session, diff) in sessions { section(session, diff) } }
    }

    /// `timeline` written session by session as the diffs come, none of them kept.
    public static func timeline(_ timeline: MapTimeline, mapName: String) throws(MapFileError) -> StyledText {
        try self.timeline(sessionCount: timeline.sessions.count, mapName: mapName) { section throws(MapFileError) in
            try timeline.forEachSessionDiff(section)
        }
    }

    private static func timeline<Failure: Error>(sessionCount: Int, mapName: String,
                                                 _ sessions: ((Session, MapDiff) -> Void) throws(Failure) -> Void) throws(Failure) -> StyledText {
        guard sessionCount > 0 else { return StyledText("Nothing has been written in \"\(mapName)\" yet, so there is no timeline.\n") }
        var out = StyledText()
        out.append("Timeline of \"\(mapName)\" — \(Wording.count(sessionCount, "session")):", .heading)
        out += "\n"
        try sessions { session, diff in
            out += "\n"
            out.append("Session \(session.number)\(titleClause(session)) — \(when(session)), \(Wording.count(session.changeCount, "change"))", .heading)
            out += "\n"
            let lines = summary(diff)
            out += lines.isEmpty ? "  (nothing that lasted: the map was the same at its end)\n" : lines.map { "  \($0)\n" }.joined()
        }
        return out
    }

    /// `diff A [B]`: everything that differs between the end of one session and the end of
    /// another (or now), entity by entity.
    public static func diff(_ diff: MapDiff, from: Session, to: Session?) -> String {
        let span = "the end of session \(from.number)\(titleClause(from)) to " + (to.map { "the end of session \($0.number)\(titleClause($0))" } ?? "now")
        guard !diff.isEmpty else { return "Nothing is different from \(span).\n" }
        var out = "From \(span):\n"
        for change in diff.entities {
            out += "  \(heading(change))\n"
            for line in details(change) { out += "      \(indented(line, by: 6))\n" }
        }
        for line in relationLines(diff) { out += "  \(line)\n" }
        for reading in diff.newSelfReadings {
            let words = selfReadingWords(SelfReading(level: reading.level, qualities: reading.qualities, note: reading.note))
            out += "  \(reading.at?.localDate ?? "undated")  \(indented(words, by: 14))\n"
        }
        return out
    }

    // MARK: Pieces

    /// When a session was: `2026-10-04 19:02–19:23`, or its start when it has no end yet.
    static func when(_ session: Session) -> String {
        guard let started = session.started else { return "undated" }
        guard let ended = session.ended, ended != started else { return started.localDateTime }
        if ended.localDate == started.localDate { return started.localDateTime + "–" + ended.localDateTime.suffix(5) }
        return started.localDateTime + " – " + ended.localDateTime
    }

    static func title(_ session: Session) -> String {
        session.implicit ? "(changes outside a marked session)" : session.title.isEmpty ? "(untitled)" : session.title
    }

    /// `, "Thursday, after a long scroll"` — or nothing for an untitled session.
    static func titleClause(_ session: Session) -> String {
        session.implicit || session.title.isEmpty ? "" : ", " + quoted(session.title)
    }

    /// One record in words, or nil for session markers (the heading says when a session began).
    public static func narration(_ outcome: EditHistory.Outcome) -> String? { styledNarration(outcome)?.text }

    /// The same, its role words marked.
    static func styledNarration(_ outcome: EditHistory.Outcome) -> StyledText? {
        func prefixed(_ words: String, _ change: Change) -> StyledText? {
            styledNarration(change).map { var out = StyledText(words); out += $0; return out }
        }
        switch outcome {
        case .applied(let change): return styledNarration(change)
        case .undid(let change): return prefixed("took back: ", change)
        case .redid(let change): return prefixed("did again: ", change)
        }
    }

    /// A change's narration; a new part's role and a role it now has are marked.
    static func styledNarration(_ change: Change) -> StyledText? {
        var out = StyledText()
        switch change {
        case .addPart(let name, let role):
            out += "added "
            out.append(role == .unknown ? "part" : role.rawValue, .role(role))
            out += " \(quoted(name))\(role == .unknown ? " (role not yet clear)" : "")"
        case .setRole(let name, let role):
            out += "\(quoted(name)) is now "
            out.append(Wording.aRole(role), .role(role))
        default:
            guard let words = narration(change) else { return nil }
            out += words
        }
        return out
    }

    static func narration(_ change: Change) -> String? {
        switch change {
        case .addPart(let name, let role):
            return role == .unknown ? "added part \(quoted(name)) (role not yet clear)" : "added \(role.rawValue) \(quoted(name))"
        case .addPattern(let name, let with):
            return "added pattern \(quoted(name))" + (with.isEmpty ? "" : " with \(with)")
        case .setField(let name, let field, let text):
            return "\(quoted(name)) — \(word(field))" + (text.isEmpty ? " cleared" : ": \(text)")
        case .setRole(let name, let role):
            return "\(quoted(name)) is now \(Wording.aRole(role))"
        case .rename(let name, let to):
            return "renamed \(quoted(name)) to \(quoted(to))"
        case .remove(let name):
            return "removed \(quoted(name)) with its relations and links"
        case .relate(let a, let kind, let b, let reason):
            return relationSentence(a, kind, b) + (reason.isEmpty ? "" : " — \(quoted(reason))")
        case .unrelate(let a, let kind, let b):
            switch kind {
            case .protects: return "\(quoted(a)) no longer protects \(quoted(b))"
            case .echoes: return "\(quoted(a)) no longer echoes \(quoted(b))"
            case .polarized, .allied: return "\(quoted(a)) and \(quoted(b)) no longer \(kind.rawValue)"
            }
        case .link(let part, let pattern):
            return "\(quoted(part)) shows up in \(quoted(pattern))"
        case .unlink(let part, let pattern):
            return "\(quoted(part)) no longer linked to \(quoted(pattern))"
        case .answer(let name, let question, let text):
            return "\(quoted(name)) — \(question.wording) \(quoted(text))"
        case .incident(let name, let number, let kind, let entry, let text):
            return "\(quoted(name)) — \(kind.rawValue) \(number), \(entry.words): \(quoted(text))"
        case .selfReading(let reading):
            return selfReadingWords(reading)
        case .checkin(let part, let level, let blended, let text):
            return "check-in: \(quoted(part)) \(level)/10\(blended ? ", blended" : "")" + (text.isEmpty ? "" : " — set off by \(quoted(text))")
        case .mark(let part, let step, let text):
            return "\(quoted(part)) — \(step.rawValue)" + (text.isEmpty ? "" : ": \(quoted(text))")
        case .selfCheck(let on):
            return on ? "Self check before and after asking a part: on" : "Self check before and after asking a part: off"
        case .sessionStart, .sessionEnd:
            return nil
        }
    }

    /// `Self-energy 6 (calm 7, curiosity 5) — "after the walk"`, `Self-energy 4 before asking "Critic"`.
    static func selfReadingWords(_ reading: SelfReading) -> String {
        var words = "Self-energy"
        if let level = reading.level { words += " \(level)/10" }
        let qualities = reading.qualities.map { "\($0.quality.rawValue) \($0.level)" }.joined(separator: ", ")
        if !qualities.isEmpty { words += reading.level == nil ? ": \(qualities)" : " (\(qualities))" }
        if let check = reading.check { words += " \(check.moment.rawValue) asking \(quoted(check.part))" }
        if !reading.note.isEmpty { words += (reading.level == nil && qualities.isEmpty ? ": " : " — ") + quoted(reading.note) }
        return words
    }

    /// The timeline's short form of a diff: one line for each part, pattern, relation and link.
    static func summary(_ diff: MapDiff) -> [String] {
        var lines: [String] = []
        for change in diff.entities {
            var bits: [String] = []
            switch change.status {
            case .removed:
                lines.append(heading(change))
                continue
            case .added:
                if !change.newAnswers.isEmpty { bits.append(Wording.count(change.newAnswers.count, "answer")) }
                bits += incidentBits(change)
                bits += checkinBits(change)
                if !change.fields.isEmpty { bits.append(change.fields.map { word($0.field) }.joined(separator: ", ")) }
            case .changed:
                if let old = change.renamedFrom { bits.append("renamed from \(quoted(old))") }
                if let role = change.role, change.roleBefore != nil { bits.append("now \(Wording.aRole(role))") }
                if !change.newAnswers.isEmpty { bits.append(Wording.count(change.newAnswers.count, "new answer")) }
                if !change.answersTakenBack.isEmpty { bits.append(Wording.count(change.answersTakenBack.count, "answer") + " taken back") }
                bits += incidentBits(change)
                bits += checkinBits(change)
                let written = change.fields.filter { !$0.text.isEmpty }.map { word($0.field) }
                let cleared = change.fields.filter { $0.text.isEmpty }.map { word($0.field) }
                if !written.isEmpty { bits.append(written.joined(separator: ", ") + " written") }
                if !cleared.isEmpty { bits.append(cleared.joined(separator: ", ") + " cleared") }
            }
            lines.append(heading(change) + (bits.isEmpty ? "" : " — " + bits.joined(separator: "; ")))
        }
        return lines + relationLines(diff) + selfLines(diff)
    }

    /// `2 check-ins (latest 6/10)`, `witnessed, unburdened`.
    static func checkinBits(_ change: MapDiff.EntityChange) -> [String] {
        var bits: [String] = []
        if let latest = change.newCheckins.last {
            bits.append(Wording.count(change.newCheckins.count, "check-in") + " (latest \(latest.level)/10\(latest.blended ? ", blended" : ""))")
        }
        if !change.newSteps.isEmpty { bits.append(change.newSteps.map(\.step.rawValue).joined(separator: ", ")) }
        return bits
    }

    /// `Self-energy: 3 readings (latest 6/10)`.
    static func selfLines(_ diff: MapDiff) -> [String] {
        guard !diff.newSelfReadings.isEmpty else { return [] }
        let latest = diff.newSelfReadings.last(where: { $0.energy != nil })?.energy
        return ["Self-energy: " + Wording.count(diff.newSelfReadings.count, "reading") + (latest.map { " (latest \($0)/10)" } ?? "")]
    }

    /// `new debrief 2`, `more in rupture 1`.
    static func incidentBits(_ change: MapDiff.EntityChange) -> [String] {
        change.incidents.map { "\($0.isNew ? "new" : "more in") \($0.incident.kind.rawValue) \($0.number)" }
    }

    /// `New manager "Inner Critic"`, `"Inner Critic"`, `Removed pattern "Hot and cold"`.
    static func heading(_ change: MapDiff.EntityChange) -> String {
        let what = change.role.map { $0 == .unknown ? "part" : $0.rawValue } ?? "pattern"
        switch change.status {
        case .added:
            return "New \(what) \(quoted(change.name))" + (change.role == .unknown ? " (role not yet clear)" : "")
                + (change.with.isEmpty ? "" : " with \(change.with)")
        case .removed: return "Removed \(what) \(quoted(change.name))"
        case .changed: return quoted(change.name)
        }
    }

    /// The diff's long form of one part or pattern: every field, answer and rename, one a line.
    static func details(_ change: MapDiff.EntityChange) -> [String] {
        var lines: [String] = []
        if let old = change.renamedFrom { lines.append("renamed from \(quoted(old))") }
        if let role = change.role, let before = change.roleBefore { lines.append("now \(Wording.aRole(role)) (was \(Wording.aRole(before)))") }
        for field in change.fields {
            lines.append(field.text.isEmpty ? "\(word(field.field)) cleared" : "\(word(field.field)): \(field.text)")
        }
        for answer in change.newAnswers { lines.append("\(answer.question.wording) \(quoted(answer.text))") }
        for answer in change.answersTakenBack { lines.append("answer taken back — \(answer.question.wording) \(quoted(answer.text))") }
        for changed in change.incidents {
            lines.append("\(changed.isNew ? "new" : "more in") \(changed.incident.kind.rawValue) \(changed.number): \(MapText.shortForm(changed.incident))")
        }
        for checkin in change.newCheckins {
            lines.append("check-in \(checkin.at?.localDate ?? "undated"): \(checkin.level)/10\(checkin.blended ? ", blended" : "")"
                         + (checkin.text.isEmpty ? "" : " — set off by \(quoted(checkin.text))"))
        }
        for step in change.newSteps { lines.append("step: \(step.step.rawValue)" + (step.text.isEmpty ? "" : " — \(quoted(step.text))")) }
        return lines
    }

    static func relationLines(_ diff: MapDiff) -> [String] {
        diff.relations.map { change in
            switch change.status {
            case .added:
                return relationSentence(change.from, change.relation.kind, change.to)
                    + (change.reason.isEmpty ? "" : " — \(quoted(change.reason))")
            case .newReason:
                return relationSentence(change.from, change.relation.kind, change.to)
                    + (change.reason.isEmpty ? ", no longer saying from what" : " — now \(quoted(change.reason))")
            case .removed:
                return narration(.unrelate(from: change.from, kind: change.relation.kind, to: change.to))!
            }
        } + diff.links.map { change in
            change.added ? "\(quoted(change.part)) shows up in \(quoted(change.pattern))"
                : "\(quoted(change.part)) no longer linked to \(quoted(change.pattern))"
        }
    }

    static func relationSentence(_ a: String, _ kind: RelationKind, _ b: String) -> String {
        kind.isSymmetric ? "\(quoted(a)) and \(quoted(b)) are \(kind.rawValue)" : "\(quoted(a)) \(kind.rawValue) \(quoted(b))"
    }

    /// How a field is named in a sentence: `job`, `trailheads`, `burdens / beliefs`, `description`.
    static func word(_ field: Field) -> String {
        switch field {
        case .part(let f):
            let title = f.title
            return String(title[..<(title.firstRange(of: " (")?.lowerBound ?? title.endIndex)]).lowercased()
        case .pattern(let f):
            return f.rawValue
        }
    }


    /// Continuation lines of a multi-line text, indented under the first.
    static func indented(_ text: String, by width: Int) -> String {
        guard text.contains("\n") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + String(repeating: " ", count: width))
    }
}
