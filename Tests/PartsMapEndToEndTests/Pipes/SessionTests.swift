import Foundation
import Testing
import TestSupport

/// Sessions over time and several maps, through the built binary: looking back at the worked
/// examples, and `open` handing a map's lock over to whoever asks for it next.
@Suite(.serialized) struct SessionTests {
    static let therapistGuided = ExamplesTests.sessions.appendingPathComponent("therapist-guided.parts").path

    /// A partsmap that keeps running, reading commands from a pipe as they are sent.
    final class Running {
        let process = Process()
        let input = Pipe()
        let errorFile: URL

        init(_ box: Sandbox, _ arguments: [String]) throws {
            errorFile = box.dir.appendingPathComponent("running-stderr-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: Sandbox.binary)
            process.arguments = arguments
            process.environment = box.environment
            process.currentDirectoryURL = box.dir
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errorFile)
            // Only this child may hold the pipe's ends: a program started at the same moment by
            // another test (a tmux server lives on) would otherwise keep it from ever seeing EOF.
            for fd in [input.fileHandleForReading.fileDescriptor, input.fileHandleForWriting.fileDescriptor] {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            try process.run()
        }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        var stderr: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

        /// Waits until what it said on standard error contains `text`.
        func waitFor(_ text: String, timeout: Double = 10) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if stderr.contains(text) { return }
                usleep(20_000)
            }
            Issue.record("timed out waiting for \(text.debugDescription); stderr:\n\(stderr)")
            throw CancellationError()
        }

        func finish() throws -> Int32 {
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test func openHandsTheFirstMapToTheNextPartsmap() throws {
        let box = try Sandbox()
        let first = box.dir.appendingPathComponent("client-a.parts").path
        let running = try Running(box, [first])
        running.send("add manager Critic")
        try running.waitFor("Added manager \"Critic\".")

        // While it has client-a, nobody else can change it.
        let blocked = try box.run([first, "-c", "add part Someone"])
        #expect(blocked.status == 1 && blocked.stderr.contains("pid \(running.process.processIdentifier)"))

        running.send("open client-b")
        try running.waitFor("Closed \"client-a\".")
        // client-a is free now: a second partsmap takes it and changes it…
        let taken = try box.run([first, "-c", "add exile Little One", "-c", "list"])
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stdout == "Critic\nLittle One\n")
        // …while client-b, in the data directory, is held by the first.
        let second = box.dir.appendingPathComponent("data/partsmap/client-b.parts").path
        let held = try box.run([second, "-c", "add part Someone"])
        #expect(held.status == 1 && held.stderr.contains("pid \(running.process.processIdentifier)"))

        running.send("add firefighter Scroller")
        try running.waitFor("Added firefighter \"Scroller\".")
        #expect(try running.finish() == 0)
        #expect(try box.run([second, "-c", "list"]).stdout == "Scroller\n")
        #expect(try box.run(["--read-only", first, "-c", "list"]).stdout == "Critic\nLittle One\n")
    }

    @Test func aMapThatCannotBeOpenedStopsAScriptOnTheOldOne() throws {
        let box = try Sandbox()
        let other = box.dir.appendingPathComponent("other.parts").path
        let holder = try Running(box, [other])
        holder.send("add manager Held")
        try holder.waitFor("Added manager")
        let r = try box.script("add manager Critic", "open other.parts", "add part Never")
        #expect(r.status == 1)
        #expect(r.stderr.contains("partsmap: line 2: could not open other.parts: other.parts is open in another partsmap (pid \(holder.process.processIdentifier)"))
        #expect(r.stderr.contains("Still on \"map\", nothing changed."))
        #expect(try box.run([box.map, "-c", "list"]).stdout == "Critic\n")
        #expect(try holder.finish() == 0)
    }

    @Test func mapsListsTheDataDirectory() throws {
        let box = try Sandbox()
        let r = try box.script("open client-a", "session start first", "add manager Critic", "open client-b", "maps")
        #expect(r.status == 0, "\(r.stderr)")
        let data = box.dir.appendingPathComponent("data/partsmap").path
        #expect(r.stdout.hasPrefix("Maps in \(data):\n  client-a  last session "))
        #expect(r.stdout.contains("\n  client-b  empty   ← open now\n"))
        #expect(!r.stdout.contains("map.parts"))
    }

    @Test func lookingBackAtTheTherapistGuidedExample() throws {
        let box = try Sandbox()
        let map = Self.therapistGuided
        let sessions = try box.run(["--read-only", map, "-c", "sessions"])
        #expect(sessions.stdout.split(separator: "\n").prefix(4).map { $0.split(separator: " ").first! } == ["1", "2", "3", "4"])
        #expect(sessions.stdout.contains("Third session: going flat — 14 changes\n"))

        let changes = try box.run(["--read-only", map, "-c", "changes 3"])
        #expect(changes.stdout.hasPrefix("Session 3, \"Third session: going flat\" — "))
        #expect(changes.stdout.contains("  renamed \"Tight Throat\" to \"The One Who Swallows Words\"\n"))
        #expect(changes.stdout.contains("\"Going Flat\" — What are you protecting me from? \"the hurt of mattering less than I hoped\""))

        let timeline = try box.run(["--read-only", map, "-c", "timeline"])
        #expect(timeline.stdout.contains("""
              New pattern "Rupture and repair" with my therapist — 5 answers; description
              "Going Flat" shows up in "Rupture and repair"
            """))

        let diff = try box.run(["--read-only", map, "-c", "diff 2 'Third session'"])
        #expect(diff.stdout.contains("\n  \"The One Who Swallows Words\"\n      renamed from \"Tight Throat\"\n      now a manager (was a part whose role is not yet clear)\n"))

        let then = try box.run(["--read-only", map, "-c", "show --at 1"])
        #expect(then.stdout.hasPrefix("Map \"therapist-guided\" as it was at the end of session 1, \"First session: what brings you here\": 3 parts, 0 patterns"))
        let notYet = try box.run(["--read-only", map, "-c", "show Going Flat --at 2"])
        #expect(notYet.status == 1)
        #expect(notYet.stderr == "partsmap: \"Going Flat\" was not on the map yet at the end of session 2 (`show --at 2` shows what was)\n")
        let card = try box.run(["--read-only", map, "-c", "show 'The One Who Swallows Words' --at 3"])
        #expect(card.stdout.hasPrefix("At the end of session 3:\nThe One Who Swallows Words — manager\n"))

        let svg = box.dir.appendingPathComponent("since.svg").path
        let since = try box.run(["--read-only", map, "-c", "export svg --since 3 \(svg)"])
        #expect(since.status == 0, "\(since.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("new or newly answered since session 3"))
        let wrong = try box.run(["--read-only", map, "-c", "export svg --since 7 \(svg)"])
        #expect(wrong.stderr == "partsmap: there is no session 7 — the sessions are numbered 1 to 4 (`sessions` lists them)\n")
    }

    @Test(.requires("tmux")) func thePromptShowsTheOpenMap() throws {
        let box = try Sandbox()
        try box.script("session start first", "add manager Critic")
        let t = TerminalTests.Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("open client-a")
        try t.press("Enter")
        try t.waitFor("client-a> ")
        try t.type("open map.parts")
        try t.press("Enter")
        try t.waitFor("Opened \"map\"")
        try t.waitFor("map> ")
        // Tab offers the maps in the data directory, and the sessions of the open map.
        try t.type("open cli")
        try t.press("Tab")
        try t.waitFor("map> open client-a")
        try t.press("Enter")
        try t.waitFor("client-a> ")
        try t.type("open map.parts")
        try t.press("Enter")
        try t.waitFor("Opened \"map\"")
        try t.type("changes ")
        try t.press("Tab")
        try t.waitFor("map> changes 1")
        try t.press("Enter")
        try t.waitFor("added manager \"Critic\"")
        #expect(try t.quitWithCtrlD() == "0")
    }
}
