import Foundation
import Testing

/// Every core form of PRODUCT.md, typed exactly as written there, through a pipe.
@Suite struct CommandLanguageTests {
    @Test func everyCoreFormWorks() throws {
        let box = try Sandbox()
        let result = try box.script(
            "add manager Inner Critic",
            "add firefighter \"The Numbing\"",
            "add exile 'Little One'",
            "add part Something Quiet",
            "add pattern Hot and cold with Sam",
            "add pattern People-pleasing",
            "set Inner Critic age about twelve",
            "set \"Inner Critic\" job keeps me from being laughed at",
            "set Something Quiet role manager",
            "set Hot and cold description I reach, they pull away",
            "set People-pleasing with my therapist",
            "rename Something Quiet to The Planner",
            "relate \"Inner Critic\" protects \"Little One\"",
            "relate Inner Critic polarized The Numbing",
            "relate The Planner allied Inner Critic",
            "unrelate The Planner allied Inner Critic",
            "link Inner Critic to Hot and cold",
            "link The Planner to People-pleasing",
            "unlink The Planner from People-pleasing",
            "ask Inner Critic protecting feeling that I don't belong",
            "session start first look",
            "session end",
            "remove The Planner",
            "undo",
            "redo",
            "list managers",
            "show Inner Critic"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Inner Critic\n"))
        #expect(result.stdout.contains("Age (how old it seems): about twelve"))
        #expect(result.stdout.contains("Job: keeps me from being laughed at"))
        #expect(result.stdout.contains("Protects: Little One"))
        #expect(result.stdout.contains("Polarized with: The Numbing"))
        #expect(result.stdout.contains("Shows up in: Hot and cold"))
        #expect(result.stdout.contains("\"feeling that I don't belong\""))
        // Reopened, the map is the same.
        let list = try box.run([box.map, "-c", "list", "-c", "sessions"])
        #expect(list.stdout.hasPrefix("Inner Critic\nThe Numbing\nLittle One\nHot and cold\nPeople-pleasing\n"))
        #expect(list.stdout.contains("first look"))
        let show = try box.run([box.map, "-c", "show"])
        #expect(show.stdout.contains("Hot and cold (with Sam) — Inner Critic"))
        #expect(!show.stdout.contains("Planner"))
        for command in ["help", "help relate", "sessions", "list", "list patterns", "show"] {
            let r = try box.run([box.map, "-c", command])
            #expect(r.status == 0 && !r.stdout.isEmpty, "\(command): \(r.stderr)")
        }
    }

    @Test func aliasesReadNaturally() throws {
        let box = try Sandbox()
        let r = try box.script("manager Inner Critic", "exile Little One", "Inner Critic protects Little One", "show Little One")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Protected by: Inner Critic"))
    }

    @Test func quitStopsTheScript() throws {
        let box = try Sandbox()
        let r = try box.script("add manager A", "quit", "add manager B")
        #expect(r.status == 0)
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\n")
    }

    @Test func standardOutputCarriesOnlyWhatCommandsProduce() throws {
        let box = try Sandbox()
        let r = try box.run([box.map, "-c", "add manager Critic", "-c", "list"])
        #expect(r.stdout == "Critic\n")
        #expect(r.stderr.contains("Added manager \"Critic\"."))
    }

    @Test func theDefaultMapLivesInTheDataDirectoryPrivately() throws {
        let box = try Sandbox()
        let r = try box.run(["-c", "add manager Critic"])
        #expect(r.status == 0, "\(r.stderr)")
        let dir = box.dir.appendingPathComponent("data/partsmap")
        let map = dir.appendingPathComponent("default.parts").path
        #expect(FileManager.default.fileExists(atPath: map))
        #expect(try box.mode(map) == 0o600)
        #expect(try box.mode(dir.path) == 0o700)
    }

    @Test func showSelfSaysWhatSelfIs() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let shown = try box.run([box.map, "-c", "show Self", "-c", "show self"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.components(separatedBy: "Self — not a part").count == 3)
        #expect(shown.stdout.contains("8 Cs") && shown.stdout.contains("never"))
    }

    @Test func helpAndVersionOnTheCommandLine() throws {
        let box = try Sandbox()
        let help = try box.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("not therapy"))
        // The crisis line reads as one sentence, wrapped only where the formatter wraps: no line of it
        // broken after a word or two ("your local / emergency / number").
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("please contact your local emergency number or a crisis line now"))
        let crisis = help.stdout.split(separator: "\n").drop { !$0.contains("If you are in crisis") }.prefix(3)
        #expect(crisis.dropLast().allSatisfy { $0.count > 60 }, "\(crisis)")
        #expect(try box.run(["--version"]).stdout.hasPrefix("partsmap "))
    }
}
