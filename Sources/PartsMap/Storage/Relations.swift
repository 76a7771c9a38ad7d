import OrderedCollections

/// The map's relations, each with its reason (the protecting answer kept on a `protects` link; ""
/// for none), in the order they were made. Reads like an `OrderedDictionary<Relation, String>`;
/// the reasons are kept as `StoredText` (a large map has 100,000 of a sentence or two).
public struct Relations: Equatable, Sendable, RandomAccessCollection {
    var table: OrderedDictionary<Relation, StoredText> = [:]

    public typealias Element = (key: Relation, value: String)

    public var startIndex: Int { 0 }
    public var endIndex: Int { table.count }

    public subscript(position: Int) -> Element {
        (table.keys[position], table.values[position].string)
    }

    /// The reason kept on `relation`, or nil when the map has no such relation.
    public subscript(relation: Relation) -> String? { table[relation]?.string }

    public var keys: OrderedSet<Relation> { table.keys }

    /// The reason kept on the relation at `position`: a scan that looks at keys reads only the reasons it
    /// keeps (each one read is a new String, and reading every one made a card grow with the map).
    public func reason(at position: Int) -> String { table.values[position].string }

    /// The relations with their reasons, in order (what `OrderedDictionary.elements` gives).
    public var elements: Relations { self }

    /// Whether the map has `relation` (without reading its reason).
    public func contains(_ relation: Relation) -> Bool { table.index(forKey: relation) != nil }

    public static func == (a: Relations, b: Relations) -> Bool { a.table == b.table }
}
