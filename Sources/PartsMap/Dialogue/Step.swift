/// What a conversation says now, and what kind of reply it waits for.
public struct Step: Sendable, Equatable {
    /// The words to show; may be several lines (a gentle note, then the question).
    /// When the conversation is finished, its closing words.
    public var say: String
    /// False only once the conversation is finished.
    public var expectsAnswer: Bool
    /// What Tab offers while the person types the reply.
    public var completion: StepCompletion

    public init(say: String, expectsAnswer: Bool, completion: StepCompletion = .none) {
        self.say = say
        self.expectsAnswer = expectsAnswer
        self.completion = completion
    }

    /// The last step: its closing words.
    static func closing(_ words: String) -> Step { Step(say: words, expectsAnswer: false) }

    /// A step that waits for a reply: the notes, then the prompt.
    static func asking(_ prompt: (String, StepCompletion), after notes: [String]) -> Step {
        Step(say: (notes + [prompt.0]).joined(separator: "\n"), expectsAnswer: true, completion: prompt.1)
    }
}

/// What Tab offers for a reply in a conversation. The reply is the whole line, so a candidate
/// replaces everything typed so far, and names are offered as written (no quotes needed).
public enum StepCompletion: Sendable, Equatable {
    /// A free answer in the person's own words.
    case none
    /// The names of the exiles on the map (the part this one protects).
    case exileNames
    /// The names of the parts on the map.
    case partNames
    /// The names of the patterns on the map.
    case patternNames
    /// A few words to choose from, e.g. `["yes", "no"]` or `["continue", "start over"]`.
    case choices([String])

    /// The candidates for the line typed so far.
    public func complete(_ lineUpToCursor: String, in system: InnerSystem) -> CompletionCandidates {
        let replacing = lineUpToCursor.unicodeScalars.count
        var typed = lineUpToCursor
        // Someone used to the command language may open a quote; match what follows it.
        if let first = typed.first, first == "\"" || first == "'" { typed.removeFirst() }
        let blanks: Set<Character> = [" ", "\t"]
        while let first = typed.first, blanks.contains(first) { typed.removeFirst() }
        switch self {
        case .none:
            return .none
        case .choices(let words):
            let prefix = typed.lowercased()
            return CompletionCandidates(replacing: replacing, candidates: words.filter { $0.lowercased().hasPrefix(prefix) })
        case .patternNames:
            return CompletionCandidates(replacing: replacing, candidates: system.names(startingWith: typed, parts: false, patterns: true))
        case .exileNames, .partNames:
            let names = system.names(startingWith: typed, parts: true, patterns: false).filter { name in
                self == .partNames || system.part(named: name)?.role == .exile
            }
            return CompletionCandidates(replacing: replacing, candidates: names)
        }
    }
}
