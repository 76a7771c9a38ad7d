import Foundation
import Testing
import TestSupport

/// The map file keeps every acknowledged change, whatever happens to the program.
@Suite struct MapFileTests {
    /// Starts partsmap reading from a pipe, to drive it line by line and read its acknowledgements.
    final class Running: @unchecked Sendable {
        let process = Process()
        let input = Pipe()
        let errors = Pipe()
        private var buffer = Data()

        init(_ box: Sandbox, _ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: Sandbox.binary)
            process.arguments = arguments
            process.environment = box.environment
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

        /// The next line of standard error (nil at its end).
        func nextErrorLine() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    return line
                }
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func everyAcknowledgedChangeSurvivesSIGKILL() throws {
        var rng = SeededGenerator.replayable()
        for round in 0..<6 {
            let box = try Sandbox()
            let running = try Running(box, [box.map])
            let total = 400
            // All lines go in at once; partsmap acknowledges them one by one as each is on disk.
            DispatchQueue.global().async {
                running.send((0..<total).map { "add manager P\($0)\n" }.joined())
            }
            let killAfter = Int.random(in: 1..<(total - 50), using: &rng)
            var acknowledged: [String] = []
            while acknowledged.count < killAfter, let line = running.nextErrorLine() {
                if line.hasPrefix("Added manager \"") { acknowledged.append(String(line.dropFirst(15).dropLast(2))) }
            }
            running.kill()
            #expect(acknowledged.count == killAfter, "round \(round)")
            let reloaded = try box.run([box.map, "-c", "list"])
            #expect(reloaded.status == 0, "round \(round): \(reloaded.stderr)")
            let names = reloaded.stdout.split(separator: "\n").map(String.init)
            // Everything acknowledged is there, in order; at most what was being written besides.
            #expect(Array(names.prefix(acknowledged.count)) == acknowledged, "round \(round)")
            #expect(names == (0..<names.count).map { "P\($0)" }, "round \(round)")
        }
    }

    @Test func aTornLastLineIsSetAsideAndTheRestLoads() throws {
        let box = try Sandbox()
        try box.script("add manager A", "add exile B")
        let torn = "2026-11-21T10:00:00Z add manager Half"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: box.map))
        handle.seekToEndOfFile()
        handle.write(Data(torn.utf8))
        try handle.close()

        let r = try box.run([box.map, "-c", "list"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "A\nB\n")
        #expect(r.stderr.contains("cut off"))
        let side = try FileManager.default.contentsOfDirectory(atPath: box.dir.path).filter { $0.hasPrefix("map.parts.torn-") }
        #expect(side.count == 1)
        let sidePath = box.dir.appendingPathComponent(side[0]).path
        #expect(try String(contentsOfFile: sidePath, encoding: .utf8) == torn)
        #expect(try box.mode(sidePath) == 0o600)
        #expect(r.stderr.contains(side[0]))
        // The map goes on cleanly after it.
        #expect(try box.run([box.map, "-c", "add manager C"]).status == 0)
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\nB\nC\n")
    }

    @Test func aDamagedMiddleLineStopsLoadingWithItsNumberAndChangesNothing() throws {
        let box = try Sandbox()
        try box.script("add manager A", "add exile B", "add firefighter C")
        var lines = try String(contentsOfFile: box.map, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = "2026-11-21T10:00:00Z frobnicate B"
        try lines.joined(separator: "\n").write(toFile: box.map, atomically: false, encoding: .utf8)
        let before = try box.mapBytes()
        let r = try box.run([box.map, "-c", "list"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("map.parts, line 3: unknown command \"frobnicate\""), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was changed"))
        #expect(try box.mapBytes() == before)
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        let box = try Sandbox()
        try box.script("add manager A", "add exile B")
        var bytes = try box.mapBytes()
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(contentsOf: [0xFF, 0xFE], at: secondLine + 30)
        try bytes.write(to: URL(fileURLWithPath: box.map))
        let r = try box.run([box.map, "-c", "list"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("line 2"), "\(r.stderr)")
        #expect(try box.mapBytes() == bytes)
    }

    @Test func aFileThatIsNotAMapIsNotTouched() throws {
        let box = try Sandbox()
        let text = "Dear diary,\ntoday I felt small.\n"
        try text.write(toFile: box.map, atomically: false, encoding: .utf8)
        let r = try box.run([box.map, "-c", "list"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("does not look like a partsmap map"), "\(r.stderr)")
        #expect(try String(contentsOfFile: box.map, encoding: .utf8) == text)
    }

    @Test func aMapFromANewerVersionIsNotTouched() throws {
        let box = try Sandbox()
        let text = "# partsmap map v2\n2026-11-21T10:00:00Z add manager A\n"
        try text.write(toFile: box.map, atomically: false, encoding: .utf8)
        let r = try box.run([box.map, "-c", "list"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("newer partsmap"), "\(r.stderr)")
    }

    @Test func aSecondWriterIsToldWhoHoldsTheMapAndMayRead() throws {
        let box = try Sandbox()
        try box.script("add manager A")
        let first = try Running(box, [box.map])
        first.send("add exile B\n")
        #expect(first.nextErrorLine() == "Added exile \"B\".")  // the first now holds the lock
        let second = try box.run([box.map, "-c", "add manager C"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("pid \(first.process.processIdentifier)"), "\(second.stderr)")
        #expect(second.stderr.contains("--read-only"))
        let reader = try box.run(["--read-only", box.map, "-c", "list"])
        #expect(reader.status == 0, "\(reader.stderr)")
        #expect(reader.stdout == "A\nB\n")
        let readOnlyChange = try box.run(["--read-only", box.map, "-c", "add manager D"])
        #expect(readOnlyChange.status == 1)
        #expect(readOnlyChange.stderr.contains("read-only"))
        try first.input.fileHandleForWriting.close()
        first.process.waitUntilExit()
        #expect(first.process.terminationStatus == 0)
        // Released: the next writer gets it.
        #expect(try box.run([box.map, "-c", "add manager C"]).status == 0)
    }

    @Test func mapFilesArePrivate() throws {
        let box = try Sandbox()
        let nested = box.dir.appendingPathComponent("clients/a/map.parts").path
        #expect(try box.run([nested, "-c", "add manager A"]).status == 0)
        #expect(try box.mode(nested) == 0o600)
        #expect(try box.mode(box.dir.appendingPathComponent("clients/a").path) == 0o700)
    }

    @Test func undoSurvivesARestart() throws {
        let box = try Sandbox()
        try box.script("add manager A", "add manager B")
        #expect(try box.run([box.map, "-c", "undo"]).stderr.contains("Undone: Added manager \"B\"."))
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\n")
        #expect(try box.run([box.map, "-c", "redo", "-c", "list"]).stdout == "A\nB\n")
    }
}
