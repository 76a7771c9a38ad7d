import Foundation
import Testing

/// Damaged map files through the binary. A torn last line is set aside whole in `MAP.torn-DATE` (0600) and
/// the rest loads; damage anywhere else stops loading with a message naming the line, and nothing on disk is
/// touched — checked byte for byte, for opening with and without --read-only.
@Suite struct DamageTests {
    static let header = JournalFormatHeader.text + "\n"
    static let good = header + "2026-11-21T10:00:00Z add manager A\n2026-11-21T10:00:01Z add exile B\n"

    /// How the end of a map can be cut off or spoiled by a crash or power loss.
    enum Torn: CaseIterable, CustomTestStringConvertible {
        case halfARecord, insideAMultibyteCharacter, onlyATime, carriageReturn, halfALongLine, nulBlock, garbage

        var bytes: [UInt8] {
            switch self {
            case .halfARecord: Array("2026-11-21T10:00:02Z add firefighter Numb".utf8)
            case .insideAMultibyteCharacter: Array("2026-11-21T10:00:02Z add exile Kleine 🧒".utf8).dropLast(2)
            case .onlyATime: Array("2026-11-21T10:0".utf8)
            case .carriageReturn: Array("2026-11-21T10:00:02Z add part C\r".utf8)
            case .halfALongLine: Array("2026-11-21T10:00:02Z set A note \(String(repeating: "אני לבד ", count: 20_000))".utf8)
            case .nulBlock: [UInt8](repeating: 0, count: 4096)  // a file extended but its data never written
            case .garbage: [0xFF, 0xFE, 0x00, 0x41, 0xC3]
            }
        }

        var testDescription: String { "\(self)" }
    }

    @Test(arguments: Torn.allCases)
    func aTornLastLineIsSetAsideWholeAndTheRestLoads(torn: Torn) throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let damaged = Array(Self.good.utf8) + torn.bytes
        try Data(damaged).write(to: URL(fileURLWithPath: box.map))

        // Read-only: loads what is complete, says so, touches nothing.
        let reader = try box.run(["--read-only", box.map, "-c", "list"])
        #expect(reader.status == 0, "\(reader.stderr)")
        #expect(reader.stdout == "A\nB\n")
        #expect(reader.stderr.contains("cut off; it is ignored here (read-only)"), "\(reader.stderr)")
        #expect(try box.bytes(box.map) == damaged)
        #expect(try box.files() == ["map.parts"])

        // For changes: the tail goes to a side file first, exactly; then the map is cut back to its last line.
        let r = try box.run([box.map, "-c", "list"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "A\nB\n")
        let listing = try box.files()
        let sides = listing.filter { $0.hasPrefix("map.parts.torn-") }
        try #require(sides.count == 1, "\(listing)")
        let side = box.dir.appendingPathComponent(sides[0]).path
        #expect(r.stderr.contains("The last line of the map was cut off") && r.stderr.contains(sides[0]), "\(r.stderr)")
        #expect(try box.bytes(side) == torn.bytes, "the side file does not hold the torn line exactly")
        #expect(try box.mode(side) == 0o600)
        #expect(try box.bytes(box.map) == Array(Self.good.utf8))
        #expect(try box.files() == ["map.parts", "map.parts.lock", sides[0]])

        // And the map goes on cleanly.
        #expect(try box.run([box.map, "-c", "add manager C"]).status == 0)
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\nB\nC\n")
        #expect(try box.files().filter { $0.hasPrefix("map.parts.torn-") } == sides)
    }

    /// Damage before the last line: a message with the line number, exit 1, every byte as it was.
    enum Middle: CaseIterable, CustomTestStringConvertible {
        case nulBlock, nulByte, invalidUTF8, overlongEncoding, encodedSurrogate, tenMegabyteLine,
             tenMegabyteLastLine, unknownCommand, changeThatDoesNotApply, damagedTime, futureHeaderLater

        /// The file, and the line and words the message must name.
        var file: (bytes: [UInt8], line: Int, says: String) {
            let a = Array((DamageTests.header + "2026-11-21T10:00:00Z add manager A\n").utf8)
            let c = Array("2026-11-21T10:00:02Z add exile C\n".utf8)
            let time = Array("2026-11-21T10:00:01Z ".utf8)
            switch self {
            case .nulBlock: return (a + [UInt8](repeating: 0, count: 4096) + [0x0A] + c, 3, "the line contains NUL bytes")
            case .nulByte: return (a + time + Array("add exile B\0".utf8) + [0x0A] + c, 3, "the line contains NUL bytes")
            case .invalidUTF8: return (a + time + Array("add exile B".utf8) + [0xFF, 0x0A] + c, 3, "not valid UTF-8")
            case .overlongEncoding: return (a + time + Array("add exile ".utf8) + [0xC0, 0xAF, 0x0A] + c, 3, "not valid UTF-8")
            case .encodedSurrogate: return (a + time + Array("add exile ".utf8) + [0xED, 0xA0, 0x80, 0x0A] + c, 3, "not valid UTF-8")
            case .tenMegabyteLine:
                return (a + time + Array("set A note ".utf8) + [UInt8](repeating: 0x78, count: 10 << 20) + [0x0A] + c, 3,
                        "bytes long, more than a map line can be (1 MiB)")
            case .tenMegabyteLastLine:
                return (a + time + Array("set A note ".utf8) + [UInt8](repeating: 0x78, count: 10 << 20), 3,
                        "bytes long, more than a map line can be (1 MiB)")
            case .unknownCommand: return (a + time + Array("frobnicate B\n".utf8) + c, 3, "unknown command \"frobnicate\"")
            case .changeThatDoesNotApply: return (a + time + Array("relate A protects Nobody\n".utf8) + c, 3, "\"Nobody\"")
            case .damagedTime: return (a + Array("2026-11-2\u{0}T10:00:01Z add exile B\n".utf8) + c, 3, "the line contains NUL bytes")
            case .futureHeaderLater: return (a + Array("# partsmap map v9\n".utf8) + c, 0, "written by a newer partsmap (map format v9")
            }
        }

        var testDescription: String { "\(self)" }
    }

    @Test(arguments: Middle.allCases)
    func damageBeforeTheEndStopsLoadingWithItsLineNumberAndChangesNothing(damage: Middle) throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let (bytes, line, says) = damage.file
        try Data(bytes).write(to: URL(fileURLWithPath: box.map))
        for arguments in [[box.map, "-c", "list"], ["--read-only", box.map, "-c", "list"], [box.map, "-c", "add manager Z"]] {
            let r = try box.run(arguments)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stdout.isEmpty)
            if line > 0 { #expect(r.stderr.contains("map.parts, line \(line)"), "\(damage): \(r.stderr.prefix(300))") }
            #expect(r.stderr.contains(says), "\(damage): \(r.stderr.prefix(300))")
            #expect(r.stderr.contains("nothing was changed"), "\(damage): \(r.stderr.prefix(300))")
            #expect(r.stderr.utf8.count < 2000, "the message repeats the damaged line at length")
        }
        let unchanged = try box.bytes(box.map) == bytes
        #expect(unchanged, "the damaged map was changed")
        let listing = try box.files()
        #expect(listing == ["map.parts"], "no lock file is left beside a map that could not be opened: \(listing)")
    }

    /// Files that are not maps at all: told so, with the line, and left exactly as they were.
    static let notMaps: [(name: String, bytes: [UInt8], says: String)] = [
        ("diary", Array("Dear diary,\ntoday I felt small.\n".utf8), "does not look like a partsmap map (line 1: unknown command"),
        ("json export", Array("{\"version\": 1, \"parts\": []}\n".utf8), "does not look like a partsmap map (line 1"),
        ("png image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x0A],
         "line 1: the line is not valid UTF-8 text; nothing was changed — is this really a map file?"),
        ("zip archive", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0x0A], "line 1: the line contains NUL bytes; nothing was changed — is this really a map file?"),
        ("csv", Array("name,role\nInner Critic,manager\n".utf8), "does not look like a partsmap map (line 1"),
        ("shell script", Array("#!/bin/sh\necho hello\n".utf8), "does not look like a partsmap map (line 2"),
    ]

    @Test(arguments: notMaps.indices)
    func aFileThatIsNotAMapIsToldSoAndNotTouched(index: Int) throws {
        let (name, bytes, says) = Self.notMaps[index]
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: box.map))
        for arguments in [[box.map, "-c", "list"], ["--read-only", box.map, "-c", "list"]] {
            let r = try box.run(arguments)
            #expect(r.status == 1, "\(name)")
            #expect(r.stderr.contains(says), "\(name): \(r.stderr)")
        }
        #expect(try box.bytes(box.map) == bytes, "\(name) was changed")
        #expect(try box.files() == ["map.parts"], "nothing is left beside someone's \(name)")
    }

    /// A one-line note with no newline at its end is not a map whose last line was torn: setting that
    /// "line" aside would empty the person's file.
    @Test
    func aFileWithNoCompleteLineIsNotEmptied() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        for text in ["hello world", "Dear diary, today I felt small", "add manager A"] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: box.map))
            let r = try box.run([box.map, "-c", "list"])
            #expect(r.status == 1, "\(text)")
            #expect(r.stderr.contains("does not look like a partsmap map"), "\(text): \(r.stderr)")
            #expect(try box.bytes(box.map) == Array(text.utf8), "\(text): the file was changed")
            #expect(try box.files().filter { $0.contains("torn") }.isEmpty)
        }
        // The start of a header, cut off as partsmap created the map, is still set aside.
        try Data("# partsmap map v1 — one change".utf8).write(to: URL(fileURLWithPath: box.map))
        let r = try box.run([box.map, "-c", "add manager A"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: box.map, encoding: .utf8).hasPrefix(JournalFormatHeader.text + "\n"))
    }

    /// A 1 MiB line of keywords (`relate a protects a protects …`) once took time and memory quadratic in its
    /// length to read (minutes, gigabytes): a damaged or hostile map must not hang partsmap.
    @Test
    func aLongLineOfKeywordsIsReadQuickly() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        for (verb, keyword) in [("relate a", " protects a"), ("set a", " age a"), ("rename a", " to a")] {
            let line = "2026-11-21T10:00:01Z \(verb)" + String(repeating: keyword, count: 80_000) + "\n"
            try Data((Self.header + "2026-11-21T10:00:00Z add part a\n" + line).utf8).write(to: URL(fileURLWithPath: box.map))
            let started = ContinuousClock.now
            let r = try box.run(["--read-only", box.map, "-c", "list"])
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(10), "\(verb)…: \(elapsed)")
            #expect(r.status == 0 || r.stderr.contains("map.parts, line 3"), "\(r.stderr.prefix(300))")
        }
    }
}
