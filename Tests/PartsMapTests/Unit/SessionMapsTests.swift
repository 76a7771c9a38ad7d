import Foundation
import Testing
@testable import PartsMap

/// One map per client: `open` moves the lock from one map to the other (or, when the other
/// can't be opened, leaves everything as it was), and `maps` lists the data directory.
@Suite struct SessionMapsTests {
    let dir: String
    var data: String { dir + "/data" }

    init() throws {
        dir = NSTemporaryDirectory() + "partsmap-maps-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    }

    func runner(_ path: String) throws -> CommandRunner {
        let (document, _) = try MapDocument.open(path: path, access: .readWrite)
        document.clock = { Timestamp(iso8601: "2026-10-01T12:00:00Z")! }
        return CommandRunner(document: document, mapName: MapFiles.name(of: path), mapDirectory: data)
    }

    /// Whether another opener could take the map for changes now (flock locks conflict even
    /// between two opens in one process, so this tells a held lock from a released one).
    func isFree(_ path: String) -> Bool {
        do {
            let (other, _) = try MapDocument.open(path: path, access: .readWrite)
            other.close()
            return true
        } catch MapFileError.file(.lockedByAnotherProgram) {
            return false
        } catch {
            Issue.record("unexpected \(error)")
            return false
        }
    }

    @Test func openReleasesOneLockAndTakesTheOther() throws {
        let a = dir + "/client-a.parts"
        let runner = try runner(a)
        defer { runner.document.close() }
        _ = try runner.run("add manager Critic")
        #expect(!isFree(a))

        let reply = try runner.run("open client-b")
        let b = data + "/client-b.parts"
        #expect(reply.message.hasPrefix("Started a new, empty map \"client-b\" (\(b))."))
        #expect(reply.message.hasSuffix("Closed \"client-a\"."))
        #expect(runner.mapName == "client-b" && runner.document.path == b && runner.system.parts.isEmpty)
        #expect(isFree(a))
        #expect(!isFree(b))

        // Back again, by path: the lock moves back, the first map is as it was left.
        let back = try runner.run("open \(a)")
        #expect(back.message.hasPrefix("Opened \"client-a\" (\(a)): last session "))
        #expect(runner.system.part(named: "Critic") != nil)
        #expect(isFree(b) && !isFree(a))
        #expect(try runner.run("open \(a)").message == "\"client-a\" is already open, for changes (\(a)).")
    }

    @Test func aMapThatCannotBeOpenedLeavesTheOpenOneAsItWas() throws {
        let a = dir + "/client-a.parts", b = data + "/client-b.parts"
        let runner = try runner(a)
        defer { runner.document.close() }
        let (holder, _) = try MapDocument.open(path: b, access: .readWrite)  // as if another partsmap had it
        defer { holder.close() }

        do {
            _ = try runner.run("open client-b")
            Issue.record("open should have failed")
        } catch let error as RunnerError {
            guard case .cannotOpen(let path, let reason, let stayingOn) = error else { throw error }
            #expect(path == b && reason.contains("is open in another partsmap") && stayingOn == "client-a")
            #expect(error.description.hasSuffix("\nStill on \"client-a\", nothing changed."))
        }
        #expect(runner.mapName == "client-a" && !isFree(a))
        _ = try runner.run("add exile Little One")
        #expect(try String(contentsOfFile: a, encoding: .utf8).contains("add exile \"Little One\""))

        // Read-only needs no lock, so it opens; the first map's lock is let go.
        let reply = try runner.run("open --read-only client-b")
        #expect(reply.message.hasPrefix("Opened \"client-b\" read-only"))
        #expect(runner.document.isReadOnly && isFree(a))
        #expect(throws: MapFileError.readOnly(path: b)) { try runner.run("add part X") }
        // A missing file can't be looked at read-only: still on client-b.
        #expect(throws: RunnerError.self) { try runner.run("open --read-only nowhere") }
        #expect(runner.mapName == "client-b")
    }

    @Test func mapsListsTheDataDirectoryWithEachLastSession() throws {
        let runner = try runner(data + "/client-a.parts")
        defer { runner.document.close() }
        for line in ["session start first", "add manager Critic", "session end"] { _ = try runner.run(line) }
        let (b, _) = try MapDocument.open(path: data + "/client-b.parts", access: .readWrite)
        b.clock = { Timestamp(iso8601: "2026-09-03T12:00:00Z")! }
        try b.perform(.change(.addPart(name: "Planner", role: .manager)))
        try b.perform(.change(.addPattern(name: "Hot and cold", with: "Sam")))
        b.close()
        _ = FileManager.default.createFile(atPath: data + "/empty.parts", contents: Data())
        _ = FileManager.default.createFile(atPath: data + "/notes.txt", contents: Data())
        _ = FileManager.default.createFile(atPath: data + "/broken.parts", contents: Data("add manager \"Open quote\n".utf8))

        let output = try runner.run("maps").output
        let day = { (iso: String) in Timestamp(iso8601: iso)!.localDate }
        #expect(output == """
            Maps in \(data):
              broken    could not be read: \(data)/broken.parts does not look like a partsmap map (line 1: the quote " opened at column 13 is never closed — close it with ") — nothing was changed
              client-a  last session \(day("2026-10-01T12:00:00Z")) · 1 session · 1 part, 0 patterns   ← open now
              client-b  last session \(day("2026-09-03T12:00:00Z")) · 1 session · 1 part, 1 pattern
              empty     empty
            `open NAME` switches to one of these, or starts a new map under that name.

            """)
        #expect(MapFiles.list(in: dir + "/nowhere").isEmpty)
    }

    @Test func aNameIsAMapInTheDataDirectoryAndAPathIsAPath() {
        #expect(MapFiles.path(for: "client-a", in: "/d") == "/d/client-a.parts")
        #expect(MapFiles.path(for: "client a", in: "/d") == "/d/client a.parts")
        #expect(MapFiles.path(for: "notes.parts", in: "/d") == "notes.parts")
        #expect(MapFiles.path(for: "../x/y", in: "/d") == "../x/y")
        #expect(MapFiles.name(of: "/d/client-a.parts") == "client-a")
        #expect(MapFiles.name(of: "plain") == "plain")
    }
}
