/// A text the map keeps — an answer, a field — as UTF-8 bytes in a block shared with the map's
/// other texts, instead of a `String` of its own. A large map keeps hundreds of thousands of
/// answers of a sentence or two; as `String`s each carried a 32-byte header and `malloc`'s
/// rounding, together more than the words themselves (see BENCHMARKS.md).
///
/// A block's bytes are written once, when a text is kept, and never changed: texts read only
/// their own bytes, and only a map's `TextKeeper` writes, into the part of its current block no
/// text refers to yet. So texts can be shared between copies of a map, and between threads.
public struct StoredText: @unchecked Sendable {  // see above: blocks are written once, before any text refers to the bytes
    let block: TextBlock
    let start: UInt32
    let count: UInt32

    /// A text in a block of its own (for texts made outside a map's keeper).
    public init(_ string: String) {
        var keeper = TextKeeper(firstBlockBytes: string.utf8.count)
        self = keeper.keep(string)
    }

    init(block: TextBlock, start: UInt32, count: UInt32) {
        self.block = block
        self.start = start
        self.count = count
    }

    public var string: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    public var isEmpty: Bool { count == 0 }

    /// The text's UTF-8 bytes, valid only inside `body`.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try block.withUnsafeMutablePointerToElements { base in
            try body(UnsafeBufferPointer(start: base + Int(start), count: Int(count)))
        }
    }

    static let empty = StoredText(block: TextBlock.make(capacity: 0), start: 0, count: 0)
}

extension StoredText: Equatable, Hashable, CustomStringConvertible {
    public static func == (a: StoredText, b: StoredText) -> Bool {
        if a.count != b.count { return false }
        if a.block === b.block, a.start == b.start { return true }
        return a.withBytes { x in b.withBytes { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public var description: String { string }
}

/// Raw bytes for texts: a header-less run of UTF-8, written front to back by one `TextKeeper`.
final class TextBlock: ManagedBuffer<Void, UInt8> {
    static func make(capacity: Int) -> TextBlock {
        // `create` hands back the class it was called on.
        unsafeDowncast(TextBlock.create(minimumCapacity: max(capacity, 1)) { _ in }, to: TextBlock.self)
    }
}

/// Where a map writes the texts it keeps: the block being filled and how far. Held by one map
/// value; a copy of the map that keeps a text first takes a keeper (and block) of its own, so two
/// copies never write into the same bytes.
struct TextKeeper: Sendable {
    private final class Cursor: @unchecked Sendable {
        var block: TextBlock
        var used = 0
        init(_ block: TextBlock) { self.block = block }
    }

    private var cursor: Cursor
    /// Blocks grow from small (a map with a few parts, a copy made for a view) to this.
    private static let largestBlock = 1 << 20

    init(firstBlockBytes: Int = 4096) {
        cursor = Cursor(TextBlock.make(capacity: firstBlockBytes))
    }

    /// Copies `string`'s bytes into the current block (or a new one) and refers to them.
    mutating func keep(_ string: String) -> StoredText {
        var string = string
        return string.withUTF8 { keep(bytes: $0) }
    }

    mutating func keep(bytes: UnsafeBufferPointer<UInt8>) -> StoredText {
        guard bytes.count > 0 else { return .empty }
        if !isKnownUniquelyReferenced(&cursor) { cursor = Cursor(TextBlock.make(capacity: cursor.block.capacity)) }
        if cursor.block.capacity - cursor.used < bytes.count {
            // A text longer than a block gets a block of its own, and the current one goes on being filled.
            let size = min(Self.largestBlock, cursor.block.capacity * 2)
            if bytes.count > size / 2 {
                let own = TextBlock.make(capacity: bytes.count)
                own.withUnsafeMutablePointerToElements { $0.update(from: bytes.baseAddress!, count: bytes.count) }
                return StoredText(block: own, start: 0, count: UInt32(bytes.count))
            }
            cursor = Cursor(TextBlock.make(capacity: size))
        }
        let start = cursor.used
        cursor.block.withUnsafeMutablePointerToElements { ($0 + start).update(from: bytes.baseAddress!, count: bytes.count) }
        cursor.used += bytes.count
        return StoredText(block: cursor.block, start: UInt32(start), count: UInt32(bytes.count))
    }
}
