/// The first eight bytes of each name's key (case-folded, as names are matched), side by side in
/// one array in the map's order. Tab looks at every name for a prefix; reading each name from its
/// own heap object cost a cache miss a name on a large map. The heads are read instead, and a name
/// itself only when its head matches and the prefix is longer than a head.
struct NameHeads: Equatable, Sendable {
    private(set) var heads: [UInt64] = []

    mutating func reserveCapacity(_ count: Int) { heads.reserveCapacity(count) }
    mutating func append(_ name: String) { heads.append(Self.head(of: name)) }
    mutating func insert(_ name: String, at index: Int) { heads.insert(Self.head(of: name), at: index) }
    mutating func remove(at index: Int) { heads.remove(at: index) }
    mutating func set(_ name: String, at index: Int) { heads[index] = Self.head(of: name) }

    /// The first eight bytes of `InnerSystem.key(name)`, the first in the lowest byte, zero-padded.
    static func head(of name: String) -> UInt64 {
        let ascii = name.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            var head: UInt64 = 0
            for i in 0..<min(8, bytes.count) {
                // ASCII folds byte by byte; anything else needs the key's own folding.
                guard bytes[i] < 0x80 else { return nil }
                head |= UInt64(asciiLowercased(bytes[i])) << (8 * UInt64(i))
            }
            return head
        } ?? nil
        return ascii ?? packed(InnerSystem.key(name).utf8.prefix(8))
    }

    private static func packed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var head: UInt64 = 0
        for (i, b) in bytes.enumerated() { head |= UInt64(b) << (8 * UInt64(i)) }
        return head
    }

    /// What a wanted prefix (itself a key) asks of a head.
    struct Probe {
        let head: UInt64
        let mask: UInt64
        /// The head alone answers: the prefix fits in it. A longer one matches only names whose
        /// head matches, and those are then checked whole.
        let decides: Bool

        /// Nil when heads cannot tell (a NUL in the prefix would match the padding).
        init?(wanted: String) {
            let bytes = Array(wanted.utf8)
            guard !bytes.contains(0) else { return nil }
            let used = min(8, bytes.count)
            head = NameHeads.packed(bytes.prefix(used))
            mask = used == 8 ? ~0 : (1 << (8 * UInt64(used))) &- 1
            decides = bytes.count <= 8
        }

        @inline(__always) func mayMatch(_ found: UInt64) -> Bool { found & mask == head }
    }
}
