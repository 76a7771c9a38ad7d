import Foundation
import Testing
import TestSupport

// Compaction (what `encrypt` and `decrypt` rewrite a map with) is killed here at the library level, with
// versions of different lengths so any mix would show: this test binary starts
// itself again as a child (PARTSMAP_COMPACTION_CHILD set, only `compactionChild` runs) that rewrites a map
// over and over with `JournalFile.compact(to:)`, and the parent kills it at random moments.
// (The library is reached through the executable's dependency on it; Package.swift could name it.)
import PartsMap

@Suite struct CrashCompactionTests {
    static let childVariable = "PARTSMAP_COMPACTION_CHILD"

    /// Two versions of one map, each a valid journal, of different lengths, so any mix would show.
    static func version(_ which: Int) -> [String] {
        let note = String(repeating: which == 0 ? "the old words — אני לבד " : "new words 🧒🏽 ", count: 40)
        return [JournalFormat.header] + (0..<(which == 0 ? 1500 : 900)).map {
            "2026-11-21T10:00:00Z add \(which == 0 ? "manager" : "exile") \"Part \($0)\""
        } + (0..<300).map { "2026-11-21T10:00:01Z set \"Part \($0)\" note \(note)\($0)" }
    }

    static func bytes(_ lines: [String]) -> [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }

    @Test func aKillDuringCompactionLeavesTheOldMapOrTheNewNeverAMix() throws {
        let kills = max(6, crashKills(reduced: 16) / 4)
        var rng = SeededGenerator.replayable()
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let versions = [Self.bytes(Self.version(0)), Self.bytes(Self.version(1))]
        try Data(versions[0]).write(to: URL(fileURLWithPath: box.map))
        chmod(box.map, 0o600)
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let linked = box.dir.appendingPathComponent("linked.parts").path
        #expect(symlink(box.map, linked) == 0)
        var found = [0, 0]
        var leftovers = 0
        for kill in 0..<kills {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: testBinary)
            child.arguments = ["--testing-library", "swift-testing", "--filter", "compactionChild"]
            child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: box.map]) { $1 }
            let said = Pipe()
            child.standardOutput = said
            child.standardError = FileHandle.nullDevice
            try child.run()
            let waitFor = Int.random(in: 1...6, using: &rng)
            var compactions = 0
            var buffer = Data()
            while compactions < waitFor {
                let chunk = said.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                compactions = String(decoding: buffer, as: UTF8.self).components(separatedBy: "compacted\n").count - 1
            }
            try #require(compactions >= waitFor, "kill \(kill): the child did not compact (\(String(decoding: buffer.suffix(500), as: UTF8.self)))")
            if kill % 3 == 0 {
                // While it rewrites the map again and again, a writer reaching it by another name is refused:
                // each new file is locked before it becomes the map.
                let second = try box.run([linked, "-c", "add manager Intruder"])
                #expect(second.status == 1 && second.stderr.contains("open in another partsmap"), "kill \(kill): \(second.stderr)")
            }
            if kill % 2 == 1 {
                // Aim at the rewrite itself: kill as soon as its temporary file shows.
                let deadline = ContinuousClock.now + .seconds(5)
                while ContinuousClock.now < deadline,
                      (try? box.files())?.contains(where: { $0.hasPrefix(".map.parts.compact-") }) != true {}
            } else {
                usleep(UInt32.random(in: 0...3000, using: &rng))
            }
            Foundation.kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()

            let now = try box.bytes(box.map)
            let which = versions.firstIndex(of: now)
            #expect(which != nil, "kill \(kill): the map is neither version (\(now.count) bytes)")
            if let which { found[which] += 1 }
            #expect(try box.mode(box.map) == 0o600)
            leftovers += try box.files().filter { $0.hasPrefix(".map.parts.compact-") }.count
            // It loads, and the dead child's lock does not block the next writer.
            let r = try box.run([box.map, "-c", "list parts"])
            #expect(r.status == 0, "kill \(kill): \(r.stderr)")
            #expect(!r.stdout.contains("Intruder"))
        }
        // The next compaction removes what killed ones left.
        let journal = try JournalFile.open(path: box.map, access: .readWrite)
        try journal.compact(to: Self.version(0))
        journal.close()
        let remaining = try box.files()
        #expect(remaining.filter { $0.hasPrefix(".") && !$0.hasPrefix(".linked") }.isEmpty, "temporary files left: \(remaining)")
        print("compaction kills: \(kills); the old map \(found[0]) times, the new \(found[1]) times, never a mix; \(leftovers) temporary files left by killed compactions, removed by the next")
    }

    /// The child: compacts the map at $PARTSMAP_COMPACTION_CHILD into the other version, again and again,
    /// saying "compacted" after each, until it is killed (or a minute has passed). Run on its own (not as
    /// the child), it compacts a map of its own once each way and checks each reads back exactly.
    @Test func compactionChild() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childVariable] else {
            let box = try Sandbox()
            defer { try? FileManager.default.removeItem(at: box.dir) }
            try Data(Self.bytes(Self.version(0))).write(to: URL(fileURLWithPath: box.map))
            let journal = try JournalFile.open(path: box.map, access: .readWrite)
            defer { journal.close() }
            for which in [1, 0] {
                try journal.compact(to: Self.version(which))
                #expect(try Sandbox.readBytes(box.map) == Self.bytes(Self.version(which)))
            }
            return
        }
        let journal = try JournalFile.open(path: path, access: .readWrite)
        let versions = [Self.version(0), Self.version(1)]
        let deadline = ContinuousClock.now + .seconds(60)
        var which = Self.bytes(versions[0]) == (try Sandbox.readBytes(path)) ? 1 : 0
        while ContinuousClock.now < deadline {
            try journal.compact(to: versions[which])
            which = 1 - which
            _ = "compacted\n".withCString { write(1, $0, 10) }
        }
    }
}

extension Sandbox {
    static func readBytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
}
