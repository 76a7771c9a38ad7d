import Foundation
import Testing
@testable import PartsMap

/// An open map keeps no record of each journal line; its session views read the journal again
/// (`MapDocument.timeline()`), by the rules it was opened by and only as far as it was read then,
/// and show exactly what a replay of the same lines in memory shows.
@Suite struct SessionRereadTests {
    static let examples = ["exploring-alone.parts", "therapist-guided.parts", "hot-and-cold.parts"]

    /// What the session views say of a map replayed in memory, view by view.
    static func views(of history: EditHistory, mapName: String) throws -> [String: String] {
        let timeline = MapTimeline(history)
        let sessions = history.system.sessions
        var views = ["timeline": SessionText.timeline(try timeline.sessionDiffs(), mapName: mapName).text]
        for session in sessions {
            let n = session.number
            views["changes \(n)"] = SessionText.changes(in: session, entries: try timeline.entries(in: n)).text
            views["diff 1 \(n)"] = SessionText.diff(try timeline.diff(from: 1, to: n), from: sessions[0], to: session)
            views["diff \(n)"] = SessionText.diff(try timeline.diff(from: n, to: nil), from: session, to: nil)
            views["show --at \(n)"] = MapText.overview(try timeline.system(atEndOf: n), mapName: mapName,
                                                       asAt: "at the end of session \(n)\(SessionText.titleClause(session))").text
            views["export json --at \(n)"] = JSONWriter.document(try timeline.system(atEndOf: n))
            let since = ExportRequest(format: .mermaid, options: { var o = ExportOptions(); o.since = "\(n)"; return o }())
            let context = ExportContext(mapName: mapName, date: (sessions.last!.ended ?? sessions.last!.started!).localDate)
            views["export mermaid --since \(n)"] = String(decoding: try makeExport(since, of: history.system, timeline: { timeline },
                                                                                   context: context).bytes, as: UTF8.self)
        }
        return views
    }

    @Test func theViewsOfAnOpenMapAreThoseOfItsLinesReplayed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for example in Self.examples {
            let path = scratch.path(example)
            try writeFileAtomically(try contents(SessionFixtures.examples.appendingPathComponent(example).path), to: path)
            let (document, report) = try MapDocument.open(path: path, access: .readOnly)
            defer { document.close() }
            #expect(document.history.entries.isEmpty, "the open map keeps no entries")

            let replayed = try SessionFixtures.replay(try SessionFixtures.lines(of: example))
            let reread = document.timeline()
            #expect(try reread.entries() == replayed.entries, "\(example)")
            #expect(try reread.entries().count == report.records, "\(example)")
            #expect(reread.sessions == document.system.sessions, "\(example)")

            let runner = CommandRunner(document: document, mapName: "m")
            let expected = try Self.views(of: replayed, mapName: "m")
            #expect(expected.count > 10)
            for (command, text) in expected {
                #expect(try runner.run(command).output == text, "\(example): \(command)")
            }
            // `changes` without a session is the last one.
            #expect(try runner.run("changes").output == expected["changes \(replayed.system.sessions.count)"])
        }
    }

    @Test func anExportOfTheMapAsItIsDoesNotAskForItsPast() throws {
        let history = try SessionDiffTests.twoSessions()
        let context = ExportContext(mapName: "m", date: "2026-10-01")
        var asked = 0
        func export(_ format: ExportFormat, _ configure: (inout ExportOptions) -> Void = { _ in }) throws -> ExportOutput {
            var options = ExportOptions()
            configure(&options)
            return try makeExport(ExportRequest(format: format, options: options), of: history.system,
                                  timeline: { asked += 1; return MapTimeline(history) }, context: context)
        }
        for format in [ExportFormat.dot, .json, .mermaid, .markdown] { _ = try export(format) }
        #expect(asked == 0)
        // A session that is not there is said before anything is read.
        #expect(throws: ExportError.session(.noSuchNumber(3, last: 2))) { try export(.dot) { $0.since = "3" } }
        #expect(asked == 0)
        // `--at` and `--since` together read the past once.
        _ = try export(.dot) { $0.at = "2"; $0.since = "1" }
        #expect(asked == 1)
    }

    @Test func aMapOpenedReadOnlyDoesNotSeeLinesAddedAfterIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("shared.parts")
        let (writer, _) = try MapDocument.open(path: path, access: .readWrite)
        defer { writer.close() }
        writer.clock = { Timestamp(iso8601: "2026-10-01T12:00:00Z")! }
        try writer.perform(.change(.sessionStart(title: "evening")))
        try writer.perform(.change(.addPart(name: "Critic", role: .manager)))

        let (reader, _) = try MapDocument.open(path: path, access: .readOnly)
        defer { reader.close() }
        // Added to the same session, after the reader read the map.
        try writer.perform(.change(.addPart(name: "Little One", role: .exile)))
        try writer.perform(.change(.relate(from: "Critic", kind: .protects, to: "Little One", reason: "")))

        let runner = CommandRunner(document: reader, mapName: "shared")
        let changes = try runner.run("changes").output
        #expect(changes.contains("added manager \"Critic\"") && !changes.contains("Little One"))
        #expect(!(try runner.run("timeline").output.contains("Little One")))
        #expect(!(try runner.run("show --at 1").output.contains("Little One")))
        #expect(try runner.run("diff 1").output == "Nothing is different from the end of session 1, \"evening\" to now.\n")
        #expect(try reader.timeline().entries().count == 2)
        // The map that made them sees them.
        #expect(try CommandRunner(document: writer, mapName: "shared").run("changes").output.contains("added exile \"Little One\""))
    }

    @Test func anEncryptedMapsChangesAreReadWithItsKey() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, _) = try EncryptionTests().sealedMap(in: scratch)
        let (document, report) = try MapDocument.open(path: path, access: .readWrite, passphrases: EncryptionTests.source())
        defer { document.close() }
        let runner = CommandRunner(document: document, mapName: "client")
        let changes = try runner.run("changes").output
        #expect(changes.contains("\"Inner Critic\" — What are you protecting me from? \"feeling like I don't belong\""))
        #expect(changes.contains("did again: \"Numbing\" — fears: that the sadness never ends"))
        #expect(try document.timeline().entries().count == report.records)
        // A line sealed after opening is read back with the number it was sealed with.
        try document.perform(.change(.addPart(name: "Going Flat", role: .firefighter)))
        #expect(try runner.run("changes").output.contains("added firefighter \"Going Flat\""))
        #expect(try document.timeline().entries().count == report.records + 1)
    }

    /// A view that has what it needs stops reading; the lines after it, sealed with their numbers, are
    /// then not opened at all (opened with the wrong number they would read as altered).
    @Test func anEncryptedMapsEarlierSessionIsReadWithoutTheLinesAfterIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, _) = try EncryptionTests().sealedMap(in: scratch)
        let (document, _) = try MapDocument.open(path: path, access: .readWrite, passphrases: EncryptionTests.source())
        defer { document.close() }
        let first = document.system.sessions.count
        try document.perform(.change(.sessionStart(title: "later")))
        try document.perform(.change(.addPart(name: "Going Flat", role: .firefighter)))
        try document.perform(.change(.addPart(name: "Scanning", role: .manager)))
        let runner = CommandRunner(document: document, mapName: "client")
        #expect(try runner.run("changes \(first)").output.contains("\"Inner Critic\""))
        #expect(!(try runner.run("show --at \(first)").output.contains("Going Flat")))
        #expect(try runner.run("diff \(first)").output.contains("Going Flat"))
        #expect(try document.timeline().system(atEndOf: first).parts.count == document.system.parts.count - 2)
    }
}
