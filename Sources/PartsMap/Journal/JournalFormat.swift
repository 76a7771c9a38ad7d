import Glibc

/// How a map file reads: a header comment, then one record a line — the time it was made
/// (ISO-8601 UTC) and the change in the command language, or `undo` / `redo`:
///
///     # partsmap map v1 — one change per line, oldest first. Lines may be edited by hand.
///     2026-11-21T22:40:05Z session start first look
///     2026-11-21T22:40:31Z add manager "Inner Critic"
///     2026-11-21T22:41:02Z ask "Inner Critic" protecting being laughed at
///
/// Blank lines and lines starting with `#` are comments. A line without a time is accepted
/// (hand-written); it takes the time of the line before it.
public enum JournalFormat {
    public static let version = 1
    /// How every map's first line starts, plain or encrypted (`v1 —`, `v2 sealed`).
    static let headerPrefix = "# partsmap map v"
    public static let header = "# partsmap map v1 — one change per line, oldest first. Lines may be edited by hand."

    public static func line(for record: JournalRecord, at time: Timestamp) -> String {
        let body: String
        switch record {
        case .change(let change): body = ChangePrinter.line(for: change)
        case .undo: body = "undo"
        case .redo: body = "redo"
        }
        return "\(time.iso8601) \(body)"
    }

    /// What a line of a map file holds.
    public enum Line: Equatable, Sendable {
        case comment
        /// `# partsmap map vN`
        case header(version: Int)
        case record(time: Timestamp?, body: Substring)
    }

    public static func classify(_ line: String) -> Line {
        var line = line
        line.makeContiguousUTF8()
        switch line.utf8.withContiguousStorageIfAvailable(layout)! {
        case .comment:
            return .comment
        case .hashed:
            if line.hasPrefix(headerPrefix) {
                let digits = line.dropFirst(headerPrefix.count).prefix(while: { $0.isASCII && $0.isNumber })
                if let version = Int(digits) { return .header(version: version) }
            }
            return .comment
        case .record(let time, let body):
            let utf8 = line.utf8
            return .record(time: time, body: Substring(utf8[utf8.index(utf8.startIndex, offsetBy: body)...]))
        }
    }

    /// How a line's bytes divide: what `classify` needs to know before it makes any string.
    enum Layout {
        case comment
        /// Starts with `#`: a comment, or the header.
        case hashed
        /// A record; its body starts at byte offset `body`.
        case record(time: Timestamp?, body: Int)
    }

    static func layout(_ bytes: UnsafeBufferPointer<UInt8>) -> Layout {
        var start = 0
        while start != bytes.count, isBlank(bytes[start]) || bytes[start] == 0x0D { start += 1 }
        guard start != bytes.count else { return .comment }
        if bytes[start] == 0x23 { return .hashed }  // '#'
        // A time is exactly 20 ASCII bytes followed by a blank.
        if bytes.count >= 21, bytes[start] >= 0x30, bytes[start] <= 0x39 {
            let timeEnd = start + 20
            if timeEnd < bytes.count, isBlank(bytes[timeEnd]),
               let time = Timestamp(iso8601: UnsafeBufferPointer(rebasing: bytes[start..<timeEnd])) {
                return .record(time: time, body: timeEnd + 1)
            }
        }
        return .record(time: nil, body: start)
    }
}
