/// The map's growth over its sessions, read from a history's entries. The map as it was at the
/// end of a session is a replay of the entries up to there — nothing else keeps old states.
public struct MapTimeline: Sendable {
    public let history: EditHistory

    /// `history` must keep its entries: an open map's does not (`MapDocument.timeline()` re-reads them).
    public init(_ history: EditHistory) {
        precondition(history.keepsEntries, "a timeline needs a history that keeps its entries")
        self.history = history
    }

    /// The sessions so far, with their numbers, titles, dates and change counts.
    public var sessions: [Session] { history.system.sessions }

    /// The records that belong to `session`, in the order they were made.
    public func entries(in session: Int) -> ArraySlice<EditHistory.Entry> {
        history.entries[end(of: session - 1)..<end(of: session)]
    }

    /// The map at the end of `session`: 0 is the empty map before anything was written.
    public func system(atEndOf session: Int) -> InnerSystem {
        systems(atEndOf: [session])[session]!
    }

    /// The maps at the end of each of `sessions`, from one replay.
    public func systems(atEndOf sessions: [Int]) -> [Int: InnerSystem] {
        var result: [Int: InnerSystem] = [:]
        var replay = Replay(of: history)
        for session in Set(sessions).sorted() {
            replay.run(to: end(of: session))
            result[session] = replay.history.system
        }
        return result
    }

    /// A second history replaying this one's entries, as far as asked.
    private struct Replay {
        let entries: [EditHistory.Entry]
        // Undo reaches as far as it did the first time, so each undo applies again the same way.
        var history: EditHistory
        var replayed = 0

        init(of original: EditHistory) {
            entries = original.entries
            history = EditHistory(undoDepth: original.undoDepth)
        }

        /// Replays up to `end`, handing `touched` each record's reversal (what it changed, by id).
        mutating func run(to end: Int, touched: (Reversal) -> Void = { _ in }) {
            while replayed < end {
                let entry = entries[replayed]
                // Each entry applied once in exactly this order, so it applies again the same way.
                do { try history.record(entry.record, at: entry.time) } catch { preconditionFailure("replay diverged: \(error)") }
                if let reversal = history.lastReversal, !entry.isSessionMarker { touched(reversal) }
                replayed += 1
            }
        }
    }

    /// What changed from the end of session `from` to the end of session `to` (nil: the map as it is now).
    public func diff(from: Int, to: Int?) -> MapDiff {
        let maps = systems(atEndOf: [from] + (to.map { [$0] } ?? []))
        return MapDiff(from: maps[from]!, to: to.map { maps[$0]! } ?? history.system)
    }

    /// What each session left on the map: the difference between its end and the one before. Two
    /// replays in step — one at the end of the session, one at the end of the session before — and each
    /// session's diff looks only at what its own records touched, so the whole timeline costs about two
    /// replays of the journal, however many sessions and parts the map has (comparing whole maps at
    /// every session end grew with sessions × parts).
    public func sessionDiffs() -> [(session: Session, diff: MapDiff)] {
        var diffs: [(session: Session, diff: MapDiff)] = []
        forEachSessionDiff { diffs.append(($0, $1)) }
        return diffs
    }

    /// Each session's diff in turn, let go of once `body` has it (`timeline` writes each as it comes).
    public func forEachSessionDiff(_ body: (Session, MapDiff) -> Void) {
        var after = Replay(of: history), before = Replay(of: history)
        for session in sessions {
            var touched = MapDiff.Touched()
            after.run(to: end(of: session.number)) { touched.add($0) }
            body(session, MapDiff(from: before.history.system, to: after.history.system, touching: touched))
            before.run(to: after.replayed)
        }
    }

    /// The index just past the last entry of `session` (entries are in session order).
    private func end(of session: Int) -> Int {
        var low = 0, high = history.entries.count
        while low < high {
            let mid = (low + high) / 2
            if history.entries[mid].session <= session { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
