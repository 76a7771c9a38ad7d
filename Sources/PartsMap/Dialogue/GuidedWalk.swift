/// A guided walk through a few questions (`self`, `checkin`), as a state machine like
/// `Conversation`: steps out, replies in, changes produced. The runner drives it the same way from a
/// terminal and from a script (`CommandRunner.converse`). An empty line skips a question; a lone "."
/// stops, as Ctrl-C or the end of the input do, keeping what was said.
protocol GuidedWalk {
    /// What to say now; once finished, the closing words.
    var step: Step { get }
    var isFinished: Bool { get }
    /// The changes a reply gives, valid in order against `system`.
    mutating func respond(_ line: String, in system: InnerSystem) -> [Change]
    /// Stops here: the changes that keep what was said so far (the closing words are then in `step`).
    mutating func stop(in system: InnerSystem) -> [Change]
}

/// The words the walks share.
enum WalkWords {
    static let howTo = "An empty line skips, a lone \".\" stops (what you said is kept)."
    static let levelAgain = "A whole number from 0 (not at all) to 10, please — or an empty line to skip."

    /// A level typed as a reply ("6", " 6 ", "6/10"), or nil.
    static func level(_ reply: String) -> Int? {
        var text = reply
        if text.hasSuffix("/10") { text.removeLast(3) }
        return Level.read(AnswerWords.trimmed(text))
    }

    /// `calm 6, curiosity 7; overall 6`
    static func describe(_ reading: SelfReading) -> String {
        var bits = reading.qualities.map { "\($0.quality.rawValue) \($0.level)" }
        if let level = reading.level { bits.append("Self-energy \(level)") }
        if !reading.note.isEmpty { bits.append("a note") }
        return bits.joined(separator: ", ")
    }
}

/// Bare `self`: the 8 Cs one at a time, then Self-energy overall, then a note; one reading kept.
struct SelfEnergyWalk: GuidedWalk {
    private enum Phase: Equatable { case quality(Int), overall, note, finished }

    private var phase = Phase.quality(0)
    private var reading = SelfReading()
    private(set) var step: Step
    var isFinished: Bool { phase == .finished }

    init() {
        step = Step(say: "", expectsAnswer: false)
        step = Step(say: "A short Self check, one of the 8 Cs at a time: how much of each is here now, 0–10. \(WalkWords.howTo)\n"
                    + prompt(.quality(0)), expectsAnswer: true)
    }

    private func prompt(_ phase: Phase) -> String {
        switch phase {
        case .quality(let i):
            let quality = SelfQuality.allCases[i]
            return "\(quality.rawValue.prefix(1).uppercased() + quality.rawValue.dropFirst()) — \(quality.question)"
        case .overall: return "And Self-energy overall — how much Self is here now, 0–10?"
        case .note: return "Anything you'd like to note with it?"
        case .finished: return ""
        }
    }

    private mutating func move(to next: Phase, saying note: String? = nil) {
        phase = next
        step = Step(say: ([note].compactMap { $0 } + [prompt(next)]).joined(separator: "\n"), expectsAnswer: true)
    }

    mutating func respond(_ line: String, in system: InnerSystem) -> [Change] {
        let reply = AnswerWords.trimmed(line)
        if reply == "." { return stop(in: system) }
        switch phase {
        case .quality(let i):
            if !reply.isEmpty {
                guard let level = WalkWords.level(reply) else { move(to: phase, saying: WalkWords.levelAgain); return [] }
                reading.qualities.append(.init(SelfQuality.allCases[i], level))
            }
            move(to: i + 1 < SelfQuality.allCases.count ? .quality(i + 1) : .overall)
        case .overall:
            if !reply.isEmpty {
                guard let level = WalkWords.level(reply) else { move(to: phase, saying: WalkWords.levelAgain); return [] }
                reading.level = level
            }
            move(to: .note)
        case .note:
            reading.note = reply
            return finish(stopped: false)
        case .finished:
            break
        }
        return []
    }

    mutating func stop(in system: InnerSystem) -> [Change] {
        isFinished ? [] : finish(stopped: true)
    }

    private mutating func finish(stopped: Bool) -> [Change] {
        phase = .finished
        guard !(reading.level == nil && reading.qualities.isEmpty) else {
            reading.note = ""
            step = Step(say: stopped ? "Stopped; nothing was kept — that's all right." : "Nothing kept this time — that's all right.", expectsAnswer: false)
            return []
        }
        step = Step(say: "\(stopped ? "Stopped; kept" : "Kept"): \(WalkWords.describe(reading)). Thank you for checking in with yourself.", expectsAnswer: false)
        return [.selfReading(reading)]
    }
}

/// Bare `checkin`: which parts are around today and, for each, how strongly, whether it had taken
/// over, and what set it off (which also joins its trailheads); then Self-energy and a note. A name
/// not on the map is offered to be added in the person's words, role not yet clear — never guessed.
struct CheckinWalk: GuidedWalk {
    private enum Phase: Equatable {
        case partName(first: Bool)
        case suggestion(typed: String, existing: String)
        case addNew(String)
        case level(String)
        case blended(String, level: Int)
        case trigger(String, level: Int, blended: Bool)
        case selfLevel
        case note(level: Int?)
        case finished
    }

    private var phase = Phase.partName(first: true)
    private(set) var step: Step
    var isFinished: Bool { phase == .finished }
    /// What was kept, for the closing words: `"Critic" 6 (blended)`.
    private var kept: [String] = []

    init() {
        step = Step(say: "", expectsAnswer: false)
        move(to: .partName(first: true), saying: "Today's check-in, a minute or so. \(WalkWords.howTo)")
    }

    private func prompt(_ phase: Phase) -> (String, StepCompletion) {
        let yesNo = StepCompletion.choices(["yes", "no"])
        switch phase {
        case .partName(let first):
            return (first ? "Which part is around today? (Tab offers the parts; an empty line when there is none)"
                          : "Another part around today? (an empty line when that's all)", .partNames)
        case .suggestion(let typed, let existing):
            return ("\(EchoText.quoted(typed)) is not on the map. Did you mean \(EchoText.quoted(existing))? (yes, or no to add \(EchoText.quoted(typed)))", yesNo)
        case .addNew(let name):
            return ("\(EchoText.quoted(name)) is not on the map yet. Add it, in your words, as a part whose role is not yet clear? (yes/no)", yesNo)
        case .level(let name): return ("How strongly is \(EchoText.quoted(name)) here today, 0–10?", .none)
        case .blended: return ("Had it taken over — were you blended with it? (yes/no; an empty line: no)", yesNo)
        case .trigger: return ("What set it off?", .none)
        case .selfLevel: return ("How much Self-energy is here now, 0–10?", .none)
        case .note: return ("A note for today?", .none)
        case .finished: return ("", .none)
        }
    }

    private mutating func move(to next: Phase, saying note: String? = nil) {
        phase = next
        let (words, completion) = prompt(next)
        step = Step(say: ([note].compactMap { $0 } + [words]).joined(separator: "\n"), expectsAnswer: true, completion: completion)
    }

    mutating func respond(_ line: String, in system: InnerSystem) -> [Change] {
        let reply = AnswerWords.trimmed(line)
        if reply == "." { return stop(in: system) }
        switch phase {
        case .partName:
            guard !reply.isEmpty else { move(to: .selfLevel); return [] }
            choose(AnswerWords.name(reply), in: system)
        case .suggestion(let typed, let existing):
            switch AnswerWords.yesNo(reply) {
            case .yes: move(to: .level(existing))
            case .no: move(to: .addNew(typed))
            default: move(to: phase, saying: "Type \"yes\" or \"no\".")
            }
        case .addNew(let name):
            switch AnswerWords.yesNo(reply) {
            case .yes:
                move(to: .level(name), saying: "Added part \(EchoText.quoted(name)) (role not yet clear).")
                return [.addPart(name: name, role: .unknown)]
            case .no, .unsure: move(to: .partName(first: kept.isEmpty), saying: "All right, not added.")
            case nil: move(to: phase, saying: "Type \"yes\" or \"no\".")
            }
        case .level(let name):
            guard !reply.isEmpty else { move(to: .partName(first: kept.isEmpty), saying: "Skipped \(EchoText.quoted(name))."); return [] }
            guard let level = WalkWords.level(reply) else { move(to: phase, saying: WalkWords.levelAgain); return [] }
            move(to: .blended(name, level: level))
        case .blended(let name, let level):
            let answer = AnswerWords.yesNo(reply)
            guard reply.isEmpty || answer != nil else { move(to: phase, saying: "Type \"yes\" or \"no\" (an empty line: no)."); return [] }
            move(to: .trigger(name, level: level, blended: answer == .yes))
        case .trigger(let name, let level, let blended):
            let changes = checkin(name, level: level, blended: blended, trigger: reply, in: system)
            move(to: .partName(first: false))
            return changes
        case .selfLevel:
            guard !reply.isEmpty else { move(to: .note(level: nil)); return [] }
            guard let level = WalkWords.level(reply) else { move(to: phase, saying: WalkWords.levelAgain); return [] }
            move(to: .note(level: level))
        case .note(let level):
            return finish(selfLevel: level, note: reply, stopped: false)
        case .finished:
            break
        }
        return []
    }

    /// A name typed at "which part": a part on the map, something close to one, or a new one.
    private mutating func choose(_ name: String, in system: InnerSystem) {
        if InnerSystem.lowercased(name) == "self" {
            move(to: phase, saying: "Self is not a part — Self-energy comes at the end of the check-in.")
            return
        }
        switch system.entity(named: name) {
        case .part(let id)?: move(to: .level(system.parts[id]!.name))
        case .pattern(let id)?:
            move(to: phase, saying: "\(EchoText.quoted(system.patterns[id]!.name)) is a relationship pattern; which part of you is around in it?")
        case nil:
            if let near = system.nearestName(to: name), system.part(named: near) != nil {
                move(to: .suggestion(typed: name, existing: near))
            } else {
                move(to: .addNew(name))
            }
        }
    }

    private mutating func checkin(_ name: String, level: Int, blended: Bool, trigger: String, in system: InnerSystem) -> [Change] {
        kept.append("\(EchoText.quoted(name)) \(level)\(blended ? " (blended)" : "")")
        var changes: [Change] = [.checkin(part: name, level: level, blended: blended, text: trigger)]
        // What set it off joins its trailheads, unless they say it already.
        if !trigger.isEmpty, let part = system.part(named: name) {
            let old = part.fields[.trailhead] ?? ""
            if !InnerSystem.lowercased(old).contains(InnerSystem.lowercased(trigger)) {
                changes.append(.setField(name: name, field: .part(.trailhead), text: old.isEmpty ? trigger : old + "; " + trigger))
            }
        }
        return changes
    }

    mutating func stop(in system: InnerSystem) -> [Change] {
        switch phase {
        case .finished: return []
        // A level already said is kept.
        case .blended(let name, let level): return checkin(name, level: level, blended: false, trigger: "", in: system) + finish(selfLevel: nil, note: "", stopped: true)
        case .trigger(let name, let level, let blended): return checkin(name, level: level, blended: blended, trigger: "", in: system) + finish(selfLevel: nil, note: "", stopped: true)
        case .note(let level): return finish(selfLevel: level, note: "", stopped: true)
        default: return finish(selfLevel: nil, note: "", stopped: true)
        }
    }

    private mutating func finish(selfLevel: Int?, note: String, stopped: Bool) -> [Change] {
        phase = .finished
        var changes: [Change] = []
        var said = kept
        if selfLevel != nil || !note.isEmpty {
            changes.append(.selfReading(SelfReading(level: selfLevel, note: note)))
            said.append(selfLevel.map { "Self-energy \($0)" } ?? "a note")
        }
        let opening = stopped ? "Stopped; kept" : "Checked in"
        step = Step(say: said.isEmpty ? "Nothing kept this time — that's all right." : "\(opening): \(said.joined(separator: ", ")). Thank you.", expectsAnswer: false)
        return changes
    }
}
