/// A name as the map looks it up: compared and hashed as `InnerSystem.key(name)` is (case-folded,
/// blanks collapsed), without making that key. Replaying a journal looks up a name or two on every
/// line, and most names are ASCII with capitals: folding them into a new string each time was a
/// large part of loading. Holds the name itself, so the map's table of names shares the strings
/// its parts and patterns already keep.
struct NameKey: Hashable, Sendable {
    /// The name, normalized (`InnerSystem.normalized`), not folded.
    let name: String
    /// A digest of the folded name when it is all ASCII (0: it is not), kept beside the name so
    /// that a look-up tells most unequal names apart without reading their bytes, which lie
    /// elsewhere in memory for each one.
    private let digest: UInt32
    /// What the name names, in the table of names (`NameTable`): in the bytes the digest leaves free,
    /// rather than in a table of its own. Not part of the key: neither compared nor hashed.
    fileprivate var named: Int32 = 0
    fileprivate var entity: Entity {
        let id = EntityID(named)
        return id > 0 ? .part(id) : .pattern(-id)
    }

    init(_ name: String) {
        self.name = InnerSystem.normalized(name)
        digest = self.name.utf8.withContiguousStorageIfAvailable { bytes -> UInt32 in
            var digest: UInt32 = 2_166_136_261  // FNV-1a
            for b in bytes {
                if b >= 0x80 { return 0 }
                digest = (digest ^ UInt32(asciiLowercased(b))) &* 16_777_619
            }
            return digest | 1
        } ?? 0
    }

    static func == (a: NameKey, b: NameKey) -> Bool {
        if a.digest != 0, b.digest != 0, a.digest != b.digest { return false }
        let same = a.name.utf8.withContiguousStorageIfAvailable { x in
            b.name.utf8.withContiguousStorageIfAvailable { y in asciiEqual(x, y) } ?? nil
        } ?? nil
        return same ?? (InnerSystem.lowercased(a.name) == InnerSystem.lowercased(b.name))
    }

    /// Whether two names are the same ignoring ASCII case, decided at the first difference: nil when
    /// that comes at (or after) a non-ASCII byte, where only Unicode's rules can tell. (A dictionary
    /// compares many unequal names on its way to a match; most differ in their first bytes.)
    private static func asciiEqual(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool? {
        let common = min(x.count, y.count)
        for i in 0..<common {
            let (p, q) = (x[i], y[i])
            if p | q >= 0x80 { return nil }
            if asciiLowercased(p) != asciiLowercased(q) { return false }
        }
        if x.count == y.count { return true }
        return (x.count > common ? x[common] : y[common]) >= 0x80 ? nil : false
    }

    /// Hashes exactly as `String` hashes `InnerSystem.key(name)`, so an ASCII key and a non-ASCII
    /// one that `String` finds equal (`;` and U+037E GREEK QUESTION MARK) hash alike; for ASCII that
    /// is the folded bytes and a terminating 0xFF (checked by a test).
    func hash(into hasher: inout Hasher) {
        let done = name.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
                for i in 0..<bytes.count { buffer[i] = asciiLowercased(bytes[i]) }
                hasher.combine(bytes: UnsafeRawBufferPointer(start: buffer.baseAddress, count: bytes.count))
            }
            hasher.combine(0xFF as UInt8)
            return true
        }
        if done != true { hasher.combine(InnerSystem.lowercased(name)) }
    }
}


/// An ASCII byte lowercased.
@inline(__always) func asciiLowercased(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

/// The map's names and what each names: a set of keys that carry their entity, looked up by a key
/// without one. Half the memory of a `[NameKey: Entity]`, whose values would take a table of their own.
struct NameTable: Sendable {
    private var keys: Set<NameKey> = []

    var count: Int { keys.count }

    mutating func reserveCapacity(_ count: Int) { keys.reserveCapacity(count) }

    subscript(key: NameKey) -> Entity? {
        get { lookUp(key)?.entity }
        set {
            guard let newValue else { keys.remove(key); return }
            var kept = key
            switch newValue {
            case .part(let id): kept.named = Int32(id)
            case .pattern(let id): kept.named = -Int32(id)
            }
            keys.update(with: kept)
        }
    }

    /// Every name with what it names, in no particular order.
    var all: [(name: String, entity: Entity)] { keys.map { ($0.name, $0.entity) } }

    /// The name as the map keeps it (normalized, as first written) and what it names.
    func lookUp(_ key: NameKey) -> (name: String, entity: Entity)? {
        guard let index = keys.firstIndex(of: key) else { return nil }
        let found = keys[index]
        return (found.name, found.entity)
    }
}
