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
            let incremental = try timeline.sessionDiffs()
            // The maps at each session's end the plain way: the kept entries up to there, replayed.
            let ends = Self.endsOfSessions(history)
            #expect(incremental.count == timeline.sessions.count)
            for (session, diff) in incremental {
                let whole = MapDiff(from: ends[session.number - 1], to: ends[session.number])
                #expect(diff == whole, "round \(round), session \(session.number)")
            }
            // Every view reads the same maps and records, as far as it goes and no further.
            let count = timeline.sessions.count
            let walked = try timeline.systems(atEndOf: Array(0...count))
            for session in 0...count {
                #expect(Self.same(walked[session], ends[session]), "round \(round), the map at the end of session \(session)")
                #expect(Self.same(try timeline.system(atEndOf: session), ends[session]), "round \(round), session \(session) alone")
                #expect(try timeline.entries(in: session) == history.entries.filter { $0.session == session })
            }
            #expect(try timeline.entries() == history.entries)
            if count > 0 {
                let from = Int.random(in: 0...count, using: &rng), to = Int.random(in: from...count, using: &rng)
                #expect(try timeline.diff(from: from, to: to) == MapDiff(from: ends[from], to: ends[to]), "round \(round), diff \(from) \(to)")
                #expect(try timeline.diff(from: from, to: nil) == MapDiff(from: ends[from], to: history.system), "round \(round), diff \(from)")
            }
        }
    }

    /// Whether two maps are the same: what they say, their ids, their sessions, their JSON.
    static func same(_ a: InnerSystem?, _ b: InnerSystem) -> Bool {
        guard let a else { return false }
        return FuzzChecks.Content(a) == FuzzChecks.Content(b) && a.sessions == b.sessions && a.nextEntityID == b.nextEntityID
            && Array(a.parts.keys) == Array(b.parts.keys) && Array(a.patterns.keys) == Array(b.patterns.keys)
            && JSONWriter.document(a) == JSONWriter.document(b)
    }

    /// The map at the end of each session, 0 (empty) to the last, from the entries a history kept.
    static func endsOfSessions(_ history: EditHistory) -> [InnerSystem] {
        var replaying = EditHistory(undoDepth: history.undoDepth)
        var ends = [InnerSystem()]
        for entry in history.entries {
            while ends.count < entry.session { ends.append(replaying.system) }
            try! replaying.record(entry.record, at: entry.time)
        }
        if !history.entries.isEmpty { ends.append(replaying.system) }
        return ends
    }
}
