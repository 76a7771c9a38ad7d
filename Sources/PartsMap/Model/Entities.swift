import OrderedCollections

/// Stable identity of a part or pattern inside one loaded map. Names change (rename); ids do not.
/// Ids are assigned in creation order while replaying, so they are the same on every load.
public typealias EntityID = Int

/// An answer to one of partsmap's questions, dated and tied to the session it was given in.
public struct Answer: Equatable, Sendable {
    public var question: Question
    public var text: String
    public var at: Timestamp?
    /// Number of the session it was given in (1-based).
    public var session: Int
}

/// A part of the inner system. Every field is the person's own words.
public struct Part: Equatable, Sendable {
    public let id: EntityID
    public var name: String
    public var role: Role
    public var fields: [PartField: String] = [:]
    public var answers: [Answer] = []
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
    public var from: EntityID
    public var kind: RelationKind
    public var to: EntityID

    public init(from: EntityID, kind: RelationKind, to: EntityID) {
        if kind.isSymmetric, to < from {
            self.from = to
            self.to = from
        } else {
            self.from = from
            self.to = to
        }
        self.kind = kind
    }

    /// One word of hashing instead of three (a large map looks a relation up on a third of its lines).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(truncatingIfNeeded: from) &<< 34 ^ UInt64(truncatingIfNeeded: to) &<< 2 ^ UInt64(kind.index))
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
