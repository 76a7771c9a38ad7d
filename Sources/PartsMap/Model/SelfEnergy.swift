/// Self and change over time: Self-energy readings, a part's daily check-ins, and the steps of
/// healing it has taken. Every one is the person's own reading, dated by the journal entry that
/// carries it and tied to the session it was made in. Self is never a part: its readings are kept
/// on the map itself, not on an entity.

/// The 8 Cs of Self-energy, in the order they are usually named (and the guided `self` asks them).
public enum SelfQuality: String, CaseIterable, Sendable, Hashable {
    case calm, curiosity, clarity, compassion, confidence, courage, creativity, connectedness

    /// How the guided check asks about it.
    public var question: String { "how much \(rawValue) is here now, 0–10?" }
}

/// A level of Self-energy or of a part's activation: a whole number from 0 to 10.
public enum Level {
    public static let range = 0...10

    /// The level a word names, or nil when it is not a whole number from 0 to 10.
    public static func read(_ word: String) -> Int? {
        guard !word.isEmpty, word.utf8.count <= 2, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(word), range.contains(value) else { return nil }
        return value
    }

    /// Whether a word looks like a number at all (`11`, `6.5`, `-1`), so it is refused as a level
    /// rather than read as a name or a note.
    static func looksNumeric(_ word: String) -> Bool {
        var scalars = Substring(word).unicodeScalars.drop { $0 == "-" || $0 == "+" }[...]
        guard let first = scalars.popFirst() else { return false }
        return ("0"..."9").contains(first)
    }
}

/// A Self check around a conversation with a part (`selfcheck on`): before it, or after it.
public enum SelfCheckMoment: String, CaseIterable, Sendable, Hashable {
    case before, after
}

/// One Self-energy reading as the language writes it: an overall level, levels of some of the 8
/// Cs, a note — any of them may be missing, not all — and, for a Self check, around which part.
public struct SelfReading: Equatable, Sendable {
    public var level: Int?
    public var qualities: [QualityLevel]
    public var note: String
    /// The part a Self check was made around (its name), and whether before or after asking it.
    public var check: (moment: SelfCheckMoment, part: String)?

    public struct QualityLevel: Equatable, Sendable, Hashable {
        public var quality: SelfQuality
        public var level: Int
        public init(_ quality: SelfQuality, _ level: Int) {
            self.quality = quality
            self.level = level
        }
    }

    public init(level: Int? = nil, qualities: [QualityLevel] = [], note: String = "",
                check: (moment: SelfCheckMoment, part: String)? = nil) {
        self.level = level
        self.qualities = qualities
        self.note = note
        self.check = check
    }

    public var isEmpty: Bool { level == nil && qualities.isEmpty && note.isEmpty }

    public static func == (a: SelfReading, b: SelfReading) -> Bool {
        a.level == b.level && a.qualities == b.qualities && a.note == b.note
            && a.check?.moment == b.check?.moment && a.check?.part == b.check?.part
    }
}

/// A Self-energy reading as the map keeps it.
public struct SelfRecord: Equatable, Sendable {
    public var level: Int?
    public var qualities: [SelfReading.QualityLevel]
    public var note: String
    /// The part a Self check was made around, by id (it may be renamed since), and when.
    public var check: (moment: SelfCheckMoment, part: EntityID)?
    public var at: Timestamp?
    public var session: Int

    /// The one number a trend shows: the overall level, or else the mean of the qualities given.
    public var energy: Int? {
        if let level { return level }
        guard !qualities.isEmpty else { return nil }
        return (qualities.map(\.level).reduce(0, +) * 2 + qualities.count) / (qualities.count * 2)
    }

    public static func == (a: SelfRecord, b: SelfRecord) -> Bool {
        a.level == b.level && a.qualities == b.qualities && a.note == b.note && a.at == b.at && a.session == b.session
            && a.check?.moment == b.check?.moment && a.check?.part == b.check?.part
    }
}

/// How strongly a part was around on a day, whether it had taken over (blended), and in the
/// person's words what set it off.
public struct Checkin: Equatable, Sendable {
    public var level: Int
    public var blended: Bool
    public var text: String
    public var at: Timestamp?
    public var session: Int
    /// Its place among all the map's check-ins, in the order they were made (parts keep their own).
    public var order: Int
}

/// The steps of healing in IFS: an exile is witnessed, retrieved, unburdened, and the qualities it
/// lost are invited back; a protector is released from its old job.
public enum HealingStep: String, CaseIterable, Sendable, Hashable {
    case witnessed, retrieved, unburdened, invited, released

    public static let exileSteps: [HealingStep] = [.witnessed, .retrieved, .unburdened, .invited]
    public static let protectorSteps: [HealingStep] = [.released]

    public var isForExiles: Bool { self != .released }

    /// What the step means, for help and cards.
    public var meaning: String {
        switch self {
        case .witnessed: "its story was witnessed"
        case .retrieved: "it was retrieved from where it was stuck"
        case .unburdened: "it let go of a burden"
        case .invited: "qualities it had lost were invited back"
        case .released: "it was released from its old job"
        }
    }
}

/// A step a part took, dated, with the person's words (for `released`: what it would like to do instead).
public struct StepTaken: Equatable, Sendable {
    public var step: HealingStep
    public var text: String
    public var at: Timestamp?
    public var session: Int
}
