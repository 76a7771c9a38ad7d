import Testing
@testable import PartsMap
import TestSupport

/// `timeline` compares only what each session's records touched; that must give exactly the diff of
/// the whole maps at the session's two ends, for any journal — undo and redo, removals, renames,
/// check-ins and Self readings included.
@Suite struct SessionDiffIncrementalTests {
    @Test func eachSessionsDiffFromWhatItTouchedIsTheWholeMapsDiff() throws {
        var rng = SeededGenerator.replayable(0x7173)
        for round in 0..<30 {
            var history = EditHistory(keepingEntries: true)
            var time = Timestamp(iso8601: "2026-11-01T09:00:00Z")!
            for step in 0..<200 {
                time.secondsSinceEpoch += Int64.random(in: 0...3600, using: &rng)
                let record = step % 17 == 16
                    ? JournalRecord.change(Bool.random(using: &rng) ? .sessionStart(title: "s\(step)") : .sessionEnd)
                    : ReplayTests.randomRecord(&rng, in: history.system)
                _ = try? history.record(record, at: time)
            }
            let timeline = MapTimeline(history)
            let incremental = timeline.sessionDiffs()
            let ends = timeline.systems(atEndOf: Array(0...timeline.sessions.count))
            #expect(incremental.count == timeline.sessions.count)
            for (session, diff) in incremental {
                let whole = MapDiff(from: ends[session.number - 1]!, to: ends[session.number]!)
                #expect(diff == whole, "round \(round), session \(session.number)")
            }
        }
    }
}
