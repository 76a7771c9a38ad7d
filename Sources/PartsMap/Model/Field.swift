/// The things a part can carry, each in the person's own words.
public enum PartField: String, CaseIterable, Sendable, Hashable {
    case age, body, feeling, job, intent, fear, burden, trailhead, note

    /// How the field reads on a card.
    public var title: String {
        switch self {
        case .age: "Age (how old it seems)"
        case .body: "Body (where it is felt)"
        case .feeling: "Feelings"
        case .job: "Job"
        case .intent: "Positive intent"
        case .fear: "Fears"
        case .burden: "Burdens / beliefs"
        case .trailhead: "Trailheads (what sets it off)"
        case .note: "Notes"
        }
    }
}

/// The things a relationship pattern carries besides its name.
public enum PatternField: String, CaseIterable, Sendable, Hashable {
    /// The person or people it happens with.
    case with
    case description
}
