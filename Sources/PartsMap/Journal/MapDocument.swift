/// Why a map could not be opened or a change could not be kept.
public enum MapFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case file(JournalError)
    /// A line that does not read or does not apply; loading stops there and nothing is written.
    case damagedLine(path: String, line: Int, reason: String, text: String)
    case newerVersion(path: String, version: Int)
    case notAMap(path: String, reason: String)
    case readOnly(path: String)
    /// An encrypted map, and no passphrase could be had.
    case passphraseNeeded(path: String, reason: String)
    case wrongPassphrase(path: String)
    /// The first line says the map is encrypted but does not read, or asks for absurd work.
    case sealedHeader(path: String, problem: SealedHeader.Problem)
    /// A line of an encrypted map that does not open with its key: altered, damaged or moved.
    case alteredRecord(path: String, line: Int)
    /// A change was not saved, and the map could not be read back from its file to undo it in memory.
    case notSavedNorReread(saving: JournalError, reading: String)
    /// Named for a map, but it is a map's lock or torn-tail file.
    case notForAMap(DestinationError)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .notForAMap(let error):
            return error.description
        case .notSavedNorReread(let saving, let reading):
            return "\(saving.description); and the map could not be read back from its file (\(reading)), so what "
                + "you see may include that change — restart partsmap: everything saved before is on disk"
        case .damagedLine(let path, let line, let reason, let text):
            return "\(EchoText.path(path)), line \(line): \(reason)\n  \(EchoText.safe(text))\nThe map was not opened and nothing was changed; fix or remove that line in an editor."
        case .newerVersion(let path, let version):
            return "\(EchoText.path(path)) was written by a newer partsmap (map format v\(version); this one reads v\(JournalFormat.version)) — nothing was changed"
        case .notAMap(let path, let reason):
            return "\(EchoText.path(path)) does not look like a partsmap map (\(reason)) — nothing was changed"
        case .readOnly(let path):
            return "\(EchoText.path(path)) is open read-only: nothing can be changed (reopen it without --read-only when no other partsmap has it)"
        case .passphraseNeeded(let path, let reason):
            return "\(EchoText.path(path)) is encrypted and needs its passphrase: \(reason) — nothing was changed"
        case .wrongPassphrase(let path):
            return "that passphrase does not open \(EchoText.path(path)) — nothing was changed. A forgotten passphrase cannot be "
                + "recovered by anyone; a backup copy opens with the passphrase it had when it was made."
        case .sealedHeader(let path, .unreadable):
            return "\(EchoText.path(path)) says it is encrypted, but its first line does not read — nothing was changed"
        case .sealedHeader(let path, .unreasonableCost(let cost)):
            return "\(EchoText.path(path)) asks for an unreasonable amount of work to make its key (scrypt N=2^\(cost.log2N), "
                + "r=\(cost.r), p=\(cost.p)); partsmap never writes that, so it was refused — nothing was changed"
        case .alteredRecord(let path, let line):
            return "\(EchoText.path(path)), line \(line): this encrypted record does not open with the map's key — it was altered, "
                + "damaged or moved. The map was not opened and nothing was changed; a backup copy may hold it whole."
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
    /// The key of an encrypted map; nil for a plain one.
    public private(set) var seal: MapSeal?
    public var isEncrypted: Bool { seal != nil }
    /// Which file the map is (device and inode): never a destination for anything else partsmap writes.
    public var identity: FileIdentity? { journal.identity }
    /// Where times come from; replaced in tests.
    public var clock: () -> Timestamp = Timestamp.now
    private let journal: JournalFile
    /// Complete lines in the file: an encrypted map seals each line with its number, and `timeline()`
    /// reads no further. Every change saved adds one, so a view can tell whether the map changed.
    public private(set) var lineCount: Int

    private init(path: String, history: EditHistory, journal: JournalFile, seal: MapSeal?, lineCount: Int) {
        self.path = path
        self.history = history
        self.journal = journal
        self.seal = seal
        self.lineCount = lineCount
    }

    /// Opens (read-write: creating if missing) and replays the map at `path`. An encrypted map
    /// asks `passphrases` for its passphrase; without one it is `.passphraseNeeded`.
    public static func open(path: String, access: JournalAccess,
                            passphrases: PassphraseSource? = nil) throws(MapFileError) -> (MapDocument, LoadReport) {
        if access == .readWrite {
            do { try WriteDestination.checkMapPath(path) } catch { throw .notForAMap(error) }
        }
        let journal: JournalFile
        do { journal = try JournalFile.open(path: path, access: access) } catch { throw .file(error) }
        return try open(journal, passphrases: passphrases)
    }

    /// `open`, once the journal is open (a file, or bytes in memory for the fuzzer).
    static func open(_ journal: JournalFile, passphrases: PassphraseSource?) throws(MapFileError) -> (MapDocument, LoadReport) {
        let (path, access) = (journal.path, journal.access)
        let seal: MapSeal?
        do { seal = try unlock(journal, passphrases: passphrases) } catch {
            journal.closeAfterFailedOpen()
            throw error
        }
        var (replaying, report, tornTail): (Replaying, LoadReport, [UInt8]?)
        do throws(MapFileError) {
            (replaying, report, tornTail) = try replay(path: path) { replaying, report throws(MapFileError) in
                try replayLines(of: journal, seal: seal, into: &replaying, report: &report)
            }
        } catch {
            journal.closeAfterFailedOpen()
            throw error
        }
        let history = replaying.rebuilding.history
        if let tail = tornTail {
            // A torn line ends a map partsmap was writing: it follows the header or a record, or is the start
            // of a header. After nothing of the kind, the file is not a map, and cutting off its last line would
            // damage someone's file (a one-line note with no newline at its end).
            let mapBefore = report.records > 0 || replaying.sawHeader
            let startOfHeader = JournalFormat.header.utf8.starts(with: tail) || tail.allSatisfy { $0 == 0 }
            guard mapBefore || startOfHeader else {
                journal.closeAfterFailedOpen()
                throw .notAMap(path: path, reason: "it has no complete map line; a map written by hand needs a newline after its last line")
            }
            if access == .readWrite {
                do { report.tornTailSetAside = try journal.setAsideTornTail(tail) } catch {
                    journal.closeAfterFailedOpen()
                    throw .file(error)
                }
            } else {
                report.tornTailIgnored = true
            }
        }
        var lineCount = replaying.lines
        if access == .readWrite, replaying.lines == 0 {  // new, or only a torn header set aside
            do { try journal.append(JournalFormat.header) } catch {
                journal.closeAfterFailedOpen()
                throw .file(error)
            }
            lineCount = 1
        }
        return (MapDocument(path: path, history: history, journal: journal, seal: seal, lineCount: lineCount), report)
    }

    /// Replays the journal's lines (the first `limit` of them), opening those of an encrypted map with
    /// `seal`, as they are read: a large map's lines are never all held at once. Returns the torn tail.
    private static func replayLines(of journal: JournalFile, seal: MapSeal?, limit: Int = .max,
                                    into replaying: inout Replaying, report: inout LoadReport) throws(MapFileError) -> [UInt8]? {
        // A line is a change, and a change takes well over 40 bytes: room for all of them at once.
        if let size = JournalIO.status(ofPath: journal.path)?.st_size {
            replaying.rebuilding.history.reserveCapacity(min(Int(size) / 40, limit))
        }
        let tornTail: [UInt8]?
        do {
            tornTail = try journal.readLines(limit: limit) { (line: UnsafeBufferPointer<UInt8>) in
                guard let seal else { return replaying.take(bytes: line, report: &report) }
                // Done: the lines after are not opened (each is sealed with its number, which `lines` no longer counts).
                guard !replaying.isDone else { return }
                do throws(MapFileError) {
                    let sealed = String(decoding: line, as: UTF8.self)
                    replaying.take(try plainLine(sealed, number: replaying.lines + 1, seal: seal, path: replaying.path), report: &report)
                } catch {
                    replaying.failure = error
                }
            }
        } catch {
            throw .file(error)
        }
        if let failure = replaying.failure { throw failure }
        return tornTail
    }

    /// The map's past, for the session views (`changes`, `timeline`, `diff`, `show --at`, `export --at`
    /// and `--since`): each view reads the journal again by the rules `open` read it by, as far as it
    /// needs, keeping only what it shows — the open map keeps no past, to stay small. Only the lines this
    /// document has seen: one opened read-only may have had lines added since by the program that has
    /// it open for changes.
    public func timeline() -> MapTimeline {
        let (journal, seal, lineCount) = (self.journal, self.seal, self.lineCount)
        let (path, undoDepth) = (path, history.undoDepth)
        return MapTimeline(now: system, undoDepth: undoDepth) { walker throws(MapFileError) in
            // The depth the open settled on, so no undo stops short and the reading never starts over.
            var replaying = Replaying(path: path, undoDepth: undoDepth, walker: walker)
            var report = LoadReport()
            _ = try Self.replayLines(of: journal, seal: seal, limit: lineCount, into: &replaying, report: &report)
            if let failure = replaying.failure { throw failure }
            walker.finish(replaying.rebuilding.history.system)
        }
    }

    /// The map as the lines this document has seen make it, read again from the file.
    private func rereadHistory() throws(MapFileError) -> EditHistory {
        let (journal, seal, lineCount) = (self.journal, self.seal, self.lineCount)
        return try Self.replay(path: path, undoDepth: history.undoDepth) { replaying, report throws(MapFileError) in
            _ = try Self.replayLines(of: journal, seal: seal, limit: lineCount, into: &replaying, report: &report)
        }.replaying.rebuilding.history
    }

    /// The one way journal lines become a map — for opening, the session views, the rollback after a
    /// failed save and `replay(_:path:)`: `read` feeds lines to a `Replaying` that reaches `undoDepth`
    /// changes back. A journal that undoes further back than that was written when undo reached so far:
    /// it is read again, keeping every change undo may need.
    private static func replay<Result>(path: String, keepingEntries: Bool = false, undoDepth: Int = EditHistory.undoLimit,
                                       reading read: (inout Replaying, inout LoadReport) throws(MapFileError) -> Result)
        throws(MapFileError) -> (replaying: Replaying, report: LoadReport, result: Result)
    {
        var replaying = Replaying(path: path, keepingEntries: keepingEntries, undoDepth: undoDepth)
        var report = LoadReport()
        do {
            let result = try read(&replaying, &report)
            return (replaying, report, result)
        } catch {
            guard replaying.reachedUndoLimit, undoDepth != .max else { throw error }
            (replaying, report) = (Replaying(path: path, keepingEntries: keepingEntries, undoDepth: .max), LoadReport())
            let result = try read(&replaying, &report)
            return (replaying, report, result)
        }
    }

    /// The key of an encrypted map (nil for a plain one), from its header and a passphrase.
    private static func unlock(_ journal: JournalFile, passphrases: PassphraseSource?) throws(MapFileError) -> MapSeal? {
        let path = journal.path
        let start: [UInt8]
        do { start = try journal.readPrefix(4096) } catch { throw .file(error) }
        guard SealedHeader.isSealed(start) else { return nil }
        guard let end = start.firstIndex(of: 0x0A), let line = String(validating: start[..<end], as: UTF8.self) else {
            throw .sealedHeader(path: path, problem: .unreadable)
        }
        let header: SealedHeader
        switch SealedHeader.parse(line) {
        case .success(let read): header = read
        case .failure(let problem): throw .sealedHeader(path: path, problem: problem)
        }
        guard let passphrases else { throw .passphraseNeeded(path: path, reason: PassphraseUnavailable.nowhereToAsk.reason) }
        for attempt in 1...max(passphrases.attempts, 1) {
            let passphrase: [UInt8]
            do { passphrase = try passphrases.unlock(path, attempt) } catch {
                throw .passphraseNeeded(path: path, reason: error.reason)
            }
            do { return try MapSeal.unlock(header, passphrase: passphrase) } catch {
                if case .keyDerivationFailed = error { throw .passphraseNeeded(path: path, reason: error.description) }
            }
        }
        throw .wrongPassphrase(path: path)
    }

    /// Line `number` (from 1) of an encrypted map as plain text: the header (read by `unlock`) as the
    /// plain one, any other line opened with the key at its place.
    private static func plainLine(_ sealed: String, number: Int, seal: MapSeal, path: String) throws(MapFileError) -> String {
        if number == 1 { return JournalFormat.header }
        guard let plain = seal.open(sealed, line: number) else { throw .alteredRecord(path: path, line: number) }
        return plain
    }

    /// Replays journal lines into a map; stops at the first line that does not read or apply.
    public static func replay(_ lines: [String], path: String, keepingEntries: Bool = false,
                              report: inout LoadReport) throws(MapFileError) -> EditHistory {
        let replayed = try replay(path: path, keepingEntries: keepingEntries) { replaying, report throws(MapFileError) in
            for line in lines {
                replaying.take(line, report: &report)
                if let failure = replaying.failure { throw failure }
            }
        }
        report = replayed.report
        return replayed.replaying.rebuilding.history
    }

    /// A replay in progress, one line at a time; after the first line that does not read or apply it
    /// keeps that failure and takes no more lines.
    private struct Replaying {
        // The parser asks the map being rebuilt whether a name exists. It reads the map through this
        // box, never holding a copy of it: a copy shares the map's storage, so the next change would
        // copy the whole map (copy-on-write) — once a line, quadratic in the journal's length.
        final class Rebuilding {
            var history: EditHistory
            init(_ history: EditHistory) { self.history = history }
        }
        let rebuilding: Rebuilding
        let path: String
        let parser: Parser
        var lastTime: Timestamp?
        var sawHeader = false
        var recentName = Parser.RecentName()
        /// Lines taken so far.
        var lines = 0
        var failure: MapFileError?
        /// Whether it stopped at an undo past `EditHistory.undoLimit`.
        var reachedUndoLimit = false
        /// A session view following the replay (`MapDocument.timeline()`): told of each record, it may
        /// have seen what it needs before the end, and then no more lines are taken.
        let walker: SessionWalker?
        /// Whether it takes no more lines: one failed, or the session view has what it needs.
        var isDone: Bool { failure != nil || walker?.stopped == true }

        init(path: String, keepingEntries: Bool = false, undoDepth: Int = EditHistory.undoLimit, walker: SessionWalker? = nil) {
            self.path = path
            self.walker = walker
            let rebuilding = Rebuilding(EditHistory(keepingEntries: keepingEntries, undoDepth: undoDepth))
            self.rebuilding = rebuilding
            parser = Parser(isKnownName: { rebuilding.history.system.entity(named: $0) != nil })
        }

        mutating func take(_ line: String, report: inout LoadReport) {
            var line = line
            line.withUTF8 { take(bytes: $0, report: &report) }
        }

        /// Takes a line's UTF-8 bytes: the usual lines are read in place from them, anything else through
        /// `classify` and the full parser.
        mutating func take(bytes rawLine: UnsafeBufferPointer<UInt8>, report: inout LoadReport) {
            if isDone { return }
            lines += 1
            var bytes = rawLine
            if bytes.last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }  // written on Windows
            if case .record(let time, let body) = JournalFormat.layout(bytes),
               let record = Parser.canonicalRecord(bytes: UnsafeBufferPointer(rebasing: bytes[body..<bytes.count]),
                                                          names: &recentName) {
                if let time { lastTime = time }
                replay(record, line: String(decoding: bytes, as: UTF8.self), report: &report)
                return
            }
            let line = String(decoding: bytes, as: UTF8.self)
            switch JournalFormat.classify(line) {
            case .comment:
                return
            case .header(let version):
                guard version <= JournalFormat.version else {
                    failure = .newerVersion(path: path, version: version)
                    return
                }
                sawHeader = true
            case .record(let time, let body):
                if let time { lastTime = time }
                let record: JournalRecord
                do { record = try parser.parseJournalRecord(String(body)) } catch {
                    fail(error, line: line, report: report)
                    return
                }
                replay(record, line: line, report: &report)
            }
        }

        private mutating func replay(_ record: JournalRecord, line: @autoclosure () -> String, report: inout LoadReport) {
            do {
                walker?.willRecord(record, in: rebuilding.history.system)
                let outcome = try rebuilding.history.record(record, at: lastTime)
                report.records += 1
                walker?.didRecord(outcome, at: lastTime, reversal: rebuilding.history.lastReversal)
            } catch {
                reachedUndoLimit = error == .undoLimitReached
                fail(error, line: line(), report: report)
            }
        }

        private mutating func fail(_ error: any Error, line: String, report: LoadReport) {
            let reason = "\(error)"
            if !sawHeader, report.records == 0 {
                failure = .notAMap(path: path, reason: "line \(lines): \(reason)")
            } else {
                failure = .damagedLine(path: path, line: lines, reason: reason, text: line)
            }
        }
    }

    /// Applies, saves and acknowledges one record (a change, undo or redo).
    @discardableResult
    public func perform(_ record: JournalRecord) throws -> EditHistory.Outcome {
        guard !isReadOnly else { throw MapFileError.readOnly(path: path) }
        let time = clock()
        let outcome = try history.record(record, at: time)
        let line = JournalFormat.line(for: outcomeRecord(outcome, record), at: time)
        do {
            try journal.append(seal.map { $0.seal(line, line: lineCount + 1) } ?? line)
        } catch {
            // Not saved, so not done: go back to exactly what the file holds. (Rare, so a replay
            // is fine here; keeping a copy of the map before every change would not be.)
            do { history = try rereadHistory() } catch let reread {
                throw MapFileError.notSavedNorReread(saving: error, reading: reread.description)
            }
            throw MapFileError.file(error)
        }
        lineCount += 1
        return outcome
    }

    /// The map's lines as plain text, as a plain map holds them: opened when the map is encrypted.
    private func savedLines() throws -> [String] {
        let lines = try journal.read().lines
        guard let seal else { return lines }
        return try lines.indices.map { index throws(MapFileError) in try Self.plainLine(lines[index], number: index + 1, seal: seal, path: path) }
    }

    /// Rewrites the map sealed with `newSeal` (a plain map becomes encrypted; an encrypted one
    /// takes the new passphrase). The rewrite is atomic — the old file or the new one, never a
    /// mix — and the plain text goes nowhere but memory on the way.
    public func encrypt(with newSeal: MapSeal) throws {
        guard !isReadOnly else { throw MapFileError.readOnly(path: path) }
        let plain = try savedLines()
        var lines = [newSeal.headerLine]
        lines.reserveCapacity(plain.count + 1)
        for line in plain {
            if case .header = JournalFormat.classify(line) { continue }  // the sealed header replaces it
            lines.append(newSeal.seal(line, line: lines.count + 1))
        }
        try journal.compact(to: lines)
        seal = newSeal
        lineCount = lines.count
    }

    /// Rewrites an encrypted map as plain text, atomically.
    public func decrypt() throws {
        guard !isReadOnly else { throw MapFileError.readOnly(path: path) }
        guard seal != nil else { return }
        let lines = try savedLines()  // the first is the plain header
        try journal.compact(to: lines)
        seal = nil
        lineCount = lines.count
    }

    /// A change is journaled with names as the map spells them.
    private func outcomeRecord(_ outcome: EditHistory.Outcome, _ record: JournalRecord) -> JournalRecord {
        if case .applied(let change) = outcome { return .change(change) }
        return record
    }

    public func close() { journal.close() }

    /// A test hook: the next save fails as a full or failing disk would.
    func injectFault(_ fault: JournalFile.InjectedFault) { journal.injectedFault = fault }
}
