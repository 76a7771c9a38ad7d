import Glibc
import Testing
@testable import PartsMap
import TestSupport

/// Undo goes back at most `EditHistory.undoLimit` changes, then says so — live, and the same after
/// the map is opened again, since replaying the journal applies the rule to the same records.
@Suite struct UndoLimitTests {
    static let limit = EditHistory.undoLimit
    static let time = Timestamp(iso8601: "2026-11-01T09:00:00Z")!

    /// `count` changes that keep the map small: a part, then its note written again and again.
    static func changes(_ count: Int) -> [Change] {
        [.addPart(name: "Critic", role: .manager)]
            + (1..<count).map { .setField(name: "Critic", field: .part(.note), text: "note \($0)") }
    }

    static func note(_ system: InnerSystem) -> String? { system.part(named: "Critic")?.fields[.note] }

    /// The map file of `records`, one a line.
    static func journal(_ records: [JournalRecord]) -> [UInt8] {
        Array(([JournalFormat.header] + records.map { JournalFormat.line(for: $0, at: time) }).map { $0 + "\n" }.joined().utf8)
    }

    /// Past the limit by a few, and by more than the limit again (the oldest are let go of in batches).
    @Test(arguments: [EditHistory.undoLimit + 3, 2 * EditHistory.undoLimit + 5])
    func undoTakesBackTheLastTenThousandChangesThenSaysSoGently(changes count: Int) throws {
        #expect(Self.limit == 10_000)
        var history = EditHistory()
        for change in Self.changes(count) { try history.record(.change(change), at: Self.time) }
        for _ in 0..<Self.limit { try history.record(.undo, at: Self.time) }
        // What is left is the changes before the last 10,000: the part and its notes up to this one.
        #expect(Self.note(history.system) == "note \(count - Self.limit - 1)")
        #expect(!history.canUndo)
        #expect(throws: MapError.undoLimitReached) { try history.record(.undo, at: Self.time) }
        #expect(MapError.undoLimitReached.description
            == "nothing more to undo: undo goes back at most 10,000 changes, and the ones before stay as they are")
        // The refusal changed nothing: redo brings back what was undone, one at a time.
        try history.record(.redo, at: Self.time)
        #expect(Self.note(history.system) == "note \(count - Self.limit)")
        // A map that never reached the limit has simply nothing to undo.
        var small = EditHistory()
        try small.record(.change(.addPart(name: "Critic", role: .manager)), at: Self.time)
        try small.record(.undo, at: Self.time)
        #expect(throws: MapError.nothingToUndo) { try small.record(.undo, at: Self.time) }
    }

    @Test func afterReopeningUndoStopsAtTheSamePlace() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let records = Self.changes(Self.limit + 3).map(JournalRecord.change)
        var live = EditHistory()
        for record in records { try live.record(record, at: Self.time) }

        // Reopened after the changes, the map undoes exactly what the live one does.
        let path = scratch.path("long.parts")
        try writeFileAtomically(Self.journal(records), to: path)
        let (reopened, _) = try MapDocument.open(path: path, access: .readOnly)
        #expect(FuzzChecks.Snapshot(reopened.history) == FuzzChecks.Snapshot(live))
        var history = reopened.history
        reopened.close()
        for _ in 0..<Self.limit { try history.record(.undo, at: Self.time) }
        #expect(Self.note(history.system) == "note 2")
        #expect(throws: MapError.undoLimitReached) { try history.record(.undo, at: Self.time) }

        // Reopened part way through the undoing, it goes on to the same place; the refusal is not journaled.
        let undone = scratch.path("undone.parts")
        try writeFileAtomically(Self.journal(records + Array(repeating: .undo, count: Self.limit - 2)), to: undone)
        let (document, _) = try MapDocument.open(path: undone, access: .readWrite)
        document.clock = { Self.time }
        let runner = CommandRunner(document: document, mapName: "undone")
        _ = try runner.run("undo")
        _ = try runner.run("undo")
        #expect(Self.note(document.system) == "note 2")
        let saved = try contents(undone)
        #expect(throws: MapError.undoLimitReached) { try runner.run("undo") }
        #expect(try contents(undone) == saved)
        document.close()
        let (again, _) = try MapDocument.open(path: undone, access: .readWrite)
        defer { again.close() }
        #expect(FuzzChecks.Snapshot(again.history) == FuzzChecks.Snapshot(history))
        #expect(throws: MapError.undoLimitReached) { try again.perform(.undo) }
        #expect(try again.perform(.redo) == .redid(.setField(name: "Critic", field: .part(.note), text: "note 3")))
    }

    @Test func liveAndReplayedMapsLetGoOfTheSameChanges() throws {
        // Changes with undos and redos among them, past the limit twice over; only what applies is journaled.
        var rng = SeededGenerator.replayable(10_000)
        var live = EditHistory()
        var lines = [JournalFormat.header]
        for i in 0..<(2 * Self.limit + 500) {
            let record: JournalRecord
            switch i == 0 ? 0 : Int.random(in: 0..<10, using: &rng) {
            case 0:
                record = .change(i == 0 ? .addPart(name: "Critic", role: .manager) : .answer(name: "Critic", question: .job, text: "job \(i)"))
            case 1: record = .undo
            case 2: record = .redo
            default: record = .change(.setField(name: "Critic", field: .part(.note), text: "note \(i)"))
            }
            guard (try? live.record(record, at: Self.time)) != nil else { continue }
            lines.append(JournalFormat.line(for: record, at: Self.time))
        }
        var report = LoadReport()
        var replayed = try MapDocument.replay(lines, path: "mixed.parts", report: &report)
        #expect(FuzzChecks.Snapshot(replayed) == FuzzChecks.Snapshot(live))
        // Both undo exactly as far, to the same map.
        var undone = 0
        while (try? live.record(.undo, at: Self.time)) != nil {
            try replayed.record(.undo, at: Self.time)
            undone += 1
        }
        #expect(undone > 0 && undone <= Self.limit)
        #expect(throws: MapError.undoLimitReached) { try live.record(.undo, at: Self.time) }
        #expect(throws: MapError.undoLimitReached) { try replayed.record(.undo, at: Self.time) }
        #expect(FuzzChecks.Snapshot(replayed) == FuzzChecks.Snapshot(live))
    }

    /// A journal that itself undoes further back than the limit (an earlier partsmap had none; a script
    /// may write one) still opens, to the map its lines make, and its undo reaches as far as it needs.
    @Test func aJournalThatUndoesFurtherBackStillOpens() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let count = Self.limit + 50
        let records = Self.changes(count).map(JournalRecord.change) + Array(repeating: .undo, count: Self.limit + 20)
        let path = scratch.path("deep.parts")
        try writeFileAtomically(Self.journal(records), to: path)
        let (document, report) = try MapDocument.open(path: path, access: .readWrite)
        defer { document.close() }
        #expect(report.records == records.count)
        #expect(Self.note(document.system) == "note \(count - 1 - Self.limit - 20)")
        // Every change before is still in reach, down to the part itself.
        for _ in 0..<(count - Self.limit - 20) { try document.perform(.undo) }
        #expect(document.system.parts.isEmpty)
        #expect(throws: MapError.nothingToUndo) { try document.perform(.undo) }
        // The session views read it the same way, and replay it again the same way.
        let timeline = document.timeline()
        var replayed = EditHistory(undoDepth: document.history.undoDepth)
        for entry in try timeline.entries() { try replayed.record(entry.record, at: entry.time) }
        #expect(replayed.system.parts.isEmpty)
        #expect(FuzzChecks.Snapshot(replayed) == FuzzChecks.Snapshot(document.history))
        #expect(try timeline.system(atEndOf: 1).parts.isEmpty)
        #expect(try timeline.sessionDiffs().count == timeline.sessions.count)
    }

    /// A failed save is undone in memory by reading the map back — the same replay as opening, so a
    /// journal that undoes past the limit rolls back to exactly the map before the change, undo reach
    /// and all (before, the rollback replayed it another way, failed, and kept the unsaved change).
    @Test func aFailedSaveOnAJournalThatUndoesFurtherBackRollsBackExactly() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let records = Self.changes(Self.limit + 50).map(JournalRecord.change) + Array(repeating: .undo, count: Self.limit + 20)
        let path = scratch.path("deep.parts")
        try writeFileAtomically(Self.journal(records), to: path)
        let (document, _) = try MapDocument.open(path: path, access: .readWrite)
        defer { document.close() }
        let before = FuzzChecks.Snapshot(document.history)
        let saved = try contents(path)
        for record: JournalRecord in [.change(.setField(name: "Critic", field: .part(.note), text: "not saved")), .undo, .redo] {
            document.injectFault(.sync(errno: EIO))
            #expect(throws: MapFileError.self) { try document.perform(record) }
            #expect(FuzzChecks.Snapshot(document.history) == before, "after a failed \(record)")
            #expect(try contents(path) == saved)
        }
    }
}
