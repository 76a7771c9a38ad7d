/// The guided look back at one incident of a relationship pattern — `debrief` (one hard
/// conversation, moment by moment, with its choice points) or `rupture` (what happened between
/// you, and its repair) — as a pure state machine like `Conversation`: questions out, answers in,
/// changes produced, each the moment its answer is given. An empty line skips a question (at a
/// moment's first question it ends the moments); a lone "." stops, keeping what was said.
///
/// The focus stays on the person's own choices, never on judging the other person; their words
/// are kept as typed.
public struct IncidentConversation: Sendable {
    public let kind: IncidentKind
    /// The pattern it is kept with.
    public let patternID: EntityID
    /// The pattern's name as the map spells it.
    public private(set) var name: String
    /// The incident's number with the pattern (one past the last for a new one).
    public private(set) var number: Int
    public private(set) var step: Step
    public var isFinished: Bool { phase == .finished }

    /// The title from the command line, kept with the first answer of a new incident ("" once kept).
    private var title: String
    private var phase: Phase
    private var kept = 0
    private var noted: [String] = []

    enum Phase: Equatable, Sendable {
        /// Continue the unfinished incident `number`, or begin a new one.
        case resumeChoice(resumeAt: Question)
        case asking(Question)
        case finished
    }

    /// Where an answer goes, as asked.
    enum Question: Equatable, Sendable {
        case about(IncidentQuestion)
        case moment(Int, MomentQuestion)

        var entry: IncidentEntry {
            switch self {
            case .about(let question): .about(question)
            case .moment(let number, let question): .moment(number, question)
            }
        }
    }

    // MARK: Beginning

    /// Starts a debrief or a rupture with a pattern. When the pattern's latest incident of this kind
    /// was left unfinished (a debrief without its "next time", a rupture without its repair), the
    /// first step offers to continue it or begin a new one.
    public static func begin(_ kind: IncidentKind, with name: String, title: String, in system: InnerSystem) throws(MapError) -> IncidentConversation {
        switch try system.resolve(name) {
        case .part(let id): throw .notAPattern(system.parts[id]!.name)
        case .pattern(let id): return IncidentConversation(kind: kind, pattern: system.patterns[id]!, title: title, in: system)
        }
    }

    private init(kind: IncidentKind, pattern: Pattern, title: String, in system: InnerSystem) {
        self.kind = kind
        patternID = pattern.id
        name = pattern.name
        self.title = title
        number = pattern.incidents.count + 1
        phase = .finished
        step = Step(say: "", expectsAnswer: false)
        let intro = introduction(pattern)
        if let latest = pattern.incidents.lastIndex(where: { $0.kind == kind }),
           let resumeAt = IncidentConversation.resumePoint(of: pattern.incidents[latest]) {
            number = latest + 1
            move(to: .resumeChoice(resumeAt: resumeAt), saying: [intro], in: system)
        } else {
            move(to: .asking(firstQuestion), saying: [intro], in: system)
        }
    }

    private var firstQuestion: Question { .about(kind.questions[0]) }

    private func introduction(_ pattern: Pattern) -> String {
        let with = pattern.with.isEmpty ? "" : " (with \(EchoText.safe(pattern.with)))"
        let how = "An empty line skips a question; a lone \".\" stops (what you said is kept)."
        switch kind {
        case .debrief:
            return "Let's look back at one hard conversation in \(EchoText.quoted(name))\(with), moment by moment, "
                + "with a clear focus on your choice points — what you could do, for your own reasons. \(how)"
        case .rupture:
            return "Let's look at a rupture in \(EchoText.quoted(name))\(with) — what happened between you, and its repair. "
                + "Saying so when you felt hurt or dropped is a chance to experience repair. \(how)"
        }
    }

    /// Where an unfinished incident picks up, or nil when it is finished.
    static func resumePoint(of incident: Incident) -> Question? {
        switch incident.kind {
        case .debrief:
            guard incident[.next] == nil else { return nil }
            if incident.moments.isEmpty { return incident[.highlight] == nil ? .about(.highlight) : .moment(1, .happened) }
            let last = incident.moments.count
            let moment = incident.moments[last - 1]
            if let missing = MomentQuestion.allCases.dropFirst().first(where: { moment[$0] == nil }),
               MomentQuestion.allCases.dropFirst().drop(while: { $0 != missing }).allSatisfy({ moment[$0] == nil }) {
                return .moment(last, missing)
            }
            return .moment(last + 1, .happened)
        case .rupture:
            guard incident.isOpen else { return nil }
            return .about(IncidentKind.rupture.questions.first { incident[$0] == nil } ?? .repair)
        }
    }

    // MARK: Responding

    /// Takes the reply to the current step and returns the changes to apply and journal now, in order.
    public mutating func respond(_ line: String, in system: InnerSystem) -> [Change] {
        guard !isFinished else { return [] }
        guard let pattern = system.patterns[patternID] else {
            finish("\(EchoText.quoted(name)) is no longer on the map, so this ends here.")
            return []
        }
        name = pattern.name
        let reply = AnswerWords.trimmed(line)
        if reply == "." {
            _ = stop()
            return []
        }
        switch phase {
        case .finished:
            return []
        case .resumeChoice(let resumeAt):
            let word = reply.lowercased()
            if word.isEmpty || "continue".hasPrefix(word) || AnswerWords.yesNo(reply) == .yes {
                move(to: .asking(resumeAt), saying: [], in: system)
            } else if "new".hasPrefix(word) || ["a new one", "start a new one", "start over", "begin", "another"].contains(word) {
                number = pattern.incidents.count + 1
                move(to: .asking(firstQuestion), saying: ["A new \(kind.rawValue), then."], in: system)
            } else {
                move(to: .resumeChoice(resumeAt: resumeAt), saying: ["Type \"continue\" or \"new\" (an empty line continues)."], in: system)
            }
            return []
        case .asking(let question):
            guard !reply.isEmpty else {
                goOn(after: question, skipped: true, in: system)
                return []
            }
            return answer(question, with: reply, pattern: pattern, in: system)
        }
    }

    /// Ends the conversation now (a lone "." or Ctrl-C), keeping what was said. Returns the closing
    /// words, which `step.say` also holds from now on.
    public mutating func stop() -> String {
        if !isFinished { finish(summary(complete: false)) }
        return step.say
    }

    private mutating func answer(_ question: Question, with reply: String, pattern: Pattern, in system: InnerSystem) -> [Change] {
        var changes: [Change] = []
        let isNew = number == pattern.incidents.count + 1
        if isNew, !title.isEmpty {
            changes.append(.incident(pattern: name, number: number, kind: kind, entry: .about(.title), text: title))
        }
        changes.append(.incident(pattern: name, number: number, kind: kind, entry: question.entry, text: reply))
        if let error = system.refusal(of: changes) {
            goOn(after: question, skipped: false, saying: ["That answer couldn't be kept: \(error)."], in: system)
            return []
        }
        if isNew { title = "" }
        kept += 1
        var notes: [String] = []
        let typed = AnswerWords.name(reply)
        switch question {
        case .moment(_, .part):
            // A part on the map shows up in this pattern: link it (the answer keeps the person's words).
            if case .part(let id) = system.entity(named: typed) {
                let part = system.parts[id]!
                if system.links.contains(Link(part: id, pattern: patternID)) {
                    notes.append("\(EchoText.quoted(part.name)) is already linked to \(EchoText.quoted(name)).")
                } else if system.refusal(of: changes + [.link(part: part.name, pattern: name)]) == nil {
                    changes.append(.link(part: part.name, pattern: name))
                    noted.append("\(EchoText.quoted(part.name)) shows up in \(EchoText.quoted(name))")
                    notes.append("Linked \(EchoText.quoted(part.name)) to \(EchoText.quoted(name)).")
                }
            }
        case .about(.echo):
            // An older pattern named: this one echoes it.
            if case .pattern(let id) = system.entity(named: typed) {
                let older = system.patterns[id]!
                if id == patternID {
                    notes.append("That's \(EchoText.quoted(name)) itself; your words are kept as they are.")
                } else if system.relations.contains(Relation(from: patternID, kind: .echoes, to: id)) {
                    notes.append("Already noted: \(EchoText.quoted(name)) echoes \(EchoText.quoted(older.name)).")
                } else {
                    let relate = Change.relate(from: name, kind: .echoes, to: older.name, reason: "")
                    if system.refusal(of: changes + [relate]) == nil {
                        changes.append(relate)
                        noted.append("\(EchoText.quoted(name)) echoes \(EchoText.quoted(older.name))")
                        notes.append("Noted: \(EchoText.quoted(name)) echoes \(EchoText.quoted(older.name)).")
                    }
                }
            }
        default:
            break
        }
        goOn(after: question, skipped: false, saying: notes, in: system)
        return changes
    }

    // MARK: Moving on

    private func next(after question: Question, skipped: Bool) -> Question? {
        switch (kind, question) {
        case (.debrief, .about(.highlight)): return .moment(1, .happened)
        case (.debrief, .moment(_, .happened)) where skipped: return .about(.next)  // the moments end here
        case (.debrief, .moment(let number, let asked)):
            let all = MomentQuestion.allCases
            let index = all.firstIndex(of: asked)!
            return index + 1 < all.count ? .moment(number, all[index + 1]) : .moment(number + 1, .happened)
        case (.debrief, _): return nil
        case (.rupture, .about(let asked)):
            let all = IncidentKind.rupture.questions
            guard let index = all.firstIndex(of: asked), index + 1 < all.count else { return nil }
            return .about(all[index + 1])
        case (.rupture, .moment): return nil
        }
    }

    private mutating func goOn(after question: Question, skipped: Bool, saying notes: [String] = [], in system: InnerSystem) {
        if let following = next(after: question, skipped: skipped) {
            move(to: .asking(following), saying: notes, in: system)
        } else {
            finish((notes + [summary(complete: true)]).joined(separator: "\n"))
        }
    }

    private mutating func finish(_ words: String) {
        phase = .finished
        step = .closing(words)
    }

    private mutating func move(to phase: Phase, saying notes: [String], in system: InnerSystem) {
        self.phase = phase
        step = .asking(prompt(for: phase, in: system), after: notes)
    }

    private func prompt(for phase: Phase, in system: InnerSystem) -> (String, StepCompletion) {
        switch phase {
        case .finished:
            return ("", .none)
        case .resumeChoice(let resumeAt):
            let incident = system.patterns[patternID]!.incidents[number - 1]
            let what = incident.title.isEmpty ? "\(kind.rawValue) \(number)" : "\(kind.rawValue) \(number) (\(EchoText.safe(incident.title)))"
            let open = kind == .rupture ? " is still open: its repair is still to come" : " was left unfinished"
            return ("\(what.prefix(1).uppercased() + what.dropFirst())\(open).\nContinue it (at: \(quoted(wording(resumeAt)))), or begin a new one? (continue / new)",
                    .choices(["continue", "new"]))
        case .asking(let question):
            switch question {
            case .moment(let momentNumber, .happened):
                return ("Moment \(momentNumber)\n" + wording(question), .none)
            case .moment(_, .part):
                return (wording(question), .partNames)
            case .about(.echo):
                return (wording(question) + " If it is a pattern on your map, type its name (Tab offers them) — it will be noted that this one echoes it.",
                        .patternNames)
            default:
                return (wording(question), .none)
            }
        }
    }

    private func wording(_ question: Question) -> String {
        switch question {
        case .about(let asked): asked.wording
        case .moment(let momentNumber, let asked): asked.wording(first: momentNumber == 1)
        }
    }

    private func summary(complete: Bool) -> String {
        var lines: [String] = []
        let answers = Wording.count(kept, "answer")
        let keptLine = kept == 0 ? "Nothing was kept this time."
            : "Kept \(answers) in \(kind.rawValue) \(number) of \(EchoText.quoted(name))."
        lines.append(complete ? "That's all the questions. \(keptLine)" : keptLine)
        if !noted.isEmpty { lines.append("Also noted: \(noted.joined(separator: "; ")).") }
        if kept > 0 {
            lines.append("`show \(EchoText.safe(ChangePrinter.name(name))) --incident \(number)` shows it in full.")
        }
        return lines.joined(separator: "\n")
    }
}
