import Foundation
import Testing
import TestSupport

/// Two programs, one map: the second is told who holds it (pid, since when) and may open it read-only; a
/// lock left by a holder killed with SIGKILL never blocks the next one; readers never block a writer.
@Suite struct CrashLockTests {
    /// A partsmap holding the map, once it has acknowledged a change (so it surely has the lock).
    func holder(_ box: Sandbox) throws -> Child {
        let child = try Child(box, [box.map])
        child.send("add exile B\n")
        #expect(child.nextErrorLine() == "Added exile \"B\".")
        return child
    }

    @Test func aSecondWriterIsToldThePidAndSinceWhenAndMayRead() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let before = Date()
        let first = try holder(box)
        defer { first.kill() }

        let second = try box.run([box.map, "-c", "add manager C"])
        #expect(second.status == 1)
        let said = try #require(second.stderr.firstMatch(of: /is open in another partsmap \(pid (\d+), since (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\); open it read-only with --read-only/),
                                "\(second.stderr)")
        #expect(Int32(said.1) == first.pid)
        let since = try #require(ISO8601DateFormatter().date(from: String(said.2)))
        #expect(abs(since.timeIntervalSince(before)) < 5, "since \(said.2)")

        let reader = try box.run(["--read-only", box.map, "-c", "list"])
        #expect(reader.status == 0, "\(reader.stderr)")
        #expect(reader.stdout == "A\nB\n")
        #expect(try box.run([box.map, "-c", "list"]).status == 1, "a second writer got in")
    }

    /// At the keyboard the second program offers to open the map read-only instead.
    @Test(.requires("script"))
    func atTheKeyboardTheSecondProgramOffersReadOnly() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let first = try holder(box)
        defer { first.kill() }
        let transcript = try PseudoTerminal.run(box, [box.map], typing: ["y", "list", "add manager C", "\u{4}"], environment: [:])
        #expect(transcript.contains("pid \(first.pid), since "), "\(transcript)")
        #expect(transcript.contains("Open it read-only instead? [y/N]"), "\(transcript)")
        #expect(transcript.contains("map (read-only)> "), "\(transcript)")
        #expect(transcript.contains("A\nB\n"), "\(transcript)")
        #expect(transcript.contains("is open read-only: nothing can be changed"), "\(transcript)")
        #expect(try box.run(["--read-only", box.map, "-c", "list"]).stdout == "A\nB\n")
    }

    /// The lock file is found by the name a map is opened by; the map file itself is locked too, so a
    /// second writer reaching it by a symbolic or a hard link is refused as well.
    @Test func aSecondWriterReachingTheMapByAnotherNameIsRefusedToo() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let symbolic = box.dir.appendingPathComponent("linked.parts").path
        let hard = box.dir.appendingPathComponent("hard.parts").path
        #expect(symlink(box.map, symbolic) == 0)
        #expect(link(box.map, hard) == 0)
        let first = try holder(box)
        defer { first.kill() }
        for other in [symbolic, hard] {
            let second = try box.run([other, "-c", "add manager C"])
            #expect(second.status == 1, "\(other): a second writer got in")
            #expect(second.stderr.contains("is open in another partsmap; open it read-only with --read-only"), "\(second.stderr)")
            let reader = try box.run(["--read-only", other, "-c", "list"])
            #expect(reader.stdout == "A\nB\n", "\(reader.stderr)")
        }
        first.closeInput()
        first.finish()
        #expect(try box.run([symbolic, "-c", "add manager C"]).status == 0)
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\nB\nC\n")
    }

    @Test func aLockLeftByAHolderKilledWithSIGKILLDoesNotBlock() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        for round in 0..<3 {
            let first = try holder(box)
            let dead = first.pid
            first.kill()
            // The killed holder's record is still in the lock file — and means nothing now.
            let record = try String(contentsOfFile: box.map + ".lock", encoding: .utf8)
            #expect(record.hasPrefix("pid \(dead) since "), "round \(round): \(record)")
            let next = try box.run([box.map, "-c", "add manager M\(round)", "-c", "undo", "-c", "remove B"])
            #expect(next.status == 0, "round \(round): blocked by a dead holder: \(next.stderr)")
        }
        #expect(try box.run([box.map, "-c", "list"]).stdout == "")
    }

    @Test func readersNeverBlockAWriter() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let reader = try Child(box, ["--read-only", box.map])  // waits on its input, map open
        defer { reader.kill() }
        usleep(200_000)
        let writer = try box.run([box.map, "-c", "add manager C"])
        #expect(writer.status == 0, "\(writer.stderr)")
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\nC\n")
    }
}
