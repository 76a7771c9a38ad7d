import Foundation
import Testing
import TestSupport

/// `compare MAP [PATTERN]` and `export … --with MAP --pattern NAME`: two maps of one relationship,
/// the other map only ever read.
@Suite struct CompareTests {
    /// This map (Maya's) and Sam's beside it, in the same sandbox.
    func twoMaps(_ samPattern: String = "Hot and cold") throws -> (box: Sandbox, sam: String) {
        let box = try Sandbox()
        try box.script("add firefighter The One Who Leaves", "add exile Too Much", "relate The One Who Leaves protects Too Much because being too much",
                       "add pattern Hot and cold with Sam", "link The One Who Leaves to Hot and cold",
                       "ask Hot and cold hard I go quiet instead of saying I'm hurt.", "add pattern Only mine")
        let sam = box.dir.appendingPathComponent("sam.parts").path
        try box.run([sam], input: ["add manager Pursuer", "add exile Left Behind", "relate Pursuer protects Left Behind",
                                   "add pattern \(samPattern) with Maya", "link Pursuer to \(samPattern)",
                                   "ask \(samPattern) hard I push for an answer right away."].joined(separator: "\n") + "\n")
        return (box, sam)
    }

    func stamp(_ path: String) throws -> (Data, Date) {
        (try Data(contentsOf: URL(fileURLWithPath: path)),
         try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date)
    }

    @Test func bothSidesOneAfterTheOtherInAPipeAndSideBySideWhenWide() throws {
        let (box, sam) = try twoMaps()
        try? FileManager.default.removeItem(atPath: sam + ".lock")  // left by the run that wrote it
        let before = try stamp(sam)
        let r = try box.run([box.map, "-c", "compare \(sam)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Two stories, one relationship: \"Hot and cold\""))
        for words in ["In \"map\": Hot and cold", "With: Sam", "The One Who Leaves (firefighter)", "protects Too Much — from \"being too much\"",
                      "\"I go quiet instead of saying I'm hurt.\"", "In \"sam\": Hot and cold", "With: Maya", "Pursuer (manager)",
                      "protects Left Behind", "\"I push for an answer right away.\""] {
            #expect(r.stdout.contains(words), "\(words)\n\(r.stdout)")
        }
        #expect(!r.stdout.contains("Only mine"))
        #expect(!r.stdout.contains(" │ "))
        // Never locked, never written: the same bytes and time, no lock file.
        #expect(try stamp(sam) == before)
        #expect(!FileManager.default.fileExists(atPath: sam + ".lock"))
        #expect(!String(decoding: try box.mapBytes(), as: UTF8.self).contains("Pursuer"))

        let process = try ExamplesTests.run([box.map, "-c", "compare \(sam) hot and cold"], environment: ["COLUMNS": "140"], in: box)
        #expect(process.stdout.contains(" │ "), "\(process.stdout)")
        let row = try #require(process.stdout.split(separator: "\n").first { $0.contains("With: Sam") })
        #expect(row.contains("With: Maya"))
    }

    @Test func aPatternNamedDifferentlyIsMatchedWithAs() throws {
        let (box, sam) = try twoMaps("Push and pull")
        let none = try box.run([box.map, "-c", "compare \(sam)"])
        #expect(none.status == 1 && none.stderr.contains("share no pattern by name"), "\(none.stderr)")
        let missing = try box.run([box.map, "-c", "compare \(sam) Hot and cold"])
        #expect(missing.stderr.contains("has no pattern named \"Hot and cold\""), "\(missing.stderr)")
        let r = try box.run([box.map, "-c", "compare \(sam) Hot and cold --as push AND pull"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("In \"sam\": Push and pull"))
    }

    @Test func theOpenMapAnUnknownFileAndAPartAreRefusedGently() throws {
        let (box, sam) = try twoMaps()
        #expect(try box.run([box.map, "-c", "compare \(box.map)"]).stderr.contains("that is this map"))
        #expect(try box.run([box.map, "-c", "compare nowhere.parts"]).stderr.contains("there is no such file"))
        #expect(try box.run([box.map, "-c", "compare \(sam) The One Who Leaves"]).stderr.contains("is a part, not a pattern"))
    }

    @Test func anEncryptedOtherMapAsksItsPassphrase() throws {
        let (box, sam) = try twoMaps()
        let path = box.dir.appendingPathComponent("pass").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("a passphrase long enough\n".utf8), attributes: [.posixPermissions: 0o600])
        let env = ["PARTSMAP_PASSPHRASE_FILE": path]
        #expect(try box.run(["--encrypt", sam], environment: env, launcher: EncryptionEndToEndTests.detached).status == 0)
        let before = try stamp(sam)
        let without = try box.run([box.map, "-c", "compare \(sam)"], environment: [:], launcher: EncryptionEndToEndTests.detached)
        #expect(without.status == 1 && without.stderr.contains("needs its passphrase"), "\(without.stderr)")
        let with = try box.run([box.map, "-c", "compare \(sam)"], environment: env, launcher: EncryptionEndToEndTests.detached)
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout.contains("Pursuer (manager)"))
        #expect(try stamp(sam) == before)
    }

    @Test(.requires("dot")) func theJointDiagramDrawsBothSidesWithNastyNames() throws {
        let box = try Sandbox()
        let nasty = "node \\\" [label=x] <b>&amp; 🧒🏽 שלום"
        try box.run([box.map], input: ["add firefighter \"\(nasty)\"", "add pattern \"graph: \\\"shared\\\"\" with \"a\\\\\"",
                                       "link \"\(nasty)\" to \"graph: \\\"shared\\\"\""].joined(separator: "\n") + "\n")
        let other = box.dir.appendingPathComponent("digraph {.parts").path
        try box.run([other], input: ["add manager \"STRICT }\"", "add exile \"0x1F\"", "relate \"STRICT }\" protects \"0x1F\"",
                                     "add pattern \"GRAPH: \\\"SHARED\\\"\"", "link \"STRICT }\" to \"GRAPH: \\\"SHARED\\\"\""].joined(separator: "\n") + "\n")
        let before = try stamp(other)
        let dot = try box.run([box.map, "-c", "export dot --with '\(other)' --pattern 'graph: \"shared\"'"])
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect(dot.stdout.contains("subgraph cluster_a") && dot.stdout.contains("subgraph cluster_b") && dot.stdout.contains("shared ["))
        let svgFile = box.dir.appendingPathComponent("both.svg").path
        let svg = try box.run([box.map, "-c", "export svg --with '\(other)' --pattern 'graph: \"shared\"' \(svgFile)"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let drawn = try String(contentsOfFile: svgFile, encoding: .utf8)
        #expect(drawn.contains("digraph {") && drawn.contains("STRICT }") && drawn.contains("🧒🏽"))
        #expect(try stamp(other) == before)
        let noPattern = try box.run([box.map, "-c", "export dot --with '\(other)'"])
        #expect(noPattern.status == 1 && noPattern.stderr.contains("--pattern NAME"))
    }
}

