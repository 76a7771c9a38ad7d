/// The map together with its undo and redo stacks. Loading a journal and working live go
/// through the same `record` call, so undo after a restart undoes what it would have undone
/// before the restart.
public struct EditHistory: Sendable {
    public private(set) var system = InnerSystem()
    private var undoStack: [(change: Change, reversal: Reversal)] = []
    private var redoStack: [Change] = []

    public init() {}

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// What one record did, in words the REPL can echo.
    public enum Outcome: Sendable {
        case applied(Change)
        case undid(Change)
        case redid(Change)
    }

    /// Applies one record made at `time`, or throws and changes nothing.
    @discardableResult
    public mutating func record(_ record: JournalRecord, at time: Timestamp?) throws(MapError) -> Outcome {
        switch record {
        case .change(let change):
            let applied = try system.apply(change, at: time)
            if let reversal = applied.reversal {
                undoStack.append((applied.change, reversal))
                redoStack.removeAll()
            }
            return .applied(applied.change)
        case .undo:
            guard let last = undoStack.popLast() else { throw .nothingToUndo }
            system.reverse(last.reversal, at: time)
            redoStack.append(last.change)
            return .undid(last.change)
        case .redo:
            guard let change = redoStack.last else { throw .nothingToRedo }
            // Redo applies the change again; it can only fail if the journal was edited by hand.
            let applied = try system.apply(change, at: time)
            redoStack.removeLast()
            undoStack.append((applied.change, applied.reversal!))
            return .redid(applied.change)
        }
    }
}
