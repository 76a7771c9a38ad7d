/// How names are matched — case-folded, blanks collapsed — done without Unicode tables or copies
/// for the ASCII names most maps hold: every journal line and every Tab looks a name up.
extension InnerSystem {
    /// The lookup key of a name: case-folded, runs of spaces and tabs as one space, trimmed.
    public static func key(_ name: String) -> String { lowercased(normalized(name)) }

    /// `s.lowercased()`, without Unicode tables when `s` is ASCII (most names), and without a
    /// copy when it has no capital letter.
    static func lowercased(_ s: String) -> String {
        let folded = s.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var hasCapital = false
            for b in bytes {
                if b >= 0x80 { return nil }
                if b &- 0x41 < 26 { hasCapital = true }
            }
            guard hasCapital else { return s }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (i, b) in bytes.enumerated() { buffer[i] = asciiLowercased(b) }
                return bytes.count
            }
        }
        return (folded ?? nil) ?? s.lowercased()
    }

    /// Whether `key(name)` starts with `wanted` (itself a key), for a name as the map keeps it
    /// (normalized); compares ASCII names in place.
    static func keyOf(_ name: String, startsWith wanted: String) -> Bool {
        let found = name.utf8.withContiguousStorageIfAvailable { bytes in
            wanted.utf8.withContiguousStorageIfAvailable { wanted -> Bool? in
                guard wanted.count <= bytes.count else { return bytes.contains(where: { $0 >= 0x80 }) ? nil : false }
                for i in 0..<wanted.count {
                    let b = bytes[i]
                    if b >= 0x80 { return nil }
                    if asciiLowercased(b) != wanted[i] { return false }
                }
                return true
            }
        }
        if let found = (found ?? nil) ?? nil { return found }
        return key(name).utf8.starts(with: wanted.utf8)
    }

    /// A name as it is kept: trimmed, runs of spaces and tabs as one space.
    public static func normalized(_ name: String) -> String {
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var previousBlank = true
            for b in bytes {
                let blank = isBlank(b)
                if blank && (previousBlank || b == 0x09) { return false }
                previousBlank = blank
            }
            return !previousBlank
        }
        if name.utf8.withContiguousStorageIfAvailable(isClean) ?? Array(name.utf8).withUnsafeBufferPointer(isClean) { return name }
        return name.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
