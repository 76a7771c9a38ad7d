/// A field that `set NAME FIELD TEXT` can write: a part's or a pattern's.
public enum Field: Hashable, Sendable {
    case part(PartField)
    case pattern(PatternField)

    public var word: String {
        switch self {
        case .part(let f): f.rawValue
        case .pattern(let f): f.rawValue
        }
    }

    public init?(word: String) {
        let lower = word.lowercased()
        if let f = PartField(rawValue: lower) { self = .part(f) }
        else if let f = PatternField(rawValue: lower) { self = .pattern(f) }
        else { return nil }
    }

    public static let allWords: [String] = PartField.allCases.map(\.rawValue) + PatternField.allCases.map(\.rawValue)
}

/// One edit of a map, as a value. Every change has exactly one line in the command language
/// (see `ChangePrinter`), which is also how it is kept in the journal; applying it to an
/// `InnerSystem` yields the `Reversal` that undoes it. Names are as the person wrote them;
/// they are matched case-insensitively when applied.
public enum Change: Equatable, Sendable {
    case addPart(name: String, role: Role)
    case addPattern(name: String, with: String)
    case setField(name: String, field: Field, text: String)
    case setRole(name: String, role: Role)
    case rename(name: String, to: String)
    /// Also removes the part's relations and links, or the pattern's links.
    case remove(name: String)
    /// `reason` is the protecting answer kept on a `protects` link ("" for none).
    case relate(from: String, kind: RelationKind, to: String, reason: String)
    case unrelate(from: String, kind: RelationKind, to: String)
    case link(part: String, pattern: String)
    case unlink(part: String, pattern: String)
    /// An answer to one of the questions; dated by the journal entry that carries it.
    case answer(name: String, question: Question, text: String)
    case sessionStart(title: String)
    case sessionEnd
    /// How much Self-energy is here: overall, some of the 8 Cs, a note (`self`).
    case selfReading(SelfReading)
    /// How strongly a part is around today, 0–10; `blended`: it had taken over; what set it off.
    case checkin(part: String, level: Int, blended: Bool, text: String)
    /// A step of healing the part took, with the person's words.
    case mark(part: String, step: HealingStep, text: String)
    /// Whether `ask PART` offers a Self check before and after (a setting of the map).
    case selfCheck(on: Bool)

    /// Session markers are milestones, not edits: undo passes over them.
    public var isSessionMarker: Bool {
        switch self {
        case .sessionStart, .sessionEnd: true
        default: false
        }
    }
}
