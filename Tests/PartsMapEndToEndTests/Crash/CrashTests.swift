import Foundation
import Testing
import TestSupport

/// SIGKILL at random moments, many times over, and after every kill: the map loads; every change whose
/// acknowledgement was seen is in it, byte for byte the line an uninterrupted run writes; nothing else is
/// damaged; a torn last line is set aside whole. Also kills during `export … FILE`.
///
/// `swift test` (and CI) runs a reduced number of kills; the full run, 240 kills:
///
///     PARTSMAP_CRASH_KILLS=240 swift test --filter Crash
@Suite struct CrashTests {
    /// The figures of one run, printed at its end.
    struct Figures {
        var kills = 0
        var scripts = 0
        var acknowledged = 0
        var recordsChecked = 0
        var unacknowledgedButSaved = 0
        var tornTails = 0
        var killsDuringRecovery = 0
        var aimedAtWrites = 0
    }

    @Test func everyAcknowledgedChangeSurvivesSIGKILLAtRandomMoments() throws {
        let kills = crashKills(reduced: 16)
        var rng = SeededGenerator.replayable()
        let seed = rng.seed
        var figures = Figures()
        let started = ContinuousClock.now
        while figures.kills < kills {
            figures.scripts += 1
            let scriptSeed = UInt64.random(in: 1...UInt64.max / 2, using: &rng)
            let script = SessionScript(count: 300, seed: scriptSeed)
            try crashRepeatedly(script, seed: scriptSeed, killBudget: kills - figures.kills, rng: &rng, figures: &figures)
        }
        print("""
            crash harness (seed \(seed)): \(figures.kills) SIGKILLs survived over \(figures.scripts) scripted sessions; \
            \(figures.acknowledged) acknowledged changes all found; \(figures.recordsChecked) records checked by content \
            against an uninterrupted run; \(figures.unacknowledgedButSaved) saved but killed before acknowledging; \
            \(figures.tornTails) torn last lines set aside (\(figures.aimedAtWrites) kills aimed at a long write); \
            \(figures.killsDuringRecovery) kills while opening; \
            nothing lost; \(ContinuousClock.now - started)
            """)
    }

    /// Runs `script` once without interruption (the reference), then again in another map, killing partsmap
    /// at random moments and resuming after each kill where the map says it got to, until the script is done.
    func crashRepeatedly(_ script: SessionScript, seed: UInt64, killBudget: Int, rng: inout SeededGenerator,
                         figures: inout Figures) throws {
        let context = "script seed \(seed)"
        let reference = try Sandbox()
        defer { try? FileManager.default.removeItem(at: reference.dir) }
        let ran = try reference.run([reference.map], input: script.lines.joined(separator: "\n") + "\n")
        try #require(ran.status == 0, "\(context): the script does not run through: \(ran.stderr.prefix(500))")
        let acks = ran.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let expected = MapFileBytes(try reference.bytes(reference.map))
        try #require(acks.count == script.lines.count, "\(context): one acknowledgement per line expected")
        try #require(expected.bodies.count == script.lines.count && expected.tail.isEmpty, "\(context)")

        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        var position = 0  // records in the map so far
        let longLines = script.lines.indices.filter { script.lines[$0].utf8.count > 60_000 }
        var kills = 0
        var sideFiles: Set<String> = []
        while position < script.lines.count && kills < killBudget {
            let round = "\(context), kill \(kills + 1) at record \(position)"
            let child = try Child(box, [box.map])
            child.send(script.lines[position...].joined(separator: "\n") + "\n")
            // Kill after some acknowledgements (none: while it opens and recovers), then a random moment more —
            // or, one time in two when one is near, while a long line is being written: once the file has begun to grow.
            let nextLong = longLines.first { $0 > position && $0 - position <= 80 }
            let aimAtWrite = nextLong != nil && Bool.random(using: &rng)
            let waitFor = aimAtWrite ? nextLong! - position
                : Int.random(in: 0...10, using: &rng) == 0 ? 0 : Int.random(in: 1...min(60, script.lines.count - position), using: &rng)
            var seen: [String] = []
            while seen.count < waitFor, let line = child.nextErrorLine() {
                if line.hasPrefix("The last line of the map was cut off") { continue }
                seen.append(line)
            }
            if aimAtWrite {
                figures.aimedAtWrites += 1
                let size = fileSize(box.map)
                let deadline = ContinuousClock.now + .seconds(5)
                while fileSize(box.map) == size && ContinuousClock.now < deadline {}
            } else {
                let pause = Int.random(in: 0...3, using: &rng) == 0 ? 0 : UInt32.random(in: 0...1500, using: &rng)
                if pause > 0 { usleep(pause) }
            }
            child.kill()
            kills += 1
            figures.kills += 1
            if waitFor == 0 { figures.killsDuringRecovery += 1 }
            for line in child.remainingErrorLines() where !line.hasPrefix("The last line of the map was cut off") {
                seen.append(line)
            }
            #expect(child.killedBySIGKILL || position + seen.count == script.lines.count, "\(round): it ended by itself")
            // Acknowledged means exactly what the uninterrupted run acknowledged, in order.
            let sameAcks = seen == Array(acks[position..<min(acks.count, position + seen.count)])
            #expect(sameAcks, "\(round): acknowledgements differ: \(seen.suffix(3).map { $0.prefix(100) })")

            // Killed before it created the map: no file yet, which is as good as an empty one.
            let bytes = FileManager.default.fileExists(atPath: box.map) ? try box.bytes(box.map) : []
            let found = MapFileBytes(bytes)
            let records = found.bodies.count
            #expect(records >= position + seen.count, "\(round): \(seen.count) acknowledged, only \(records - position) saved — LOST")
            #expect(records <= position + seen.count + 1, "\(round): more saved than was being written")
            #expect(found.header == nil ? bytes.count == found.tail.count : found.header == JournalFormatHeader.text, "\(round): header")
            for index in position..<min(records, expected.bodies.count) where found.bodies[index] != expected.bodies[index] {
                Issue.record("\(round): record \(index + 1) is not the change acknowledged: \(String(decoding: found.bodies[index].prefix(200), as: UTF8.self))")
                break
            }
            #expect(found.times.allSatisfy(MapFileBytes.isTimestamp), "\(round): a damaged time")
            figures.acknowledged += seen.count
            figures.recordsChecked += records
            if records > position + seen.count { figures.unacknowledgedButSaved += 1 }

            // A torn tail is the start of the next line an uninterrupted run writes, nothing else.
            if !found.tail.isEmpty {
                figures.tornTails += 1
                let next = records < expected.bodies.count ? Array("\(expected.times[records]) ".utf8) + expected.bodies[records] : []
                let withoutTime = Array(found.tail.dropFirst(21))
                let startOfNext = records < expected.bodies.count && found.tail.count <= next.count
                    && (withoutTime.isEmpty || expected.bodies[records].starts(with: withoutTime))
                #expect(startOfNext, "\(round): the torn tail is not the start of the next change")
            }

            // Opening it for changes: it loads, sets a torn tail aside in a side file, damages nothing.
            let reopened = try box.run([box.map, "-c", "export json"])
            #expect(reopened.status == 0, "\(round): the map does not load: \(reopened.stderr)")
            let after = try box.bytes(box.map)
            if found.tail.isEmpty {
                let unchanged = after == bytes || (bytes.isEmpty && after == Array((JournalFormatHeader.text + "\n").utf8))
                #expect(unchanged, "\(round): opening changed the map")
            } else {
                let cutExactly = after == Array(bytes.dropLast(found.tail.count))
                #expect(cutExactly, "\(round): the torn tail was not cut off exactly")
                #expect(reopened.stderr.contains("cut off"), "\(round): the torn tail was not reported")
                let sides = try box.files().filter { $0.hasPrefix("map.parts.torn-") && !sideFiles.contains($0) }
                let kept = try sides.contains { try box.bytes(box.dir.appendingPathComponent($0).path) == found.tail }
                #expect(kept, "\(round): the torn tail is not kept in a side file (\(sides))")
                for side in sides {
                    #expect(try box.mode(box.dir.appendingPathComponent(side).path) == 0o600)
                    sideFiles.insert(side)
                }
            }
            // What it loads is what the uninterrupted run's first `records` changes make.
            let sameMap = withoutTimes(reopened.stdout) == (try referenceJSON(expected, records: records))
            #expect(sameMap, "\(round): the map loads into something else")
            #expect(try box.mode(box.map) == 0o600)
            position = records
        }
    }

    func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : -1
    }

    /// The JSON export of the first `records` lines of the reference journal.
    func referenceJSON(_ journal: MapFileBytes, records: Int) throws -> String {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        var bytes = Array((JournalFormatHeader.text + "\n").utf8)
        for index in 0..<records { bytes += Array("\(journal.times[index]) ".utf8) + journal.bodies[index] + [0x0A] }
        try Data(bytes).write(to: URL(fileURLWithPath: box.map))
        let r = try box.run(["--read-only", box.map, "-c", "export json"])
        #expect(r.status == 0, "\(r.stderr)")
        return withoutTimes(r.stdout)
    }

    // MARK: Exports

    /// `export json FILE` and `export dot FILE` while the map grows, killed at random moments: each file is
    /// then exactly an export the map once gave (the old file or the new one), never a mix or a part.
    @Test func aKillDuringAnExportLeavesTheOldFileOrTheNewNeverAMix() throws {
        let kills = max(8, crashKills(reduced: 24) / 3)
        var rng = SeededGenerator.replayable()
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let note = String(repeating: "a note long enough that the export takes many pages — אני לבד 🧒🏽 ", count: 130)
        var lines = ["session start exports"]
        for number in 0..<400 {
            lines += ["add manager \"Part \(number)\"", "set \"Part \(number)\" note \"\(note) \(number)\"",
                      "export json out.json", "export dot out.dot"]
        }
        var position = 0  // where the script resumes
        var completeExports = 0
        var leftovers: Set<String> = []
        for kill in 0..<kills where position < lines.count {
            let child = try Child(box, [box.map])
            child.send(lines[position...].joined(separator: "\n") + "\n")
            let waitFor = Int.random(in: 1...12, using: &rng)
            var seen = 0
            while seen < waitFor, child.nextErrorLine() != nil { seen += 1 }
            usleep(UInt32.random(in: 0...4000, using: &rng))
            child.kill()
            let said = child.remainingErrorLines()
            #expect(!said.contains { $0.hasPrefix("partsmap:") }, "kill \(kill): \(said)")
            // Resume after what the map holds: its records are the session, then `add` and `set` for each part.
            let records = MapFileBytes(try box.bytes(box.map)).bodies.count
            let (complete, half) = (max(0, records - 1) / 2, max(0, records - 1) % 2)
            position = records == 0 ? 0 : half == 1 ? 1 + 4 * complete + 1 : max(1, 1 + 4 * complete - 2)

            for (file, format) in [("out.json", "json"), ("out.dot", "dot")] {
                let path = box.dir.appendingPathComponent(file).path
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let exported = try box.bytes(path)
                #expect(try box.mode(path) == 0o600)
                // Which state is it? The number of parts it names; then it must be exactly that state's export.
                let text = String(decoding: exported, as: UTF8.self)
                let parts = format == "json"
                    ? text.components(separatedBy: "\"role\": \"manager\"").count - 1
                    : text.matches(of: /\[label="Part \d+"/).count
                let expected = try exportOfFirst(parts, format: format, lines: lines, box: box)
                let whole = exported == expected
                #expect(whole, "kill \(kill): \(file) is not a whole export (\(exported.count) bytes, \(parts) parts; expected \(expected.count) bytes; \(records) records)")
                completeExports += 1
            }
            for name in try box.files() where name.hasPrefix(".out.") { leftovers.insert(name) }
        }
        print("export kills: \(kills); \(completeExports) export files found whole after a kill; \(leftovers.count) temporary files left by killed writers")
        // A temporary file a killed writer left is private, and the next export of the same file removes it.
        let finish = try box.run([box.map, "-c", "export json out.json", "-c", "export dot out.dot"])
        #expect(finish.status == 0, "\(finish.stderr)")
        for name in try box.files() where name.hasPrefix(".") {
            Issue.record("a temporary file a killed export left is still there: \(name)")
        }
    }

    /// The export a map of the script's first `parts` parts (with their notes) gives.
    func exportOfFirst(_ parts: Int, format: String, lines: [String], box: Sandbox) throws -> [UInt8] {
        let scratch = try Sandbox()
        defer { try? FileManager.default.removeItem(at: scratch.dir) }
        // The map's own records up to the last note of part `parts - 1`: same times, so the same export.
        let journal = MapFileBytes(try box.bytes(box.map))
        let records = parts == 0 ? 1 : 1 + 2 * parts
        var bytes = Array((JournalFormatHeader.text + "\n").utf8)
        for index in 0..<min(records, journal.bodies.count) {
            bytes += Array("\(journal.times[index]) ".utf8) + journal.bodies[index] + [0x0A]
        }
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.map))
        let r = try scratch.run(["--read-only", scratch.map, "-c", "export \(format)"])
        #expect(r.status == 0, "\(r.stderr)")
        return Array(r.stdout.utf8)
    }
}

/// The first line of every map partsmap creates.
enum JournalFormatHeader {
    static let text = "# partsmap map v1 — one change per line, oldest first. Lines may be edited by hand."
}
