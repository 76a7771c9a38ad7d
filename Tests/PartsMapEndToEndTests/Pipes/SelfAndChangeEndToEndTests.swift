import Foundation
import Testing
import TestSupport

/// Self-energy, check-ins, steps and their pictures, driven through a pipe as a script would: the
/// guided walks answered line by line, `trends` in plain text, and the chart and diagram through
/// the real renderers.
@Suite struct SelfAndChangeEndToEndTests {
    /// A few weeks of check-ins written as the journal keeps them, dated.
    static func weeks(in box: Sandbox) throws {
        var lines = ["# partsmap map v1 — one change per line, oldest first. Lines may be edited by hand.",
                     "2026-11-01T09:00:00Z add manager \"Inner Critic\"",
                     "2026-11-01T09:00:00Z add exile \"Little One\"",
                     "2026-11-02T12:00:00Z session start first look"]
        for day in 2...20 where day % 5 != 0 {
            let time = String(format: "2026-11-%02dT09:00:00Z", day)
            lines.append("\(time) checkin \"Inner Critic\" \(max(0, 9 - day / 3))\(day < 6 ? " blended" : "")")
            lines.append("\(time) self \(min(10, 2 + day / 3))")
        }
        lines.append("2026-11-12T13:00:00Z session start second")
        lines.append("2026-11-12T14:00:00Z mark \"Little One\" witnessed")
        lines.append("2026-11-19T14:00:00Z mark \"Little One\" unburdened the loneliness")
        try (lines.joined(separator: "\n") + "\n").write(toFile: box.map, atomically: false, encoding: .utf8)
        chmod(box.map, 0o600)
    }

    @Test func theWalksAnsweredThroughAPipe() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let r = try box.script(
            "add manager Inner Critic",
            "checkin",
            "Inner Critic", "7", "yes", "the deadline",
            "The Scroller", "yes", "5", "no", "",
            "",
            "4", "a long day",
            "self",
            "6", "", "", "", "", "", "", "", "5", "",
            "mark Inner Critic released wants to plan with me instead",
            "selfcheck on",
            "ask Inner Critic", "3", "jaw", "", "", "", "", "", "", "", "6"
        )
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(try box.run([box.map, "-c", "export json"]).stdout.utf8)) as! [String: Any]
        let checkins = (json["checkins"] as! [[String: Any]]).map { "\($0["part"]!) \($0["level"]!) \($0["blended"]!)" }
        #expect(checkins == ["Inner Critic 7 1", "The Scroller 5 0"])
        let parts = json["parts"] as! [[String: Any]]
        #expect(parts.contains { $0["name"] as? String == "The Scroller" && $0["role"] as? String == "unknown" })
        let selfLevels = (json["self"] as! [[String: Any]]).map { $0["level"] as? Int }
        #expect(selfLevels == [4, 5, 3, 6], "check-in, the 8 Cs with overall 5, then before and after asking")
        let card = try box.run([box.map, "-c", "show Inner Critic"]).stdout
        #expect(card.contains("released — \"wants to plan with me instead\"") && card.contains("3 → 6"))
        #expect(card.contains("Trailheads (what sets it off): the deadline"))
    }

    @Test func badLevelsStopAScriptAndChangeNothing() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add exile Little One")
        let before = try box.mapBytes()
        for line in ["checkin Little One 11", "self eleven", "mark Little One released", "checkin Self 4", "mark Self witnessed"] {
            let r = try box.run([box.map, "-c", line])
            #expect(r.status != 0 && !r.stderr.isEmpty && r.stdout.isEmpty, "\(line)")
        }
        #expect(try box.mapBytes() == before)
    }

    @Test func trendsInAPipeArePlainText() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try Self.weeks(in: box)
        let r = try box.run([box.map, "-c", "trends"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.bytes.stdout.contains(0x1B), "no terminal codes in a pipe")
        // TERM=dumb in the sandbox: digits, not block characters.
        #expect(r.stdout.contains("Inner Critic  988 7776 6555 4433  now 3") && r.stdout.contains("Self-energy   233 4445 5666 7788  now 8"), "\(r.stdout)")
        #expect(r.stdout.contains("\n              bbb\n") && r.stdout.contains("\n                        W      U\n"))
        #expect(r.stdout.contains("U unburdened") && r.stdout.contains("b blended"))
        let one = try box.run([box.map, "-c", "trends Little One"]).stdout
        #expect(one.contains("Little One") && !one.contains("Inner Critic"))
    }

    @Test(.requires("rsvg-convert"), .requires("pdftotext"))
    func theChartRendersAsSVGPNGAndPDF() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try Self.weeks(in: box)
        for file in ["chart.svg", "chart.png", "chart.pdf"] {
            let r = try box.run([box.map, "-c", "export chart \(file)"])
            #expect(r.status == 0 && r.stderr.contains("Wrote"), "\(file): \(r.stderr)")
        }
        let svg = box.dir.appendingPathComponent("chart.svg").path
        // The SVG renders in a real renderer; the PNG and PDF are what they say.
        #expect(shell("rsvg-convert", "-o", box.dir.appendingPathComponent("again.png").path, svg))
        let png = try Data(contentsOf: box.dir.appendingPathComponent("chart.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdfText = box.dir.appendingPathComponent("chart.txt").path
        #expect(shell("pdftotext", box.dir.appendingPathComponent("chart.pdf").path, pdfText))
        let text = try String(contentsOfFile: pdfText, encoding: .utf8)
        #expect(text.contains("activation and Self-energy over time") && text.contains("unburdened") && text.contains("session 3") && text.contains("Little One"))
        // The same map gives the same chart.
        _ = try box.run([box.map, "-c", "export chart second.svg"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: svg)) == Data(contentsOf: box.dir.appendingPathComponent("second.svg")))
        #expect(try box.mode(svg) == 0o600)
    }

    @Test(.requires("dot"))
    func theDiagramShowsActivationThroughTheRealDot() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try Self.weeks(in: box)
        try box.script("add part \"node [label=x]\" ", "checkin \"node [label=x]\" 10 blended <b>&amp;</b>")
        let r = try box.run([box.map, "-c", "export svg map.svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: box.dir.appendingPathComponent("map.svg").path, encoding: .utf8)
        #expect(svg.contains("10/10 · blended") && svg.contains("unburdened") && svg.contains("heavier"))
        let plain = try box.run([box.map, "-c", "export dot --no-activation"]).stdout
        #expect(!plain.contains("\\n10/10"))
    }
}
