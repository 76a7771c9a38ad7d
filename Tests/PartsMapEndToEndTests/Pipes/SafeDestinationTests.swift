import Foundation
import Testing
import TestSupport

/// A typed path never destroys a map: `export` in every format (and the Markdown handout's companion
/// SVG) refuses the open map by any name, every other map (plain or encrypted), a map's lock and
/// torn-tail files and a folder — through `-c`, a piped script and the terminal — and `open` refuses a
/// side file. After each refusal every file in the folder has exactly the bytes it had.
@Suite struct SafeDestinationTests {
    static let formats = ["dot", "svg", "png", "pdf", "mermaid", "json", "markdown"]
    static let detached = ["/usr/bin/setsid", "--wait"]

    /// A therapist's folder: Anna's and Ben's maps, an encrypted one, links of every kind to them,
    /// their lock files, a torn line set aside from Anna's map, a folder for exports.
    struct ClientFolder {
        let box: Sandbox
        let pass: [String: String]
        var anna: String { path("anna.parts") }
        var ben: String { path("ben.parts") }

        init() throws {
            box = try Sandbox()
            let passFile = box.dir.appendingPathComponent("pass").path
            _ = FileManager.default.createFile(atPath: passFile, contents: Data("a passphrase long enough\n".utf8),
                                               attributes: [.posixPermissions: 0o600])
            pass = ["PARTSMAP_PASSPHRASE_FILE": passFile]
            try box.run(["anna.parts"], input: "add manager Inner Critic\nadd exile Little One\nrelate Inner Critic protects Little One\n")
            try box.run(["ben.parts"], input: "add firefighter Numbing\nadd pattern hot and cold with partner\n")
            try box.run(["sealed.parts"], input: "add exile The Quiet One\n")
            try box.run(["--encrypt", "sealed.parts"], environment: pass, launcher: SafeDestinationTests.detached)
            // A map whose name a Markdown handout's diagram would take.
            try box.run(["notes.svg"], input: "add part Notes\n")
            // A torn last line, set aside by the next opening.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: anna))
            handle.seekToEndOfFile()
            handle.write(Data("2026-12-01T10:00:00Z add part Half-writ".utf8))
            try handle.close()
            try box.run(["anna.parts", "-c", "list"])
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: path("anna-link.parts"), withDestinationPath: "anna.parts")
            try fm.createSymbolicLink(atPath: path("ben-link.parts"), withDestinationPath: box.dir.path + "/ben.parts")
            try fm.createSymbolicLink(atPath: path("ben-lock-link"), withDestinationPath: "ben.parts.lock")
            try fm.linkItem(atPath: ben, toPath: path("ben-hard.txt"))
            try fm.linkItem(atPath: anna, toPath: path("anna-hard.json"))
            try fm.createDirectory(atPath: path("exports"), withIntermediateDirectories: false)
            try fm.createDirectory(atPath: path("sub"), withIntermediateDirectories: false)
        }

        /// The names whose bytes differ from `before` (or that came or went).
        func changed(since before: [String: Data]) throws -> [String] {
            let now = try snapshot()
            return Set(before.keys).union(now.keys).filter { before[$0] != now[$0] }.sorted()
        }

        func expectUnchanged(since before: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let changed = try changed(since: before)
            #expect(changed.isEmpty, "changed: \(changed)", sourceLocation: sourceLocation)
        }

        func path(_ name: String) -> String { box.dir.appendingPathComponent(name).path }

        var tornFile: String {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: box.dir.path)) ?? []
            return names.first { $0.hasPrefix("anna.parts.torn-") } ?? "anna.parts.torn-missing"
        }

        /// Every file's bytes, by name. A lock file names whoever holds it now (that is what it is for),
        /// so any holder record (or none) counts as the same; anything else in it, as itself.
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let walker = FileManager.default.enumerator(atPath: box.dir.path)!
            while let name = walker.nextObject() as? String {
                let full = path(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue,
                      !["stdout-", "stderr-", "tmux-out-", "status"].contains(where: name.hasPrefix), let data = FileManager.default.contents(atPath: full)
                else { continue }
                let isLock = name.hasSuffix(".lock") || name == "ben-lock-link"
                files[name] = isLock && (data.isEmpty || data.starts(with: Data("pid ".utf8))) ? Data("a lock file".utf8) : data
            }
            return files
        }
    }

    /// Each destination that must be refused, with a phrase its message must hold.
    static func refusals(_ folder: ClientFolder) -> [(destination: String, says: String)] {
        [
            ("ben.parts", "is the map you have open"),
            ("./ben.parts", "is the map you have open"),
            ("sub/../ben.parts", "is the map you have open"),
            (folder.ben, "is the map you have open"),
            ("ben-link.parts", "is the map you have open"),
            ("ben-hard.txt", "is the map you have open"),
            ("anna.parts", "is a partsmap map —"),
            ("anna-link.parts", "is a partsmap map —"),
            ("anna-hard.json", "is a partsmap map —"),
            ("sealed.parts", "is a partsmap map (encrypted)"),
            ("ben.parts.lock", "is the lock file of the map ben.parts"),
            ("ben-lock-link", "is the lock file of the map"),
            ("anna.parts.lock", "is the lock file of the map anna.parts"),
            (folder.tornFile, "keeps the incomplete last line that was set aside from the map anna.parts"),
            ("exports", "is a folder; nothing was written. Give the name of a file to write, for example exports/ben."),
        ]
    }

    @Test func everyFormatRefusesEveryMapByAnyNameThroughDashC() throws {
        let folder = try ClientFolder()
        let before = try folder.snapshot()
        #expect(before.keys.contains(folder.tornFile), "the setup set a torn line aside")
        for (destination, says) in Self.refusals(folder) {
            for format in Self.formats {
                let result = try folder.box.run(["ben.parts", "-c", "export \(format) \(destination)"])
                #expect(result.status == 1, "export \(format) \(destination)")
                #expect(result.stderr.contains(says), "export \(format) \(destination): \(result.stderr)")
                #expect(!result.stderr.contains("Wrote"), "export \(format) \(destination)")
            }
        }
        try folder.expectUnchanged(since: before)
    }

    @Test func aPipedScriptStopsAtTheRefusalAndTheMapsStayAsTheyWere() throws {
        let folder = try ClientFolder()
        let before = try folder.snapshot()
        for (destination, says) in Self.refusals(folder) {
            let result = try folder.box.run(["ben.parts"], input: "list\nexport json \(destination)\nadd part After\n")
            #expect(result.status == 1)
            #expect(result.stderr.contains("line 2: "), "\(result.stderr)")
            #expect(result.stderr.contains(says), "\(destination): \(result.stderr)")
        }
        try folder.expectUnchanged(since: before)
        // Another file, an earlier export, a file in the folder: written as ever.
        let fine = try folder.box.run(["ben.parts", "-c", "export json ben.json", "-c", "export json ben.json",
                                       "-c", "export mermaid exports/ben.mmd", "-c", "export dot anna-diagram.dot"])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path("exports/ben.mmd")))
    }

    @Test func theHandoutsDiagramNeverReplacesAMap() throws {
        let folder = try ClientFolder()
        let before = try folder.snapshot()
        let result = try folder.box.run(["ben.parts", "-c", "export markdown notes.md"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("notes.svg is a partsmap map"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("notes.md")), "nothing of the handout was written")
        try folder.expectUnchanged(since: before)
    }

    @Test func openRefusesALockOrTornFileAsAMap() throws {
        let folder = try ClientFolder()
        let before = try folder.snapshot()
        // (A bare NAME is a map in the data folder, so the person's folder is named.)
        for side in ["./anna.parts.lock", "./" + folder.tornFile, folder.path(folder.tornFile)] {
            let switching = try folder.box.run(["ben.parts", "-c", "open \(side)"])
            #expect(switching.status == 1)
            #expect(switching.stderr.contains("not a map of its own"), "\(switching.stderr)")
            #expect(switching.stderr.contains("Still on \"ben\""), "\(switching.stderr)")
            let starting = try folder.box.run([side, "-c", "list"])
            #expect(starting.status == 1)
            #expect(starting.stderr.contains("to work on that map, open"), "\(starting.stderr)")
        }
        try folder.expectUnchanged(since: before)
        #expect(!FileManager.default.fileExists(atPath: folder.path("anna.parts.lock.lock")))
    }

    @Test(.requires("tmux"))
    func atTheKeyboardARefusalKeepsThePromptAndTheMap() throws {
        let folder = try ClientFolder()
        let before = try folder.snapshot()
        let t = TerminalTests.Tmux(box: folder.box)
        defer { t.stop() }
        try t.start(["--no-history"], file: "ben.parts", waitingFor: "ben> ")
        try t.type("export json anna.parts")
        try t.press("Enter")
        try t.waitFor("anna.parts is a partsmap map")
        try t.type("export svg ben.parts")
        try t.press("Enter")
        try t.waitFor("ben.parts is the map you have open")
        try t.type("export dot exports")
        try t.press("Enter")
        try t.waitFor("exports is a folder")
        try folder.expectUnchanged(since: before)
        try t.type("export json ben.json")
        try t.press("Enter")
        try t.waitFor("Wrote ben.json.")
        #expect(try t.quitWithCtrlD() == "0")
    }
}
