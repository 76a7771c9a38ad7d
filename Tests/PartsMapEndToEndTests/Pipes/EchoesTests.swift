import Foundation
import Testing
import TestSupport

/// `relate PATTERN echoes PATTERN` through the built binary: cards, exports, the past, undo, bad input.
@Suite struct EchoesEndToEndTests {
    static let setup = ["add manager Pleaser", "add pattern Pleasing my therapist with Dr. Amal",
                        "add pattern Waiting for Dad with Dad", "link Pleaser to Pleasing my therapist"]

    @Test func echoesShowsOnBothCardsAndInJSON() throws {
        let box = try Sandbox()
        let r = try box.run([box.map], input: (Self.setup + [
            "session start after the missed session",
            "relate Pleasing my therapist echoes Waiting for Dad",
            "show Pleasing my therapist", "show Waiting for Dad",
        ]).joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  Echoes: Waiting for Dad\n"))
        #expect(r.stdout.contains("  Echoed by: Pleasing my therapist\n"))
        #expect(r.stderr.contains("\"Pleasing my therapist\" echoes \"Waiting for Dad\"."))
        let journal = String(decoding: try box.mapBytes(), as: UTF8.self)
        #expect(journal.contains(" relate \"Pleasing my therapist\" echoes \"Waiting for Dad\"\n"))

        let json = try box.run([box.map, "-c", "export json"])
        let map = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(map["version"] as? Int == 1)
        #expect(map["relations"] as? [[String: String]] == [["from": "Pleasing my therapist", "kind": "echoes", "to": "Waiting for Dad"]])

        let changes = try box.run([box.map, "-c", "changes"])
        #expect(changes.stdout.contains("\"Pleasing my therapist\" echoes \"Waiting for Dad\""), "\(changes.stdout)")
        let timeline = try box.run([box.map, "-c", "timeline"])
        #expect(timeline.stdout.contains("\"Pleasing my therapist\" echoes \"Waiting for Dad\""), "\(timeline.stdout)")
        let diff = try box.run([box.map, "-c", "diff 1 2"])
        #expect(diff.stdout.contains("\"Pleasing my therapist\" echoes \"Waiting for Dad\""), "\(diff.stdout)")
    }

    @Test func everyExportCarriesIt() throws {
        let box = try Sandbox()
        try box.run([box.map], input: (Self.setup + ["relate Pleasing my therapist echoes Waiting for Dad"]).joined(separator: "\n") + "\n")
        let dot = try box.run([box.map, "-c", "export dot"]).stdout
        #expect(dot.contains("pat2 -> pat3 [color=\"#882255:invis:#882255\""), "\(dot)")
        #expect(dot.contains("label=\"echoes\""), "the legend names it")
        let mermaid = try box.run([box.map, "-c", "export mermaid"]).stdout
        #expect(mermaid.contains("pat2 ==> pat3"), "\(mermaid)")
        let markdown = try box.run([box.map, "-c", "export markdown"]).stdout
        #expect(markdown.contains("**Echoes:** Waiting for Dad"))
        #expect(markdown.contains("**Echoed by:** Pleasing my therapist"))
        let html = try box.run([box.map, "-c", "export html " + box.dir.appendingPathComponent("h.html").path])
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOf: box.dir.appendingPathComponent("h.html"), encoding: .utf8)
        #expect(page.contains("<b>Echoes:</b> <span class=\"name\">Waiting for Dad</span>"))
    }

    @Test(.requires("dot")) func theDiagramDrawsThroughTheRealDot() throws {
        let box = try Sandbox()
        try box.run([box.map], input: (Self.setup + ["relate Pleasing my therapist echoes Waiting for Dad",
                                                     "relate Waiting for Dad echoes Pleasing my therapist"]).joined(separator: "\n") + "\n")
        let r = try box.run([box.map, "-c", "export svg"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("<svg"))
        #expect(r.stdout.contains("echoes"))
    }

    @Test func undoAndRemoveCarryIt() throws {
        let box = try Sandbox()
        let r = try box.run([box.map], input: (Self.setup + [
            "relate Pleasing my therapist echoes Waiting for Dad", "undo", "redo",
            "rename Waiting for Dad to Sunday calls", "show Pleasing my therapist",
            "remove Sunday calls", "show Pleasing my therapist", "undo", "unrelate Pleasing my therapist echoes Sunday calls",
            "show Pleasing my therapist",
        ]).joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let cards = r.stdout.components(separatedBy: "Pleasing my therapist — relationship pattern")
        #expect(cards.count == 4)
        #expect(cards[1].contains("Echoes: Sunday calls"))
        #expect(!cards[2].contains("Echoes"))
        #expect(!cards[3].contains("Echoes"))
        #expect(r.stderr.contains("Undone: \"Pleasing my therapist\" echoes \"Waiting for Dad\"."))
    }

    func expectRefused(_ line: String, saying words: String) throws {
        let box = try Sandbox()
        try box.run([box.map], input: Self.setup.joined(separator: "\n") + "\n")
        let before = try box.mapBytes()
        let r = try box.run([box.map], input: line + "\n")
        #expect(r.status != 0, "\(line) should fail")
        #expect(r.stderr.contains(words), "\(line): \(r.stderr)")
        #expect(try box.mapBytes() == before, "\(line) changed the map")
    }

    @Test func aPartIsRefusedGently() throws {
        try expectRefused("relate Pleaser echoes Waiting for Dad", saying: "\"Pleaser\" is a part; `echoes` joins two relationship patterns")
    }
    @Test func aPatternEchoingItselfIsRefused() throws {
        try expectRefused("relate Waiting for Dad echoes waiting for dad", saying: "a pattern can't echo itself")
    }
    @Test func anUnknownPatternIsRefused() throws {
        try expectRefused("relate Waiting for Mum echoes Waiting for Dad", saying: "no part or pattern named \"Waiting for Mum\"")
    }
}
