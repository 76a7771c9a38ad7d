import OrderedCollections

/// Stable identity of a part or pattern inside one loaded map. Names change (rename); ids do not.
/// Ids are assigned in creation order while replaying, so they are the same on every load.
public typealias EntityID = Int

/// An answer to one of partsmap's questions, dated and tied to the session it was given in.
public struct Answer: Equatable, Sendable {
    // Laid out to fit 32 bytes: a large map holds half a million.
    var storedText: StoredText
    public var at: Timestamp?
    public var question: Question
    private var storedSession: Int32

    public init(question: Question, text: String, at: Timestamp?, session: Int) {
        self.init(question: question, text: StoredText(text), at: at, session: session)
    }

    init(question: Question, text: StoredText, at: Timestamp?, session: Int) {
        storedText = text
        self.at = at
        self.question = question
        storedSession = Int32(clamping: session)
    }

    public var text: String {
        get { storedText.string }
        set { storedText = StoredText(newValue) }
    }

    /// Number of the session it was given in (1-based).
    public var session: Int {
        get { Int(storedSession) }
        set { storedSession = Int32(clamping: newValue) }
    }
}

/// A part of the inner system. Every field is the person's own words.
public struct Part: Equatable, Sendable {
    public let id: EntityID
    public var name: String
    public var role: Role
    public var fields = PartFields()
    public var answers: [Answer] = []
    /// Its check-ins, oldest first.
    public var checkins: [Checkin] = []
    /// The steps of healing it took, oldest first.
    public var steps: [StepTaken] = []
}

/// A recurring relationship dynamic, with the person or people it happens with.
public struct Pattern: Equatable, Sendable {
    public let id: EntityID
    public var name: String
    public var with: String = ""
    public var description: String = ""
    public var answers: [Answer] = []
}

public enum RelationKind: String, CaseIterable, Sendable, Hashable {
    /// Directed: a protector protects an exile or another protector.
    case protects
    /// Two protectors pulling in opposite directions. Symmetric.
    case polarized
    /// Symmetric.
    case allied

    public var isSymmetric: Bool { self != .protects }

    /// 0, 1, 2 in declaration order.
    var index: Int {
        switch self {
        case .protects: 0
        case .polarized: 1
        case .allied: 2
        }
    }
}

/// A part-to-part relation. Symmetric kinds are stored once, the smaller id first.
public struct Relation: Hashable, Sendable {
    // Ids as 32 bits: 12 bytes a relation instead of 24, and a large map holds 300,000. Ids count
    // the parts and patterns ever added to one map, far below 2^31.
    private var storedFrom: Int32
    private var storedTo: Int32
    public var kind: RelationKind

    public var from: EntityID {
        get { EntityID(storedFrom) }
        set { storedFrom = Int32(newValue) }
    }

    public var to: EntityID {
        get { EntityID(storedTo) }
        set { storedTo = Int32(newValue) }
    }

    public init(from: EntityID, kind: RelationKind, to: EntityID) {
        let (from, to) = kind.isSymmetric && to < from ? (to, from) : (from, to)
        storedFrom = Int32(from)
        storedTo = Int32(to)
        self.kind = kind
    }

    /// One word of hashing instead of three (a large map looks a relation up on a third of its lines).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(UInt32(bitPattern: storedFrom)) &<< 34 ^ UInt64(UInt32(bitPattern: storedTo)) &<< 2 ^ UInt64(kind.index))
    }
}

/// A part shows up in a relationship pattern.
public struct Link: Hashable, Sendable {
    public var part: EntityID
    public var pattern: EntityID
}

/// One sitting. Changes made before any `session start` belong to an implicit first session.
public struct Session: Equatable, Sendable {
    public var number: Int
    public var title: String
    public var started: Timestamp?
    public var ended: Timestamp?
    /// True for a session nobody started explicitly (changes made outside any `session start`).
    public var implicit: Bool
    public var changeCount: Int = 0
}

/// What a name refers to.
public enum Entity: Equatable, Sendable {
    case part(EntityID)
    case pattern(EntityID)
}
