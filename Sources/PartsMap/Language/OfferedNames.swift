/// Tab's common prefix of a map's names, read from the names as the map keeps them.
///
/// Offered, a name is written as `ChangePrinter.name` writes it: bare, or in double quotes.
/// Quoting 11,000 names makes 11,000 new strings, and Tab needs none of them unless it lists
/// them, only their common prefix. So this reads each name in place as if quoted.
enum OfferedNames {
    /// The common prefix of the names' quoted spellings, exactly as LineEditing's `commonPrefix`
    /// finds it over `names.map(ChangePrinter.name)`: case-insensitive, spelled as the first. Nil
    /// when a name is not ASCII, where that compares whole characters (the caller quotes them all).
    static func quotedCommonPrefix(_ names: [String]) -> String? {
        guard let first = names.first else { return "" }
        var head = ChangePrinter.name(first)
        return head.withUTF8 { head -> String? in
            guard isASCII(head) else { return nil }
            var length = head.count
            for name in names.dropFirst() {
                let agreed = name.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
                    agreement(of: name, bytes, with: head, upTo: length)
                } ?? agreement(of: name, Array(name.utf8), with: head, upTo: length)
                guard let agreed else { return nil }
                length = agreed
                if length == 0 { return "" }  // nothing in common, whatever the rest hold
            }
            return String(decoding: UnsafeBufferPointer(rebasing: head[..<length]), as: UTF8.self)
        }
    }

    /// How far `name`, as it is offered, agrees with `head` (up to `length` bytes, folding ASCII
    /// letters); nil when it is not ASCII.
    private static func agreement(of name: String, _ bytes: UnsafeBufferPointer<UInt8>,
                                  with head: UnsafeBufferPointer<UInt8>, upTo length: Int) -> Int? {
        guard isASCII(bytes) else { return nil }
        if ChangePrinter.isBare(name, bytes) { return agreement(bytes, quoted: false, head, length) }
        if !ChangePrinter.needsEscape(bytes) { return agreement(bytes, quoted: true, head, length) }
        // Escaped (rare): its spelling made whole.
        var spelled = ChangePrinter.name(name)
        return spelled.withUTF8 { agreement($0, quoted: false, head, length) }
    }

    private static func agreement(of name: String, _ bytes: [UInt8], with head: UnsafeBufferPointer<UInt8>, upTo length: Int) -> Int? {
        bytes.withUnsafeBufferPointer { agreement(of: name, $0, with: head, upTo: length) }
    }

    /// How far `bytes` (between double quotes if `quoted`) agree with `head`, up to `length`.
    private static func agreement(_ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool,
                                  _ head: UnsafeBufferPointer<UInt8>, _ length: Int) -> Int {
        let spelled = bytes.count + (quoted ? 2 : 0)
        let end = min(length, spelled)
        var i = 0
        while i < end {
            let b = quoted ? (i == 0 || i == spelled - 1 ? 0x22 : bytes[i - 1]) : bytes[i]
            guard fold(b) == fold(head[i]) else { break }
            i += 1
        }
        return i
    }

    private static func fold(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// ASCII, and so one character a byte (an offered name holds no CR: it is escaped).
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { !bytes.contains { $0 >= 0x80 } }
}
