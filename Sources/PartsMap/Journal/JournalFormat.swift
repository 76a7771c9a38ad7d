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
        let utf8 = line.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex, isBlank(utf8[start]) || utf8[start] == 0x0D { start = utf8.index(after: start) }
        guard start != utf8.endIndex else { return .comment }
        if utf8[start] == 0x23 {  // '#'
            let prefix = "# partsmap map v"
            if line.hasPrefix(prefix) {
                let digits = line.dropFirst(prefix.count).prefix(while: { $0.isASCII && $0.isNumber })
                if let version = Int(digits) { return .header(version: version) }
            }
            return .comment
        }
        // A time is exactly 20 ASCII bytes followed by a blank.
        if utf8.count >= 21, utf8[start] >= 0x30, utf8[start] <= 0x39 {
            let timeEnd = utf8.index(start, offsetBy: 20, limitedBy: utf8.endIndex) ?? utf8.endIndex
            if timeEnd != utf8.endIndex, isBlank(utf8[timeEnd]), let time = timestamp(utf8[start..<timeEnd]) {
                return .record(time: time, body: Substring(line.utf8[utf8.index(after: timeEnd)...]))
            }
        }
        return .record(time: nil, body: Substring(line.utf8[start...]))
    }

    /// The time at the start of a line, read in place when the line's bytes are contiguous.
    private static func timestamp(_ bytes: Substring.UTF8View) -> Timestamp? {
        if let time = bytes.withContiguousStorageIfAvailable({ Timestamp(iso8601: $0) }) { return time }
        return Timestamp(iso8601: Array(bytes))
    }
}
