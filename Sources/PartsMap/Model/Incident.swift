/// What kind of incident a pattern keeps: one hard conversation looked back on, moment by moment
/// (`debrief`), or a rupture in the relationship and its repair (`rupture`).
public enum IncidentKind: String, CaseIterable, Sendable, Hashable {
    case debrief, rupture

    /// The questions asked of an incident of this kind, in order (a debrief's moments come between
    /// its highlight and its "next time").
    public var questions: [IncidentQuestion] {
        switch self {
        case .debrief: [.highlight, .next]
        case .rupture: [.happened, .felt, .said, .repair, .echo]
        }
    }
}

/// One question an incident answers as a whole (its moments have their own). `title` is what the
/// command line named it.
public enum IncidentQuestion: String, CaseIterable, Sendable, Hashable {
    case title
    // A debrief.
    case highlight, next
    // A rupture.
    case happened, felt, said, repair, echo

    /// The question as it is asked (the title is not asked: it comes with the command).
    public var wording: String {
        switch self {
        case .title: "Title"
        case .highlight: "Give a brief highlight of how it went."
        case .next: "Looking back, what would you like to try next time?"
        case .happened: "What happened between you?"
        case .felt: "What did you feel?"
        case .said: "Did you say it? What was that like — or what held you back?"
        case .repair: "What helped repair it — or what might?"
        case .echo: "Does this echo another relationship?"
        }
    }

    /// A few words for a short form and a diagram.
    public var short: String {
        switch self {
        case .title: "title"
        case .highlight: "how it went"
        case .next: "next time"
        case .happened: "what happened"
        case .felt: "felt"
        case .said: "said"
        case .repair: "repair"
        case .echo: "echoes"
        }
    }
}

/// What each moment of a debrief answers.
public enum MomentQuestion: String, CaseIterable, Sendable, Hashable {
    case happened, part, did, options

    /// The question as it is asked; the first moment's first question says "first".
    public func wording(first: Bool) -> String {
        switch self {
        case .happened: first ? "What happened first?" : "What happened next?"
        case .part: "Which part of you was active?"
        case .did: "What did you do?"
        case .options: "What else could you have done — what were your options?"
        }
    }
}

/// Where one answer of an incident goes: the incident's own question, or one of a moment's (1-based).
public enum IncidentEntry: Equatable, Sendable, Hashable {
    case about(IncidentQuestion)
    case moment(Int, MomentQuestion)

    /// Whether an incident of `kind` has this entry.
    public func belongs(to kind: IncidentKind) -> Bool {
        switch self {
        case .about(.title): true
        case .about(let question): kind.questions.contains(question)
        case .moment(let number, _): kind == .debrief && number >= 1
        }
    }

    /// The words of the command language after the incident's number: `highlight`, `moment 2 did`.
    public var words: String {
        switch self {
        case .about(let question): question.rawValue
        case .moment(let number, let question): "moment \(number) \(question.rawValue)"
        }
    }
}

/// One moment of a debrief: what happened, the part that was active, what the person did, and the
/// options they had. Each answer is the person's words ("" for none).
public struct Moment: Equatable, Sendable {
    public var answers: [MomentQuestion: String] = [:]
    /// The part the "active" answer named, when it named one on the map then (its name may change).
    public var partID: EntityID?

    public subscript(question: MomentQuestion) -> String? { answers[question] }
}

/// A debrief or a rupture kept with a pattern: dated by its first answer, in the session it began.
public struct Incident: Equatable, Sendable {
    public var kind: IncidentKind
    public var at: Timestamp?
    public var session: Int
    public var answers: [IncidentQuestion: String] = [:]
    public var moments: [Moment] = []

    public var title: String { answers[.title] ?? "" }

    public subscript(question: IncidentQuestion) -> String? { answers[question] }

    /// A rupture whose repair question has no answer yet is still open.
    public var isOpen: Bool { kind == .rupture && answers[.repair] == nil }

    /// The answer at `entry`, if there is one.
    public func value(at entry: IncidentEntry) -> String? {
        switch entry {
        case .about(let question): return answers[question]
        case .moment(let number, let question):
            return number <= moments.count ? moments[number - 1].answers[question] : nil
        }
    }

    /// Sets (or, with nil, clears) the answer at `entry`; a moment one past the last is added.
    mutating func set(_ entry: IncidentEntry, _ text: String?, partID: EntityID? = nil) {
        switch entry {
        case .about(let question): answers[question] = text
        case .moment(let number, let question):
            if number == moments.count + 1 { moments.append(Moment()) }
            moments[number - 1].answers[question] = text
            if question == .part { moments[number - 1].partID = text == nil ? nil : partID }
        }
    }

    /// The one entry a new incident holds (it is made by its first answer), for reading back the
    /// change that made it.
    var onlyEntry: (IncidentEntry, String)? {
        if let (question, text) = answers.first { return (.about(question), text) }
        if let moment = moments.first, let (question, text) = moment.answers.first { return (.moment(1, question), text) }
        return nil
    }
}
