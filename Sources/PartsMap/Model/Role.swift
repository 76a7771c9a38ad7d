/// What a part does in the system, in IFS terms. Roles are often revised as understanding grows.
public enum Role: String, CaseIterable, Sendable, Hashable {
    /// Proactive protector: keeps life in control (the inner critic, the planner, the people-pleaser).
    case manager
    /// Reactive protector: acts fast when pain breaks through (numbing, bingeing, raging, withdrawing).
    case firefighter
    /// Young, hurt part carrying pain, shame or fear, kept out of awareness.
    case exile
    /// Not yet clear.
    case unknown

    /// The word the command language uses to create a part of this role (`add part` for unknown).
    public var addWord: String { self == .unknown ? "part" : rawValue }

    public var plural: String {
        switch self {
        case .manager: "managers"
        case .firefighter: "firefighters"
        case .exile: "exiles"
        case .unknown: "parts whose role is not yet clear"
        }
    }

    public var isProtector: Bool { self == .manager || self == .firefighter }

    /// Accepts the role words of the language: `manager`, `firefighter`, `exile`, `part`/`unknown`.
    public init?(word: String) {
        switch word.lowercased() {
        case "manager": self = .manager
        case "firefighter": self = .firefighter
        case "exile": self = .exile
        case "part", "unknown": self = .unknown
        default: return nil
        }
    }
}
