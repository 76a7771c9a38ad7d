/// The guided conversation of `ask NAME`, as a pure state machine: questions out, answers in,
/// changes produced. No terminal and no I/O; the REPL and piped input drive it the same way:
///
///     var conversation = try Conversation.begin(with: name, in: history.system)
///     while !conversation.isFinished {
///         show(conversation.step)                       // say + completion while typing
///         guard let line = readLine() else { show(conversation.stop()); break }   // Ctrl-C too
///         for change in conversation.respond(line, in: history.system) { apply and journal it }
///     }
///     // once finished by `respond`, `conversation.step.say` holds the closing words
///
/// Each answer is returned as a change the moment it is given, so nothing is lost if the
/// conversation is cut off. The changes returned by one `respond` are valid, in order, against
/// the system passed to it. An empty line skips a question; a lone "." stops, keeping what was
/// said. The person's words are quoted back as written, and no name is ever made up for them.
public struct Conversation: Sendable {
    /// The part or pattern being asked.
    public let subject: Entity
    /// The questions of this conversation, in order (a part's, without `protecting` for an
    /// exile; or a pattern's).
    public let questions: [Question]
    /// What to say now; once finished, the closing words.
    public private(set) var step: Step
    public var isFinished: Bool { phase == .finished }
    /// The subject's name as the map spells it.
    public private(set) var name: String

    private var phase: Phase
    /// Answers kept in this conversation.
    private var kept = 0
    /// Other things noted along the way, in words for the summary.
    private var noted: [String] = []
    /// Index in `questions` of the latest answer (earlier conversations included): where a
    /// later `ask` picks up.
    private var lastAnswered: Int?

    enum Phase: Equatable, Sendable {
        /// An exile: are its protectors OK with getting to know it?
        case permission
        /// Continue at `questions[next]` or start over.
        case resumeChoice(next: Int)
        case question(Int)
        /// The "toward" answer was not clearly Self-like nor another part's: ask.
        case checkToward(index: Int, answer: String)
        /// Another part may be blended: note it in the person's words?
        case blendedName(index: Int)
        /// Invite the blended part to step back; a reply is a new "toward" answer.
        case stepBack(index: Int, named: String?)
        /// After the protecting answer: which exile does it protect?
        case protectsTarget(index: Int, reason: String)
        /// The typed name is a part on the map that is not an exile.
        case confirmProtected(index: Int, reason: String, target: String)
        /// The typed name is new but close to an existing exile's.
        case confirmNewExile(index: Int, reason: String, name: String, suggestion: String)
        /// Pattern, after "active": link the parts the answer names, one at a time.
        case linkMentioned(index: Int, candidates: [String])
        /// Pattern, after "active": type a part's name to link it.
        case linkName(index: Int)
        /// Pattern: the typed name is not on the map; add it as a part and link it?
        case confirmNewPart(index: Int, name: String)
        case finished
    }

    // MARK: Beginning

    /// Starts a conversation with a part or pattern. When an earlier conversation stopped
    /// partway (its latest answer is not to the last question), the first step offers to
    /// continue where it stopped or start over; an exile is first asked about its protectors.
    public static func begin(with name: String, in system: InnerSystem) throws(MapError) -> Conversation {
        let entity = try system.resolve(name)
        switch entity {
        case .part(let id):
            let part = system.parts[id]!
            let questions = part.role == .exile ? Question.partQuestions.filter { $0 != .protecting } : Question.partQuestions
            return Conversation(subject: entity, name: part.name, questions: questions, answers: part.answers, in: system)
        case .pattern(let id):
            let pattern = system.patterns[id]!
            return Conversation(subject: entity, name: pattern.name, questions: Question.patternQuestions,
                                answers: pattern.answers, in: system)
        }
    }

    private init(subject: Entity, name: String, questions: [Question], answers: [Answer], in system: InnerSystem) {
        self.subject = subject
        self.name = name
        self.questions = questions
        self.lastAnswered = answers.last(where: { questions.contains($0.question) }).flatMap { questions.firstIndex(of: $0.question) }
        self.phase = .finished
        self.step = Step(say: "", expectsAnswer: false)
        if case .part(let id) = subject, system.parts[id]!.role == .exile {
            move(to: .permission, saying: [], in: system)
        } else {
            begin(saying: [introduction(in: system)], in: system)
        }
    }

    var isPattern: Bool {
        if case .pattern = subject { return true }
        return false
    }

    private func introduction(in system: InnerSystem) -> String {
        let how = "One question at a time, in your own words: an empty line skips a question, a lone \".\" stops (what you said is kept)."
        if case .pattern(let id) = subject {
            let with = system.patterns[id].map(\.with) ?? ""
            return "Let's look at the pattern \(EchoText.quoted(name))\(with.isEmpty ? "" : " (with \(EchoText.safe(with)))"). \(how)"
        }
        return "Let's get to know \(EchoText.quoted(name)). \(how)"
    }

    /// The first question, or the offer to continue where an earlier conversation stopped.
    private mutating func begin(saying notes: [String], in system: InnerSystem) {
        if let last = lastAnswered, last + 1 < questions.count {
            move(to: .resumeChoice(next: last + 1), saying: notes, in: system)
        } else {
            move(to: .question(0), saying: notes, in: system)
        }
    }

    // MARK: Responding

    /// Takes the person's reply to the current step and returns the changes to apply and
    /// journal now, in order (often none). A lone "." stops the conversation.
    public mutating func respond(_ line: String, in system: InnerSystem) -> [Change] {
        guard !isFinished else { return [] }
        guard let current = currentName(in: system) else {
            finish("\(EchoText.quoted(name)) is no longer on the map, so the conversation ends here.")
            return []
        }
        name = current
        let reply = AnswerWords.trimmed(line)
        if reply == "." {
            _ = stop()
            return []
        }
        switch phase {
        case .finished:
            return []

        case .permission:
            switch AnswerWords.yesNo(reply) {
            case .yes:
                begin(saying: ["Thank you for checking with them.", introduction(in: system)], in: system)
            case .no, .unsure:
                finish(permissionDeclined(in: system))
            case nil where reply.isEmpty:
                finish(permissionDeclined(in: system))
            case nil:
                move(to: .permission, saying: ["Type \"yes\" if they are OK with it, or \"no\" if they are not."], in: system)
            }
            return []

        case .resumeChoice(let next):
            let word = reply.lowercased()
            if word.isEmpty || "continue".hasPrefix(word) || AnswerWords.yesNo(reply) == .yes {
                move(to: .question(next), saying: [], in: system)
            } else if "start over".hasPrefix(word) || ["over", "restart", "again", "start again", "begin", "beginning",
                                                       "from the start", "from the beginning"].contains(word) {
                move(to: .question(0), saying: ["From the beginning, then."], in: system)
            } else {
                move(to: .resumeChoice(next: next), saying: ["Type \"continue\" or \"start over\" (an empty line continues)."], in: system)
            }
            return []

        case .question(let index):
            return answer(questions[index], at: index, with: reply, in: system)

        case .checkToward(let index, _):
            // A feeling may come instead of yes or no ("curious, I think").
            let feeling = TowardFeeling(answer: reply)
            switch feeling == .selfLike ? .yes : feeling == .anotherPart ? .no : AnswerWords.yesNo(reply) {
            case .yes:
                goOn(after: index, saying: ["Then let's go on."], in: system)
            case nil where reply.isEmpty:
                goOn(after: index, saying: [], in: system)
            case .no, .unsure, nil:
                move(to: .blendedName(index: index), saying: [
                    "That's all right. Sometimes another part is near, with feelings of its own about \(EchoText.quoted(name)) — there are no bad parts.",
                ], in: system)
            }
            return []

        case .blendedName(let index):
            return noteBlended(reply, index: index, in: system)

        case .stepBack(let index, _):
            guard !reply.isEmpty else {
                goOn(after: index, saying: [], in: system)
                return []
            }
            // A feeling is a new answer to "How do you feel toward it?"; "ok", "done" or "it won't"
            // are replies to the invitation, not feelings, and are not kept as answers.
            let feeling = TowardFeeling(answer: reply)
            if feeling == .unsure, let yesNo = AnswerWords.yesNo(reply) {
                let note = yesNo == .no
                    ? "That's all right — it may have its reasons to stay close. You can go on gently, or stop here with \".\" and come back another time."
                    : nil
                goOn(after: index, saying: note.map { [$0] } ?? [], in: system)
                return []
            }
            let changes = record(.toward, at: index, text: reply, in: system)
            guard !changes.isEmpty else { return [] }
            let note = feeling == .selfLike
                ? "Kept that. Let's go on."
                : "Kept that. It's fine to go on gently — or to stop here with \".\" and come back another time."
            goOn(after: index, saying: [note], in: system)
            return changes

        case .protectsTarget(let index, let reason):
            return chooseProtected(reply, index: index, reason: reason, in: system)

        case .confirmProtected(let index, let reason, let target):
            if AnswerWords.yesNo(reply) == .yes {
                return protect(target, index: index, reason: reason, in: system)
            }
            move(to: .protectsTarget(index: index, reason: reason), saying: ["Then it's not noted."], in: system)
            return []

        case .confirmNewExile(let index, let reason, let typed, _):
            switch AnswerWords.yesNo(reply) {
            case .yes:
                return protectNewExile(typed, index: index, reason: reason, in: system)
            case .no, .unsure:
                move(to: .protectsTarget(index: index, reason: reason), saying: ["Then it's not noted."], in: system)
                return []
            case nil:
                if reply.isEmpty {
                    move(to: .protectsTarget(index: index, reason: reason), saying: ["Then it's not noted."], in: system)
                    return []
                }
                // Not yes or no: a name typed instead (the suggested one, or another).
                return chooseProtected(reply, index: index, reason: reason, in: system)
            }

        case .linkMentioned(let index, let candidates):
            var changes: [Change] = []
            var notes: [String] = []
            let part = candidates[0]
            if AnswerWords.yesNo(reply) == .yes {
                let change = Change.link(part: part, pattern: name)
                if valid([change], in: system) == nil {
                    changes = [change]
                    noted.append("\(EchoText.quoted(part)) shows up in \(EchoText.quoted(name))")
                    notes.append("Linked \(EchoText.quoted(part)) to \(EchoText.quoted(name)).")
                }
            }
            let rest = Array(candidates.dropFirst())
            if rest.isEmpty { goOn(after: index, saying: notes, in: system) }
            else { move(to: .linkMentioned(index: index, candidates: rest), saying: notes, in: system) }
            return changes

        case .linkName(let index):
            return linkNamed(reply, index: index, in: system)

        case .confirmNewPart(let index, let typed):
            switch AnswerWords.yesNo(reply) {
            case .yes:
                let changes: [Change] = [.addPart(name: typed, role: .unknown), .link(part: typed, pattern: name)]
                if let error = valid(changes, in: system) {
                    move(to: .linkName(index: index), saying: [gentle(error)], in: system)
                    return []
                }
                noted.append("\(EchoText.quoted(typed)) (a part whose role isn't clear yet), in \(EchoText.quoted(name))")
                goOn(after: index, saying: ["Added \(EchoText.quoted(typed)) — its role isn't clear yet — and linked it to \(EchoText.quoted(name))."], in: system)
                return changes
            case .no, .unsure:
                move(to: .linkName(index: index), saying: ["Then it's not added."], in: system)
                return []
            case nil:
                if reply.isEmpty {
                    goOn(after: index, saying: [], in: system)
                    return []
                }
                return linkNamed(reply, index: index, in: system)
            }
        }
    }

    /// Ends the conversation now (a lone "." or Ctrl-C); what was said is kept. Returns the
    /// closing words, which `step.say` also holds from now on.
    public mutating func stop() -> String {
        if !isFinished { finish(summary(complete: false)) }
        return step.say
    }

    // MARK: Answers

    private mutating func answer(_ question: Question, at index: Int, with reply: String, in system: InnerSystem) -> [Change] {
        guard !reply.isEmpty else {
            goOn(after: index, saying: [], in: system)
            return []
        }
        let changes = record(question, at: index, text: reply, in: system)
        guard !changes.isEmpty else { return [] }  // refused: `record` has moved on with a note
        switch question {
        case .toward:
            switch TowardFeeling(answer: reply) {
            case .selfLike:
                goOn(after: index, saying: [], in: system)
            case .anotherPart:
                move(to: .blendedName(index: index), saying: [
                    "You said \(EchoText.quoted(reply)). That sounds like another part may be here too, with feelings of its own about \(EchoText.quoted(name)). That's natural — there are no bad parts.",
                ], in: system)
            case .unsure:
                move(to: .checkToward(index: index, answer: reply), saying: [], in: system)
            }
        case .protecting where !isExile(in: system):
            move(to: .protectsTarget(index: index, reason: reply), saying: [], in: system)
        case .active:
            offerLinks(for: reply, index: index, in: system)
        default:
            goOn(after: index, saying: [], in: system)
        }
        return changes
    }

    /// The change keeping one answer, or none (and a note, moving on) if the map refuses it.
    private mutating func record(_ question: Question, at index: Int, text: String, in system: InnerSystem) -> [Change] {
        let change = Change.answer(name: name, question: question, text: text)
        if let error = valid([change], in: system) {
            goOn(after: index, saying: ["That answer couldn't be kept: \(error)."], in: system)
            return []
        }
        kept += 1
        lastAnswered = index
        return [change]
    }

    // MARK: Another part, blended

    private mutating func noteBlended(_ reply: String, index: Int, in system: InnerSystem) -> [Change] {
        guard !reply.isEmpty else {
            move(to: .stepBack(index: index, named: nil), saying: [], in: system)
            return []
        }
        let typed = AnswerWords.name(reply)
        let retry = "Give it a name of its own, or press Enter to skip."
        if InnerSystem.key(typed) == InnerSystem.key(name) {
            move(to: .blendedName(index: index), saying: [
                "That's \(EchoText.quoted(name)) itself. The part with feelings about it is another one. \(retry)",
            ], in: system)
            return []
        }
        if InnerSystem.key(typed) == "self" {
            move(to: .blendedName(index: index), saying: [
                "Self isn't a part — it's the calm, curious centre. If something else is here, \(retry.lowercasedFirst)",
            ], in: system)
            return []
        }
        switch system.entity(named: typed) {
        case .part(let id):
            let existing = system.parts[id]!.name
            move(to: .stepBack(index: index, named: existing), saying: ["\(EchoText.quoted(existing)) is already on your map — noted that it's here."], in: system)
            return []
        case .pattern(let id):
            move(to: .blendedName(index: index), saying: [
                "\(EchoText.quoted(system.patterns[id]!.name)) is a pattern on your map, not a part. \(retry)",
            ], in: system)
            return []
        case nil:
            let change = Change.addPart(name: typed, role: .unknown)
            if let error = valid([change], in: system) {
                move(to: .blendedName(index: index), saying: [gentle(error)], in: system)
                return []
            }
            noted.append("\(EchoText.quoted(typed)) (a part whose role isn't clear yet)")
            move(to: .stepBack(index: index, named: typed), saying: ["Noted \(EchoText.quoted(typed)) on your map; its role isn't clear yet."], in: system)
            return [change]
        }
    }

    // MARK: Whom it protects

    private mutating func chooseProtected(_ reply: String, index: Int, reason: String, in system: InnerSystem) -> [Change] {
        guard !reply.isEmpty else {
            goOn(after: index, saying: [], in: system)
            return []
        }
        let typed = AnswerWords.name(reply)
        let retry = "Type another name, or press Enter to leave it."
        if InnerSystem.key(typed) == InnerSystem.key(name) {
            move(to: .protectsTarget(index: index, reason: reason), saying: ["That's \(EchoText.quoted(name)) itself; a part doesn't protect itself here. \(retry)"], in: system)
            return []
        }
        if InnerSystem.key(typed) == "self" {
            move(to: .protectsTarget(index: index, reason: reason), saying: ["Self isn't a part, so there is nothing to link. \(retry)"], in: system)
            return []
        }
        switch system.entity(named: typed) {
        case .part(let id):
            let target = system.parts[id]!
            if target.role == .exile { return protect(target.name, index: index, reason: reason, in: system) }
            let what = target.role == .unknown
                ? "\(EchoText.quoted(target.name)) is on your map; its role isn't clear yet."
                : "\(EchoText.quoted(target.name)) is on your map as \(Wording.aRole(target.role)), not an exile. Protectors sometimes protect other protectors."
            move(to: .confirmProtected(index: index, reason: reason, target: target.name), saying: [what], in: system)
            return []
        case .pattern(let id):
            move(to: .protectsTarget(index: index, reason: reason), saying: [
                "\(EchoText.quoted(system.patterns[id]!.name)) is a pattern, not a part. \(retry)",
            ], in: system)
            return []
        case nil:
            if let near = system.nearestName(to: typed), let part = system.part(named: near), part.role == .exile,
               InnerSystem.key(near) != InnerSystem.key(name) {
                move(to: .confirmNewExile(index: index, reason: reason, name: typed, suggestion: part.name), saying: [], in: system)
                return []
            }
            return protectNewExile(typed, index: index, reason: reason, in: system)
        }
    }

    /// Notes that the subject protects an existing part, the protecting answer as the reason.
    private mutating func protect(_ target: String, index: Int, reason: String, in system: InnerSystem) -> [Change] {
        var existing: String?
        if case .part(let id) = subject, let protected = system.part(named: target) {
            existing = system.relations[Relation(from: id, kind: .protects, to: protected.id)]
        }
        if existing == reason {
            goOn(after: index, saying: ["Already noted: \(EchoText.quoted(name)) protects \(EchoText.quoted(target)) — from \(EchoText.quoted(reason))."], in: system)
            return []
        }
        let change = Change.relate(from: name, kind: .protects, to: target, reason: reason)
        if let error = valid([change], in: system) {
            move(to: .protectsTarget(index: index, reason: reason), saying: [gentle(error)], in: system)
            return []
        }
        noted.append("\(EchoText.quoted(name)) protects \(EchoText.quoted(target))")
        let now = existing == nil ? "" : "now "
        goOn(after: index, saying: ["Noted: \(EchoText.quoted(name)) protects \(EchoText.quoted(target)) — \(now)from \(EchoText.quoted(reason))."], in: system)
        return [change]
    }

    private mutating func protectNewExile(_ typed: String, index: Int, reason: String, in system: InnerSystem) -> [Change] {
        let changes: [Change] = [.addPart(name: typed, role: .exile), .relate(from: name, kind: .protects, to: typed, reason: reason)]
        if let error = valid(changes, in: system) {
            move(to: .protectsTarget(index: index, reason: reason), saying: [gentle(error)], in: system)
            return []
        }
        noted.append("\(EchoText.quoted(typed)), an exile that \(EchoText.quoted(name)) protects")
        goOn(after: index, saying: [
            "Added \(EchoText.quoted(typed)) as an exile, in your words, and noted that \(EchoText.quoted(name)) protects it — from \(EchoText.quoted(reason)).",
        ], in: system)
        return changes
    }

    // MARK: Patterns: the part that is active

    /// After the "active" answer: offer to link the parts it names, or to type one.
    private mutating func offerLinks(for answer: String, index: Int, in system: InnerSystem) {
        guard case .pattern(let patternID) = subject else { return goOn(after: index, saying: [], in: system) }
        let mentioned = Conversation.partsMentioned(in: answer, system: system)
        let linked = mentioned.filter { system.links.contains(Link(part: $0.id, pattern: patternID)) }
        let notes = linked.map { "\(EchoText.quoted($0.name)) is already linked to \(EchoText.quoted(name))." }
        let candidates = mentioned.filter { !linked.contains($0) }.map(\.name)
        if !candidates.isEmpty {
            move(to: .linkMentioned(index: index, candidates: candidates), saying: notes, in: system)
        } else if mentioned.isEmpty {
            move(to: .linkName(index: index), saying: notes, in: system)
        } else {
            goOn(after: index, saying: notes, in: system)
        }
    }

    /// The parts whose names appear in `text` as whole words, in the order they appear. A name
    /// inside a longer one that also appears there ("Critic" in "Inner Critic") doesn't count.
    static func partsMentioned(in text: String, system: InnerSystem) -> [Part] {
        let haystack = Array(InnerSystem.key(text))
        let isWordChar: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber } ?? false }
        var found: [(range: Range<Int>, part: Part)] = []
        let longestFirst = system.parts.values.sorted { $0.name.count > $1.name.count }
        for part in longestFirst {
            let needle = Array(InnerSystem.key(part.name))
            guard !needle.isEmpty, needle.count <= haystack.count else { continue }
            for start in 0...(haystack.count - needle.count) {
                let range = start..<start + needle.count
                guard haystack[range].elementsEqual(needle) else { continue }
                let before = start == 0 ? nil : haystack[start - 1]
                let after = range.upperBound == haystack.count ? nil : haystack[range.upperBound]
                let boundedBefore = !isWordChar(before) || !isWordChar(needle.first)
                let boundedAfter = !isWordChar(after) || !isWordChar(needle.last)
                guard boundedBefore, boundedAfter, !found.contains(where: { $0.range.overlaps(range) }) else { continue }
                found.append((range, part))
                break
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }.map(\.part)
    }

    private mutating func linkNamed(_ reply: String, index: Int, in system: InnerSystem) -> [Change] {
        guard !reply.isEmpty else {
            goOn(after: index, saying: [], in: system)
            return []
        }
        let typed = AnswerWords.name(reply)
        switch system.entity(named: typed) {
        case .part(let id):
            let part = system.parts[id]!
            if case .pattern(let patternID) = subject, system.links.contains(Link(part: id, pattern: patternID)) {
                goOn(after: index, saying: ["\(EchoText.quoted(part.name)) is already linked to \(EchoText.quoted(name))."], in: system)
                return []
            }
            let change = Change.link(part: part.name, pattern: name)
            if let error = valid([change], in: system) {
                move(to: .linkName(index: index), saying: [gentle(error)], in: system)
                return []
            }
            noted.append("\(EchoText.quoted(part.name)) shows up in \(EchoText.quoted(name))")
            goOn(after: index, saying: ["Linked \(EchoText.quoted(part.name)) to \(EchoText.quoted(name))."], in: system)
            return [change]
        case .pattern(let id):
            move(to: .linkName(index: index), saying: [
                "\(EchoText.quoted(system.patterns[id]!.name)) is a pattern, not a part. Type a part's name, or press Enter to go on.",
            ], in: system)
            return []
        case nil:
            if InnerSystem.key(typed) == "self" {
                move(to: .linkName(index: index), saying: ["Self isn't a part, so there is nothing to link. Type a part's name, or press Enter to go on."], in: system)
                return []
            }
            move(to: .confirmNewPart(index: index, name: typed), saying: [], in: system)
            return []
        }
    }

    // MARK: Moving on

    /// The next question after `index`, or the end.
    private mutating func goOn(after index: Int, saying notes: [String], in system: InnerSystem) {
        if index + 1 < questions.count {
            move(to: .question(index + 1), saying: notes, in: system)
        } else {
            finish((notes + [summary(complete: true)]).joined(separator: "\n"))
        }
    }

    private mutating func finish(_ words: String) {
        phase = .finished
        step = Step(say: words, expectsAnswer: false, completion: .none)
    }

    /// Sets the phase and what to say: the notes, then the prompt of the phase.
    private mutating func move(to phase: Phase, saying notes: [String], in system: InnerSystem) {
        self.phase = phase
        let (prompt, completion) = self.prompt(for: phase, in: system)
        step = Step(say: (notes + [prompt]).joined(separator: "\n"), expectsAnswer: true, completion: completion)
    }

    private func prompt(for phase: Phase, in system: InnerSystem) -> (String, StepCompletion) {
        let yesNo = StepCompletion.choices(["yes", "no"])
        switch phase {
        case .finished:
            return ("", .none)
        case .permission:
            let protectors = protectorNames(in: system)
            var lines = ["\(EchoText.quoted(name)) is an exile — a young part that may carry pain. Getting to know an exile goes best with the OK of the parts that protect it."]
            if protectors.isEmpty {
                lines.append("No part on your map protects it yet, though some may be near.")
                lines.append("Check inside: are its protectors OK with you getting to know \(EchoText.quoted(name))? (yes / no)")
            } else {
                lines.append("\(list(protectors.map { EchoText.quoted($0) })) \(protectors.count == 1 ? "protects" : "protect") it.")
                lines.append("Check inside: are they OK with you getting to know \(EchoText.quoted(name))? (yes / no)")
            }
            return (lines.joined(separator: "\n"), yesNo)
        case .resumeChoice(let next):
            let last = lastAnswered.map { questions[$0].wording } ?? ""
            let what = isPattern ? "looked at \(EchoText.quoted(name))" : "talked with \(EchoText.quoted(name))"
            return ("""
                You've \(what) before and stopped after \(quoted(last))
                Continue where we stopped (at: \(quoted(questions[next].wording))), or start over? (continue / start over)
                """, .choices(["continue", "start over"]))
        case .question(let index):
            let question = questions[index]
            switch question {
            case .protecting:
                return ("Ask \(quoted(name)), with curiosity: \(quoted(question.wording))", .none)
            case .active:
                return (question.wording, .partNames)
            default:
                return (question.wording, .none)
            }
        case .checkToward(_, let answer):
            return ("You said \(EchoText.quoted(answer)). As you notice \(EchoText.quoted(name)) now, is there some curiosity or openness toward it? (yes / no / not sure)",
                    .choices(["yes", "no", "not sure"]))
        case .blendedName:
            return ("If you'd like to note that part on your map, give it a name in your own words — or press Enter to skip.", .partNames)
        case .stepBack(_, let named):
            let who = named.map(quoted) ?? "that part"
            return ("""
                If it feels right, ask \(who) whether it would be willing to give you a little space — to step back, just for now, so you can be with \(EchoText.quoted(name)) with more curiosity. It doesn't have to go away.
                When you're ready, press Enter to go on — or say how you feel toward \(EchoText.quoted(name)) now.
                """, .none)
        case .protectsTarget(_, let reason):
            let exiles = system.parts.values.filter { $0.role == .exile && $0.name != name }.map(\.name)
            var lines = ["Would you like to note whom \(EchoText.quoted(name)) protects from \(EchoText.quoted(reason))?"]
            if exiles.isEmpty {
                lines.append("Type a name in your own words for the part it protects — or press Enter to leave it for now.")
                return (lines.joined(separator: "\n"), .partNames)
            }
            if exiles.count <= 6 { lines.append("Exiles on your map: \(exiles.map { EchoText.quoted($0) }.joined(separator: ", ")).") }
            lines.append("Type the name of an exile on your map (Tab offers them), or a name in your own words for a new one — or press Enter to leave it for now.")
            return (lines.joined(separator: "\n"), .exileNames)
        case .confirmProtected(_, _, let target):
            return ("Note that \(EchoText.quoted(name)) protects \(EchoText.quoted(target))? (yes / no)", yesNo)
        case .confirmNewExile(_, _, let typed, let suggestion):
            return ("""
                There's no part named \(EchoText.quoted(typed)) yet — did you mean \(EchoText.quoted(suggestion))? If so, type its name.
                Or add \(EchoText.quoted(typed)) as a new exile that \(EchoText.quoted(name)) protects? (yes / no)
                """, .exileNames)
        case .linkMentioned(_, let candidates):
            return ("Link \(EchoText.quoted(candidates[0])) to \(EchoText.quoted(name)) — it shows up in this pattern? (yes / no)", yesNo)
        case .linkName:
            if system.parts.isEmpty {
                return ("If you'd like to note that part and link it to \(EchoText.quoted(name)), type a name in your own words — or press Enter to go on.", .none)
            }
            return ("If that's a part on your map, type its name to link it to \(EchoText.quoted(name)) (Tab offers them) — or press Enter to go on.", .partNames)
        case .confirmNewPart(_, let typed):
            var line = "There's no part named \(EchoText.quoted(typed)) on your map"
            if let near = system.nearestName(to: typed), system.part(named: near) != nil {
                line += " (did you mean \(EchoText.quoted(near))? type its name instead)"
            }
            return (line + ".\nAdd \(EchoText.quoted(typed)) as a part — its role not yet clear — and link it to \(EchoText.quoted(name))? (yes / no)", .partNames)
        }
    }

    // MARK: Words

    private func summary(complete: Bool) -> String {
        var lines: [String] = []
        let answers = kept == 1 ? "1 answer" : "\(kept) answers"
        let keptLine = kept == 0 ? "Nothing new was kept for \(EchoText.quoted(name)) this time." : "Kept \(answers) for \(EchoText.quoted(name))."
        lines.append(complete ? "That's all the questions. \(keptLine)" : keptLine)
        if !noted.isEmpty { lines.append("Also noted: \(noted.joined(separator: "; ")).") }
        if !complete, let last = lastAnswered, last + 1 < questions.count {
            lines.append("`ask \(EchoText.safe(ChangePrinter.name(name)))` later offers to continue at \(quoted(questions[last + 1].wording))")
        } else if kept > 0 {
            lines.append("`show \(EchoText.safe(ChangePrinter.name(name)))` shows \(isPattern ? "the pattern" : "its card") with the answers.")
        }
        return lines.joined(separator: "\n")
    }

    private func permissionDeclined(in system: InnerSystem) -> String {
        let protectors = protectorNames(in: system)
        let first = "That's worth respecting: protectors have their reasons for keeping \(EchoText.quoted(name)) safe."
        let next: String
        switch protectors.count {
        case 0: next = "You might get to know its protectors first, and come back when they're OK with it."
        case 1: next = "You might get to know \(EchoText.quoted(protectors[0])) first (`ask \(EchoText.safe(ChangePrinter.name(protectors[0])))`), and come back when it's OK with that."
        default: next = "You might get to know them first (e.g. `ask \(EchoText.safe(ChangePrinter.name(protectors[0])))`), and come back when they're OK with it."
        }
        return "\(first)\n\(next)\nNothing was changed."
    }

    private func protectorNames(in system: InnerSystem) -> [String] {
        guard case .part(let id) = subject else { return [] }
        return system.relations.keys.filter { $0.kind == .protects && $0.to == id }.compactMap { system.parts[$0.from]?.name }
    }

    private func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A refusal from the map, said gently with a way on.
    private func gentle(_ error: MapError) -> String {
        "That can't be noted: \(error). Try another name, or press Enter to skip."
    }

    // MARK: Checking

    private func currentName(in system: InnerSystem) -> String? {
        switch subject {
        case .part(let id): system.parts[id]?.name
        case .pattern(let id): system.patterns[id]?.name
        }
    }

    private func isExile(in system: InnerSystem) -> Bool {
        if case .part(let id) = subject { return system.parts[id]?.role == .exile }
        return false
    }

    /// Why the map would refuse these changes applied in order, or nil if it takes them all.
    private func valid(_ changes: [Change], in system: InnerSystem) -> MapError? {
        var copy = system
        for change in changes {
            do { try copy.apply(change, at: nil) } catch { return error }
        }
        return nil
    }
}

extension String {
    fileprivate var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
