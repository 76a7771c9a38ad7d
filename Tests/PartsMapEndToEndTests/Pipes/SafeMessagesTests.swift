import Foundation
import Testing
import TestSupport

/// Whatever is piped in or found in a map file, what partsmap prints cannot act on the terminal: no
/// escape or other control character but line breaks and tabs, no C1 control, no bidi control, only
/// valid UTF-8 — and an echo of a long line is cut.
@Suite struct SafeMessagesTests {
    /// Every byte or scalar of `output` that could move the cursor, retitle the terminal or reorder text.
    static func unsafe(_ output: Data) -> [String] {
        guard let text = String(validating: Array(output), as: UTF8.self) else { return ["invalid UTF-8"] }
        return text.unicodeScalars.compactMap { scalar in
            switch scalar.value {
            case 0x0A, 0x09: nil
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
                "U+" + String(scalar.value, radix: 16, uppercase: true)
            default: nil
            }
        }
    }

    static func check(_ r: Sandbox.Result, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (stream, bytes) in [("stdout", r.bytes.stdout), ("stderr", r.bytes.stderr)] {
            let found = unsafe(bytes)
            #expect(found.isEmpty, "\(context): \(stream) shows \(Set(found).sorted().prefix(12))", sourceLocation: sourceLocation)
        }
        // No line of a message is a long echo: the longest is a message with an 80-character echo in it.
        let longest = r.stderr.split(separator: "\n").map(\.count).max() ?? 0
        #expect(longest < 600, "\(context): a line of \(longest) characters", sourceLocation: sourceLocation)
    }

    /// Random bytes piped in, as in `head -c 3000000 /dev/urandom | partsmap map.parts`, and as lines
    /// that start like commands, so the echo comes from further into the line.
    @Test func randomBytesPipedInPrintOnlySafeText() throws {
        var rng = SeededGenerator.replayable()
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let input = box.dir.appendingPathComponent("random.bin").path
        let starts = ["", "add manager ", "add manager \"Critic\"\nset Critic ", "frob ", "show ", "relate A ", "export ", "ask "]
        for (round, start) in starts.enumerated() {
            let size = round == 0 ? 3_000_000 : Int.random(in: 1...4000, using: &rng)
            let bytes = Array(start.utf8) + (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            try Data(bytes).write(to: URL(fileURLWithPath: input))
            let r = try box.run([box.dir.appendingPathComponent("map\(round).parts").path], environment: [:],
                                launcher: ["/bin/sh", "-c", "exec \"$@\" < '\(input)'", "sh"])
            #expect(r.status != 0 || round > 0, "seed \(rng.seed), round \(round)")
            Self.check(r, "seed \(rng.seed), round \(round) (\(start.debugDescription) + \(size) random bytes)")
        }
    }

    /// A map file with escape sequences, bidi controls and a long line in it, opened with `-c`.
    @Test func aDamagedOrHostileMapPrintsOnlySafeText() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let hostile = "\u{1B}]0;retitled\u{7}\u{1B}[2J\u{9B}31m\u{202E}txt.exe\u{2066}"
        let cases: [(String, String)] = [
            ("a damaged line", "# partsmap map v1\n2026-11-21T10:00:00Z add manager A\n2026-11-21T10:00:01Z frob \(hostile)\(String(repeating: "z", count: 5000))\n"),
            ("not a map", "\(hostile) hello\n"),
            ("a hostile name", "# partsmap map v1\n2026-11-21T10:00:00Z add manager \"\(hostile)\"\n2026-11-21T10:00:01Z add manager \"\(hostile)\"\n"),
        ]
        for (what, content) in cases {
            try Data(content.utf8).write(to: URL(fileURLWithPath: box.map))
            let r = try box.run([box.map, "-c", "list"])
            #expect(r.status == 1, "\(what): \(r.stderr)")
            Self.check(r, what)
            #expect(r.stderr.contains("\\x1b]0;retitled\\x07"), "\(what): \(r.stderr)")
        }
        try Data("# partsmap map v1\n".utf8).write(to: URL(fileURLWithPath: box.map))
        let long = try box.run([box.map, "-c", "frob" + String(repeating: "é", count: 3000)])
        #expect(long.stderr.contains("…\" (2924 more characters)"), "\(long.stderr)")
        // A name the person chose with an escape in it is acknowledged, escaped.
        let named = try box.run([box.map, "-c", "add manager \"\(hostile)\"", "-c", "export json \(hostile).json"])
        Self.check(named, "a typed name and path")
        #expect(named.stderr.contains("Added manager \"\\x1b]0;retitled"), "\(named.stderr)")
    }

    /// The views print names and answers a hostile map may hold: they go to the terminal escaped too.
    @Test func cardsListsAndTimelinesOfAHostileMapPrintOnlySafeText() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let hostile = "\u{1B}]0;retitled\u{7}\u{1B}[2J\u{9B}31m\u{202E}txt.exe\u{2066}"
        try Data(("# partsmap map v1\n2026-11-21T10:00:00Z session start \"\(hostile)\"\n"
                  + "2026-11-21T10:00:01Z add manager \"\(hostile)\"\n"
                  + "2026-11-21T10:00:02Z ask \"\(hostile)\" job \(hostile) and a line\\nbreak\n"
                  + "2026-11-21T10:00:03Z session end\n").utf8).write(to: URL(fileURLWithPath: box.map))
        for command in ["show", "list", "show \"\(hostile)\"", "sessions", "changes 1", "timeline", "diff 1"] {
            let r = try box.run([box.map, "-c", command])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            Self.check(r, command)
        }
        let card = try box.run([box.map, "-c", "show \"\(hostile)\""]).stdout
        #expect(card.contains("\\x1b]0;retitled\\x07"), "\(card)")
    }
}
