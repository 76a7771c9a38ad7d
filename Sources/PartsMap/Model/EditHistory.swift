import DequeModule

/// The map together with its undo and redo stacks. Loading a journal and working live go through
/// the same `record` call, so undo after a restart undoes what it would have undone before the
/// restart — the undo limit included, since both see the same records in the same order.
public struct EditHistory: Sendable {
    /// How many changes undo can take back. A map keeps nothing for the changes before them, so its
    /// memory does not grow with the length of its journal.
    public static let undoLimit = 10_000
    /// How many changes this history's undo reaches: `undoLimit`, or more for a journal that itself
    /// undoes further back (written by an earlier partsmap, which had no limit, or by hand).
    public let undoDepth: Int

    public private(set) var system = InnerSystem()
    /// Every record that applied, oldest first, with the session it belongs to — only in a history
    /// made `keepingEntries` (a map built in memory, for `MapTimeline(_:)`; an open map keeps none, and its
    /// session views read its journal again: `MapDocument.timeline()`).
    /// The map at any earlier point is a replay of a prefix of these.
    public private(set) var entries: [Entry] = []
    public let keepsEntries: Bool
    /// What undo takes back, last first: how to reverse each change (the change itself is read back
    /// from the map when undo reaches it) — the last `undoLimit` changes, above the `pastLimit` oldest
    /// that undo no longer reaches.
    private var undoStack: Deque<Reversal> = []
    /// How many of the oldest in `undoStack` are past the limit. They are let go of a batch at a time:
    /// freeing one each time a change comes made loading a large map measurably slower.
    private var pastLimit = 0
    private var batch: Int { min(undoDepth, Self.undoLimit / 10) }
    /// Whether the undo limit has let go of a change: undo then stops short of the beginning.
    private var undoLimitReached = false
    /// The changes redo would make again, last first.
    private var redoStack: [Change] = []
    /// How the last record can be reversed, or was (an undo's), by id: what it touched, for a session
    /// view that compares only what a session changed (`MapTimeline.sessionDiffs`). nil for session markers.
    public private(set) var lastReversal: Reversal?

    public init(keepingEntries: Bool = false, undoDepth: Int = EditHistory.undoLimit) {
        keepsEntries = keepingEntries
        self.undoDepth = undoDepth
    }

    /// Makes room for about `count` more changes at once, so that replaying a large map does not
    /// grow its tables step by step (copying them each time they double).
    public mutating func reserveCapacity(_ count: Int) {
        undoStack.reserveCapacity(min(undoStack.count + count, undoDepth) + batch)
        if keepsEntries { entries.reserveCapacity(entries.count + count) }
        system.reserveCapacity(forChanges: count)
    }

    /// The stacks as they stand, for the tests' comparisons of histories (`FuzzChecks.Snapshot`).
    var undoCount: Int { undoStack.count }
    var redoChanges: [Change] { redoStack }

    public var canUndo: Bool { undoStack.count > pastLimit }
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

        /// A session's start or end (which touches nothing on the map).
        public var isSessionMarker: Bool {
            if case .applied(let change) = outcome { return change.isSessionMarker }
            return false
        }

        /// The record that replays to the same outcome.
        public var record: JournalRecord {
            switch outcome {
            case .applied(let change): .change(change)
            case .undid: .undo
            case .redid: .redo
            }
        }
    }

    /// Applies one record made at `time`, or throws and changes nothing.
    @discardableResult
    public mutating func record(_ record: JournalRecord, at time: Timestamp?) throws(MapError) -> Outcome {
        let outcome: Outcome
        switch record {
        case .change(let change):
            let applied = try system.apply(change, at: time)
            lastReversal = applied.reversal
            if let reversal = applied.reversal {
                keepForUndo(reversal)
                redoStack.removeAll()
            }
            outcome = .applied(applied.change)
        case .undo:
            guard canUndo, let last = undoStack.popLast() else { throw undoLimitReached ? .undoLimitReached : .nothingToUndo }
            let change = system.change(undoneBy: last)
            system.reverse(last, at: time)
            lastReversal = last
            redoStack.append(change)
            outcome = .undid(change)
        case .redo:
            guard let undone = redoStack.last else { throw .nothingToRedo }
            // Redo applies the change again; it can only fail if the journal was edited by hand.
            let applied = try system.apply(undone, at: time)
            redoStack.removeLast()
            lastReversal = applied.reversal
            keepForUndo(applied.reversal!)
            outcome = .redid(applied.change)
        }
        if keepsEntries {
            // Every record that applies leaves a session open or just ended: the one it belongs to.
            entries.append(Entry(outcome: outcome, time: time, session: system.sessions.last?.number ?? 1))
        }
        return outcome
    }

    private mutating func keepForUndo(_ reversal: Reversal) {
        if undoStack.count - pastLimit == undoDepth {
            pastLimit += 1
            undoLimitReached = true
            if pastLimit == batch {
                undoStack.removeFirst(pastLimit)
                pastLimit = 0
            }
        }
        undoStack.append(reversal)
    }
}
