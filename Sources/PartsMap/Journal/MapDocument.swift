/// Why a map could not be opened or a change could not be kept.
public enum MapFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case file(JournalError)
    /// A line that does not read or does not apply; loading stops there and nothing is written.
    case damagedLine(path: String, line: Int, reason: String, text: String)
    case newerVersion(path: String, version: Int)
    case notAMap(path: String, reason: String)
    case readOnly(path: String)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .damagedLine(let path, let line, let reason, let text):
            let shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
            return "\(path), line \(line): \(reason)\n  \(shown)\nThe map was not opened and nothing was changed; fix or remove that line in an editor."
        case .newerVersion(let path, let version):
            return "\(path) was written by a newer partsmap (map format v\(version); this one reads v\(JournalFormat.version)) — nothing was changed"
        case .notAMap(let path, let reason):
            return "\(path) does not look like a partsmap map (\(reason)) — nothing was changed"
        case .readOnly(let path):
            return "\(path) is open read-only: nothing can be changed (reopen it without --read-only when no other partsmap has it)"
        }
    }
}

/// What happened while a map was opened that the person should hear about.
public struct LoadReport: Sendable, Equatable {
    /// Records replayed.
    public var records = 0
    /// Where a torn last line (a write cut off by a crash or power loss) was set aside.
    public var tornTailSetAside: String?
    /// A torn last line seen but left in place (read-only open).
    public var tornTailIgnored = false
}

/// An open map: the journal on disk and the map it replays into. Every change is applied in
/// memory (which validates it), appended to the journal and flushed, and only then
/// acknowledged; if it can't be saved, it is rolled back and the error says so.
public final class MapDocument {
    public let path: String
    public private(set) var history: EditHistory
    public var system: InnerSystem { history.system }
    public var isReadOnly: Bool { journal.access == .readOnly }
    /// Where times come from; replaced in tests.
    public var clock: () -> Timestamp = Timestamp.now
    private let journal: JournalFile

    private init(path: String, history: EditHistory, journal: JournalFile) {
        self.path = path
        self.history = history
        self.journal = journal
    }

    /// Opens (read-write: creating if missing) and replays the map at `path`.
    public static func open(path: String, access: JournalAccess) throws(MapFileError) -> (MapDocument, LoadReport) {
        let journal: JournalFile
        do { journal = try JournalFile.open(path: path, access: access) } catch { throw .file(error) }
        var report = LoadReport()
        let contents: JournalContents
        do { contents = try journal.read() } catch {
            journal.close()
            throw .file(error)
        }
        let history: EditHistory
        do {
            history = try replay(contents.lines, path: path, report: &report)
        } catch {
            journal.close()
            throw error
        }
        if let tail = contents.tornTail {
            if access == .readWrite {
                do { report.tornTailSetAside = try journal.setAsideTornTail(tail) } catch {
                    journal.close()
                    throw .file(error)
                }
            } else {
                report.tornTailIgnored = true
            }
        }
        if access == .readWrite, contents.lines.isEmpty, contents.tornTail == nil {
            do { try journal.append(JournalFormat.header) } catch {
                journal.close()
                throw .file(error)
            }
        }
        return (MapDocument(path: path, history: history, journal: journal), report)
    }

    /// Replays journal lines into a map; stops at the first line that does not read or apply.
    public static func replay(_ lines: [String], path: String, report: inout LoadReport) throws(MapFileError) -> EditHistory {
        var history = EditHistory()
        var lastTime: Timestamp?
        var sawHeader = false
        var parser = Parser()
        for (index, rawLine) in lines.enumerated() {
            var line = rawLine
            if line.utf8.last == 0x0D { line.removeLast() }  // written on Windows
            switch JournalFormat.classify(line) {
            case .comment:
                continue
            case .header(let version):
                guard version <= JournalFormat.version else { throw .newerVersion(path: path, version: version) }
                sawHeader = true
            case .record(let time, let body):
                if let time { lastTime = time }
                do {
                    let system = history.system
                    parser.isKnownName = { system.entity(named: $0) != nil }
                    let record = try parser.parseJournalRecord(String(body))
                    try history.record(record, at: lastTime)
                    report.records += 1
                } catch {
                    let reason = "\(error)"
                    if !sawHeader, report.records == 0 { throw .notAMap(path: path, reason: "line \(index + 1): \(reason)") }
                    throw .damagedLine(path: path, line: index + 1, reason: reason, text: line)
                }
            }
        }
        return history
    }

    /// Applies, saves and acknowledges one record (a change, undo or redo).
    @discardableResult
    public func perform(_ record: JournalRecord) throws -> EditHistory.Outcome {
        guard !isReadOnly else { throw MapFileError.readOnly(path: path) }
        let time = clock()
        let outcome = try history.record(record, at: time)
        do {
            try journal.append(JournalFormat.line(for: outcomeRecord(outcome, record), at: time))
        } catch {
            // Not saved, so not done: go back to exactly what the file holds. (Rare, so a replay
            // is fine here; keeping a copy of the map before every change would not be.)
            var report = LoadReport()
            if let lines = try? journal.read().lines, let saved = try? MapDocument.replay(lines, path: path, report: &report) {
                history = saved
            }
            throw MapFileError.file(error)
        }
        return outcome
    }

    /// A change is journaled with names as the map spells them.
    private func outcomeRecord(_ outcome: EditHistory.Outcome, _ record: JournalRecord) -> JournalRecord {
        if case .applied(let change) = outcome { return .change(change) }
        return record
    }

    public func close() { journal.close() }
}
