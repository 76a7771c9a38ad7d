/// The map together with its undo and redo stacks, and the record of what each journal record
/// did. Loading a journal and working live go through the same `record` call, so undo after a
/// restart undoes what it would have undone before the restart.
public struct EditHistory: Sendable {
    public private(set) var system = InnerSystem()
    /// Every record that applied, oldest first, with the session it belongs to: the journal as
    /// the map understood it. The map at any earlier point is a replay of a prefix of these.
    public private(set) var entries: [Entry] = []
    /// What undo takes back, last first: the entry that made each change (which holds the change, so
    /// it is not kept twice) and how to reverse it. A map keeps one for every change in its journal.
    private var undoStack: [(entry: Int, reversal: Reversal)] = []
    /// The entries whose changes redo would make again, last first.
    private var redoStack: [Int] = []

    public init() {}

    /// Makes room for about `count` more changes at once, so that replaying a large map does not
    /// grow its undo stack step by step (copying it each time it doubles).
    public mutating func reserveCapacity(_ count: Int) {
        undoStack.reserveCapacity(undoStack.count + count)
        entries.reserveCapacity(entries.count + count)
        system.reserveCapacity(forChanges: count)
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// What one record did, in words the REPL can echo.
    public enum Outcome: Equatable, Sendable {
        case applied(Change)
        case undid(Change)
        case redid(Change)
    }

    /// One journal record as it applied: what it did (names as the map spelled them then), when,
    /// and the session it belongs to (the one open when it was made, implicit ones included).
    public struct Entry: Equatable, Sendable {
        public var outcome: Outcome
        public var time: Timestamp?
        public var session: Int

        /// The record that replays to the same outcome.
        public var record: JournalRecord {
            switch outcome {
            case .applied(let change): .change(change)
            case .undid: .undo
            case .redid: .redo
            }
        }

        /// The change it applied, undid or redid.
        var change: Change {
            switch outcome {
            case .applied(let change), .undid(let change), .redid(let change): change
            }
        }
    }

    /// Applies one record made at `time`, or throws and changes nothing.
    @discardableResult
    public mutating func record(_ record: JournalRecord, at time: Timestamp?) throws(MapError) -> Outcome {
        try replay(record, at: time)
        return entries[entries.count - 1].outcome
    }

    /// `record`, without handing back a copy of what it did (loading a map replays every line).
    mutating func replay(_ record: JournalRecord, at time: Timestamp?) throws(MapError) {
        let outcome: Outcome
        switch record {
        case .change(let change):
            let applied = try system.apply(change, at: time)
            if let reversal = applied.reversal {
                undoStack.append((entries.count, reversal))
                redoStack.removeAll()
            }
            outcome = .applied(applied.change)
        case .undo:
            guard let last = undoStack.popLast() else { throw .nothingToUndo }
            system.reverse(last.reversal, at: time)
            redoStack.append(last.entry)
            outcome = .undid(entries[last.entry].change)
        case .redo:
            guard let undone = redoStack.last else { throw .nothingToRedo }
            // Redo applies the change again; it can only fail if the journal was edited by hand.
            let applied = try system.apply(entries[undone].change, at: time)
            redoStack.removeLast()
            undoStack.append((entries.count, applied.reversal!))
            outcome = .redid(applied.change)
        }
        // Every record that applies leaves a session open or just ended: the one it belongs to.
        entries.append(Entry(outcome: outcome, time: time, session: system.sessions.last?.number ?? 1))
    }
}
