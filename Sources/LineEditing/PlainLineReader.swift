#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain reading for pipes and files: no prompt, no editing, no history.
///
/// Lines end at `"\n"`; a `"\r"` before it (or at the very end of the input) is dropped; a
/// last line without a newline is still returned; invalid UTF-8 is repaired (U+FFFD).
/// Reads the descriptor with `read(2)` in 64 KiB chunks; `EINTR` is retried (Ctrl-C is not
/// special here). The descriptor is not closed.
public final class PlainLineReader: LineEditor {
    public let fileDescriptor: Int32

    private static let chunkSize = 64 * 1024
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Bytes read but not yet returned start at `start`.
    private var pending: [UInt8] = []
    private var start = 0
    /// Where to resume looking for a newline (everything in `start..<scanned` has none).
    private var scanned = 0
    private var atEnd = false
    private let chunk: UnsafeMutableRawBufferPointer

    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
        chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    deinit {
        chunk.deallocate()
    }

    public func readLine(prompt: String = "") -> LineInput {
        while true {
            if let newlineIndex = findNewline() {
                let line = makeLine(from: start, to: newlineIndex)
                start = newlineIndex + 1
                scanned = start
                return .line(line)
            }
            scanned = pending.count
            if atEnd || !fill() {
                atEnd = true
                guard start < pending.count else {
                    pending = []
                    start = 0
                    scanned = 0
                    return .endOfInput
                }
                let line = makeLine(from: start, to: pending.count)
                pending = []
                start = 0
                scanned = 0
                return .line(line)
            }
        }
    }

    /// Nothing to keep: plain input has no history.
    public func addToHistory(_ line: String) {}

    // MARK: - Internals

    private func findNewline() -> Int? {
        guard scanned < pending.count else { return nil }
        return pending.withUnsafeBufferPointer { bytes -> Int? in
            let base = UnsafeRawPointer(bytes.baseAddress!)
            guard let hit = memchr(base + scanned, Int32(Self.newline), bytes.count - scanned) else {
                return nil
            }
            return UnsafeRawPointer(hit) - base
        }
    }

    /// The text of `pending[from..<to]`, without a trailing carriage return.
    private func makeLine(from: Int, to: Int) -> String {
        var end = to
        if end > from && pending[end - 1] == Self.carriageReturn { end -= 1 }
        if end == from { return "" }
        return pending.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]), as: UTF8.self)
        }
    }

    /// Reads one more chunk. Returns false at the end of the input (or on an error).
    private func fill() -> Bool {
        // Drop what has been returned already; what remains is one partial line.
        if start > 0 {
            pending.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        while true {
            let count = read(fileDescriptor, chunk.baseAddress, chunk.count)
            if count > 0 {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            return false
        }
    }
}
