/// A set of parts or patterns as one bit per id. Ids are small and dense (given in creation
/// order), so a set of 100,000 parts takes some 14 kB where a `Set` would take megabytes: an
/// export keeps several of these, and nothing else per element.
struct EntitySet {
    private var words: [UInt64] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    func contains(_ id: EntityID) -> Bool {
        let word = id >> 6
        return id >= 0 && word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }

    /// Adds `id`; false if it was already in.
    @discardableResult
    mutating func insert(_ id: EntityID) -> Bool {
        precondition(id >= 0, "entity ids are positive")
        let word = id >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        let bit: UInt64 = 1 << UInt64(id & 63)
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        count += 1
        return true
    }

    mutating func remove(_ id: EntityID) {
        guard contains(id) else { return }
        words[id >> 6] &= ~(1 << UInt64(id & 63))
        count -= 1
    }
}
