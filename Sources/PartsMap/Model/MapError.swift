/// Why a change or command could not be carried out. Each says what was wrong and, where it
/// can, what would work. Nothing is applied when one of these is thrown.
public enum MapError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchName(String, suggestion: String?)
    case notAPart(String)
    case notAPattern(String)
    case nameTaken(String, existing: String, isPattern: Bool)
    case emptyName
    case nameIsSelf
    case nameHasLineBreak
    case selfRelation(String, RelationKind)
    case relationExists(String, RelationKind, String)
    case noSuchRelation(String, RelationKind, String)
    case linkExists(String, String)
    case noSuchLink(String, String)
    case fieldIsForPatterns(Field, String)
    case fieldIsForParts(Field, String)
    case notAProtector(String)
    case questionIsForPatterns(Question, String)
    case questionIsForParts(Question, String)
    case emptyAnswer
    case emptySelfReading
    case levelOutOfRange(Int)
    /// Check-ins or steps ("check-ins", "steps") asked of Self, or of a pattern.
    case selfIsNotAPart(String)
    case patternHasNo(String, String)
    case stepNeedsRole(HealingStep, String)
    case stepIsForOtherRole(HealingStep, String, Role)
    case noOpenSession
    case nothingToUndo
    /// Undo has taken back as many changes as it keeps (`EditHistory.undoLimit`); earlier ones remain.
    case undoLimitReached
    case nothingToRedo

    public var description: String {
        switch self {
        case .noSuchName(let name, let suggestion):
            if let suggestion { return "no part or pattern named \(EchoText.quoted(name)) — did you mean \(EchoText.quoted(suggestion))?" }
            return "no part or pattern named \(EchoText.quoted(name)) (`list` shows them all)"
        case .notAPart(let name):
            return "\(EchoText.quoted(name)) is a pattern, not a part"
        case .notAPattern(let name):
            return "\(EchoText.quoted(name)) is a part, not a pattern — `add pattern NAME` creates a pattern"
        case .nameTaken(let name, let existing, let isPattern):
            let what = isPattern ? "a pattern" : "a part"
            return existing == name
                ? "there is already \(what) named \(EchoText.quoted(existing)); names are unique — choose another, or `rename` it"
                : "\(EchoText.quoted(name)) is taken: there is already \(what) named \(EchoText.quoted(existing)) (names match regardless of case)"
        case .emptyName:
            return "a name can't be empty"
        case .nameIsSelf:
            return "\"Self\" is not a part: Self is the calm, curious centre the map may show, never added, renamed or removed like a part"
        case .nameHasLineBreak:
            return "a name is one line; put longer words in a field, e.g. `set NAME note TEXT`"
        case .selfRelation(let name, let kind):
            let relation = kind == .protects ? "protect itself" : "be \(kind.rawValue) with itself"
            return "a part can't \(relation) (\(EchoText.quoted(name)) on both sides)"
        case .relationExists(let a, let kind, let b):
            return "\(EchoText.quoted(a)) \(kind.rawValue) \(EchoText.quoted(b)) is already in the map"
        case .noSuchRelation(let a, let kind, let b):
            return "the map has no \(EchoText.quoted(a)) \(kind.rawValue) \(EchoText.quoted(b))"
        case .linkExists(let part, let pattern):
            return "\(EchoText.quoted(part)) is already linked to \(EchoText.quoted(pattern))"
        case .noSuchLink(let part, let pattern):
            return "\(EchoText.quoted(part)) is not linked to \(EchoText.quoted(pattern))"
        case .fieldIsForPatterns(let field, let name):
            return "`\(field.word)` is a pattern's field; \(EchoText.quoted(name)) is a part"
        case .fieldIsForParts(let field, let name):
            return "`\(field.word)` is a part's field; \(EchoText.quoted(name)) is a pattern (its fields: with, description)"
        case .notAProtector(let name):
            return "\(EchoText.quoted(name)) is an exile; only protectors have a protecting answer yet — set its role first?"
        case .questionIsForPatterns(let q, let name):
            return "`\(q.rawValue)` is asked of patterns; \(EchoText.quoted(name)) is a part"
        case .questionIsForParts(let q, let name):
            return "`\(q.rawValue)` is asked of parts; \(EchoText.quoted(name)) is a pattern"
        case .emptyAnswer:
            return "the answer is empty — nothing to keep (in a conversation an empty line skips the question)"
        case .emptySelfReading:
            return "a Self-energy reading needs a level, 0–10 (e.g. `self 6`), or a quality and its level (`self calm 7`)"
        case .levelOutOfRange(let level):
            return "\(level) is outside 0–10: a level is a whole number from 0 (not at all) to 10 (as much as can be)"
        case .selfIsNotAPart(let what):
            return what == "steps"
                ? "Self is not a part: it takes no steps and needs no healing (its readings are `self LEVEL`)"
                : "Self is not a part: for how much Self-energy is here, use `self LEVEL` (0–10)"
        case .patternHasNo(let what, let name):
            return "\(EchoText.quoted(name)) is a relationship pattern; \(what) are for parts (`\(what == "steps" ? "mark PART STEP" : "checkin PART LEVEL")`)"
        case .stepNeedsRole(let step, let name):
            return "\(EchoText.quoted(name))'s role is not yet clear, and whether `\(step.rawValue)` fits depends on it (an exile's: "
                + "\(HealingStep.exileSteps.map(\.rawValue).joined(separator: ", ")); a protector's: released) — set its role first?"
        case .stepIsForOtherRole(let step, let name, let role):
            if step.isForExiles {
                return "`\(step.rawValue)` is a step for an exile; \(EchoText.quoted(name)) is \(Wording.aRole(role)), whose step is "
                    + "`released` (from its old job, with what it would like to do instead)"
            }
            return "`released` is for a protector leaving its old job; \(EchoText.quoted(name)) is an exile, whose steps are "
                + HealingStep.exileSteps.map(\.rawValue).joined(separator: ", ")
        case .noOpenSession:
            return "no session is open (`session start [TITLE]` begins one)"
        case .nothingToUndo:
            return "nothing to undo"
        case .undoLimitReached:
            return "nothing more to undo: undo goes back at most \(grouped(EditHistory.undoLimit)) changes, "
                + "and the ones before stay as they are"
        case .nothingToRedo:
            return "nothing to redo"
        }
    }
}

/// A name or text as the views quote it (`changes`, `diff`, `timeline`): whole, as written. Messages
/// quote what came from input with `EchoText.quoted`.
func quoted(_ name: String) -> String { "\"\(name)\"" }

/// A count as a person reads it: `10,000`.
func grouped(_ number: Int) -> String {
    let digits = String(number)
    return number < 1000 ? digits : grouped(number / 1000) + "," + digits.suffix(3)
}
