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
        var replay = EditHistory()
        var replayed = 0
        for session in Set(sessions).sorted() {
            let end = end(of: session)
            while replayed < end {
                let entry = history.entries[replayed]
                // Each entry applied once in exactly this order, so it applies again the same way.
                do { try replay.record(entry.record, at: entry.time) } catch { preconditionFailure("replay diverged: \(error)") }
                replayed += 1
            }
            result[session] = replay.system
        }
        return result
    }

    /// What changed from the end of session `from` to the end of session `to` (nil: the map as it is now).
    public func diff(from: Int, to: Int?) -> MapDiff {
        let maps = systems(atEndOf: [from] + (to.map { [$0] } ?? []))
        return MapDiff(from: maps[from]!, to: to.map { maps[$0]! } ?? history.system)
    }

    /// What each session left on the map: the difference between its end and the one before.
    public func sessionDiffs() -> [(session: Session, diff: MapDiff)] {
        let numbers = sessions.map(\.number)
        let maps = systems(atEndOf: [0] + numbers)
        return sessions.map { ($0, MapDiff(from: maps[$0.number - 1]!, to: maps[$0.number]!)) }
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
