/// The map's growth over its sessions. The map as it was at the end of a session is a replay of the
/// records up to there — nothing else keeps old states. A timeline keeps none of it either: each view
/// replays the records again, keeping only what it shows (one session's records, the map at one or two
/// session ends), so a session view costs about one replay of the journal in time and one or two maps
/// in memory, however long the journal.
public struct MapTimeline {
    /// The sessions so far, with their numbers, titles, dates and change counts.
    public let sessions: [Session]
    /// The map as it is now, at the end of the last record.
    public let now: InnerSystem
    /// How far back undo reached when the records were made: a replay applies each undo the same way.
    private let undoDepth: Int
    /// Replays every record into a history of its own, telling the walker of each as it goes; throws
    /// what reading them again throws (an open map's re-read of its journal).
    private let replay: (SessionWalker) throws(MapFileError) -> Void

    /// The timeline of records that `replay` feeds, once, in order, to the walker it is given (through
    /// `SessionWalker.take`, or its `willRecord` and `didRecord` around each record), ending with
    /// `finish`; `now` is the map they make.
    init(now: InnerSystem, undoDepth: Int, replay: @escaping (SessionWalker) throws(MapFileError) -> Void) {
        sessions = now.sessions
        self.now = now
        self.undoDepth = undoDepth
        self.replay = replay
    }

    /// The timeline of a history that kept its entries (tests, and maps built in memory).
    public init(_ history: EditHistory) {
        precondition(history.keepsEntries, "a timeline needs a history that keeps its entries")
        self.init(now: history.system, undoDepth: history.undoDepth) { walker in
            // Undo reaches as far as it did the first time, so each undo applies again the same way.
            var replaying = EditHistory(undoDepth: history.undoDepth)
            for entry in history.entries where !walker.stopped {
                walker.take(entry.record, at: entry.time, into: &replaying)
            }
            walker.finish(replaying.system)
        }
    }

    /// Walks the records, handing `visit` each record and each session's end, until it says stop.
    private func walk(_ visit: (SessionWalker.Event) -> SessionWalker.Next) throws(MapFileError) {
        try withoutActuallyEscaping(visit) { visit throws(MapFileError) in try replay(SessionWalker(visit)) }
    }

    /// The records that belong to `session`, in the order they were made.
    public func entries(in session: Int) throws(MapFileError) -> [EditHistory.Entry] {
        var entries: [EditHistory.Entry] = []
        try walk { event in
            switch event {
            case .record(let entry, _):
                if entry.session == session { entries.append(entry) }
                return .goOn
            case .sessionEnd(let number, _):
                return number >= session ? .stop : .goOn
            }
        }
        return entries
    }

    /// Every record, in the order they were made.
    public func entries() throws(MapFileError) -> [EditHistory.Entry] {
        var entries: [EditHistory.Entry] = []
        try walk { event in
            if case .record(let entry, _) = event { entries.append(entry) }
            return .goOn
        }
        return entries
    }

    /// The map at the end of `session`: 0 is the empty map before anything was written.
    public func system(atEndOf session: Int) throws(MapFileError) -> InnerSystem {
        try systems(atEndOf: [session])[session]!
    }

    /// The maps at the end of each of `sessions`, from one replay that stops at the last of them.
    public func systems(atEndOf sessions: [Int]) throws(MapFileError) -> [Int: InnerSystem] {
        var result: [Int: InnerSystem] = [:]
        let wanted = Set(sessions)
        if wanted.contains(0) { result[0] = InnerSystem() }
        // The last session's end is the map as it is now.
        if !self.sessions.isEmpty, wanted.contains(self.sessions.count) { result[self.sessions.count] = now }
        guard let last = wanted.subtracting([0, self.sessions.count]).max() else { return result }
        try walk { event in
            guard case .sessionEnd(let number, let system) = event else { return .goOn }
            if wanted.contains(number) { result[number] = system }
            return number >= last ? .stop : .goOn
        }
        return result
    }

    /// What changed from the end of session `from` to the end of session `to` (nil: the map as it is
    /// now): one replay as far as the later of the two, and one comparison of the two maps.
    public func diff(from: Int, to: Int?) throws(MapFileError) -> MapDiff {
        let maps = try systems(atEndOf: [from] + (to.map { [$0] } ?? []))
        return MapDiff(from: maps[from]!, to: to.map { maps[$0]! } ?? now)
    }

    /// What each session left on the map: the difference between its end and the one before.
    public func sessionDiffs() throws(MapFileError) -> [(session: Session, diff: MapDiff)] {
        var diffs: [(session: Session, diff: MapDiff)] = []
        try forEachSessionDiff { diffs.append(($0, $1)) }
        return diffs
    }

    /// Each session's diff in turn, let go of once `body` has it (`timeline` writes each as it comes).
    /// The replay gives the map at each session's end; a second history, one session behind, is fed
    /// that session's records once its diff is made, and each diff looks only at what the session's
    /// records touched — so the whole timeline costs about two replays and two maps, however many
    /// sessions and parts (comparing whole maps at every session end grew with sessions × parts).
    public func forEachSessionDiff(_ body: (Session, MapDiff) -> Void) throws(MapFileError) {
        // In place, never copied: a copy would share the map's storage and copy it whole at the next record.
        var behind = EditHistory(undoDepth: undoDepth)
        var pending: [EditHistory.Entry] = []
        var touched = MapDiff.Touched()
        try walk { event in
            switch event {
            case .record(let entry, let reversal):
                pending.append(entry)
                if let reversal { touched.add(reversal) }
            case .sessionEnd(let number, let system):
                body(sessions[number - 1], MapDiff(from: behind.system, to: system, touching: touched))
                for entry in pending {
                    do { try behind.record(entry.record, at: entry.time) } catch { preconditionFailure("replay diverged: \(error)") }
                }
                pending.removeAll(keepingCapacity: true)
                touched = MapDiff.Touched()
            }
            return .goOn
        }
    }
}

/// Follows a replay record by record and tells its visitor where each session ends — before the next
/// session's first record applies, while the map is still as that session left it.
final class SessionWalker {
    enum Event {
        /// A record that applied, and how it could be reversed (what it touched; nil for a session marker).
        case record(EditHistory.Entry, Reversal?)
        /// The map as session `number` left it. A visitor that keeps it keeps a copy.
        case sessionEnd(number: Int, InnerSystem)
    }

    enum Next { case goOn, stop }

    private let visit: (Event) -> Next
    /// The session the records now coming belong to.
    private var session: Int?
    /// Whether the visitor has seen all it needs: the replay may stop reading.
    private(set) var stopped = false

    init(_ visit: @escaping (Event) -> Next) { self.visit = visit }

    /// Before `record` applies to `system`: ends the session before it, if it starts another.
    func willRecord(_ record: JournalRecord, in system: InnerSystem) {
        let next = system.sessionNumber(ofNext: record)
        if let session, session != next { end(session, system) }
        session = next
    }

    /// After a record applied: the record, in the session `willRecord` gave it.
    func didRecord(_ outcome: EditHistory.Outcome, at time: Timestamp?, reversal: Reversal?) {
        guard !stopped, let session else { return }
        let entry = EditHistory.Entry(outcome: outcome, time: time, session: session)
        if visit(.record(entry, entry.isSessionMarker ? nil : reversal)) == .stop { stopped = true }
    }

    /// One record through `history`, with the walker told before and after (a replay of records known to apply).
    func take(_ record: JournalRecord, at time: Timestamp?, into history: inout EditHistory) {
        willRecord(record, in: history.system)
        guard !stopped else { return }
        let outcome: EditHistory.Outcome
        do { outcome = try history.record(record, at: time) } catch { preconditionFailure("replay diverged: \(error)") }
        didRecord(outcome, at: time, reversal: history.lastReversal)
    }

    /// The end of the records: the last session ends with the map as it stands.
    func finish(_ system: InnerSystem) {
        if let session { end(session, system) }
        session = nil
    }

    private func end(_ number: Int, _ system: InnerSystem) {
        guard !stopped else { return }
        if visit(.sessionEnd(number: number, system)) == .stop { stopped = true }
    }
}
