import Testing
@testable import PartsMap

/// `export … --since SESSION` marks exactly what is new since the end of that session — new
/// parts, patterns, relations and links, and parts and patterns with new answers — and the
/// legend says so; `--at SESSION` exports the map as it was.
@Suite struct SessionSinceTests {
    static let context = ExportContext(mapName: "m", date: "2026-10-01")

    static func export(_ history: EditHistory, _ format: ExportFormat = .dot, _ configure: (inout ExportOptions) -> Void) throws -> ExportOutput {
        var options = ExportOptions()
        configure(&options)
        return try makeExport(ExportRequest(format: format, options: options), of: history.system,
                              timeline: { MapTimeline(history) }, context: context)
    }

    /// The nodes and lines of a DOT diagram drawn as new (heavy outline), legend aside.
    static func marked(_ dot: String) -> Set<String> {
        Set(dot.split(separator: "\n").map { $0.drop(while: { $0 == " " }) }
            .filter { !$0.hasPrefix("legend") && $0.contains("penwidth=\(DiagramStyle.newPenwidth)") }
            .map { String($0.prefix(while: { $0 != "[" }).dropLast()) })
    }

    @Test func sinceMarksExactlyTheNewItems() throws {
        let history = try SessionDiffTests.twoSessions()
        let dot = String(decoding: try Self.export(history) { $0.since = "1" }.bytes, as: UTF8.self)
        // p1 Inner Critic: new answers · p6 The Too Much Girl: new · pat5 Hot and cold: a new answer ·
        // p4 -> p6: Scroller protects The Too Much Girl · pat5 -> p3: Tight Chest shows up in Hot and cold.
        // Not marked: Tight Chest's new role and job, the new reason on Critic protects Little One.
        #expect(Self.marked(dot) == ["p1", "p6", "pat5", "p4 -> p6", "pat5 -> p3"])
        #expect(dot.contains("label=\"new or newly answered since session 1\""))

        // Since the beginning of the map's second session, by title: the same.
        let byTitle = String(decoding: try Self.export(history) { $0.since = "first look" }.bytes, as: UTF8.self)
        #expect(byTitle == dot)
        // Nothing is new since the last session: nothing is marked, and the person is told.
        let none = try Self.export(history) { $0.since = "2" }
        #expect(Self.marked(String(decoding: none.bytes, as: UTF8.self)).isEmpty)
        #expect(!String(decoding: none.bytes, as: UTF8.self).contains("since session"))
        #expect(none.warnings.contains { $0.contains("nothing is marked") })
    }

    @Test func onlyNewItemsSaySoInTheLegend() throws {
        let history = try SessionFixtures.history([
            "session start one", "add manager Critic", "session end",
            "session start two", "add exile Little One", "relate Critic protects Little One", "session end",
        ])
        let dot = String(decoding: try Self.export(history) { $0.since = "1" }.bytes, as: UTF8.self)
        #expect(Self.marked(dot) == ["p2", "p1 -> p2"])
        #expect(dot.contains("label=\"new since session 1\""))
        // Mermaid marks the same things its own way.
        let mermaid = String(decoding: try Self.export(history, .mermaid) { $0.since = "1" }.bytes, as: UTF8.self)
        #expect(mermaid.contains("new since session 1"))
    }

    @Test func sinceMarksTheTherapistGuidedExample() throws {
        let history = try SessionFixtures.replay(try SessionFixtures.lines(of: "therapist-guided.parts"))
        let dot = String(decoding: try Self.export(history) { $0.since = "3" }.bytes, as: UTF8.self)
        let system = history.system
        func part(_ name: String) -> String { "p\(system.part(named: name)!.id)" }
        func pattern(_ name: String) -> String { "pat\(system.pattern(named: name)!.id)" }
        // Session 4: a new pattern with three parts linked to it, and new answers from four.
        #expect(Self.marked(dot) == [
            part("The Kid Who Waited"), part("The Agreeable One"), part("Going Flat"),
            pattern("Being the easy client"), pattern("Rupture and repair"),
            "\(pattern("Rupture and repair")) -> \(part("Going Flat"))",
            "\(pattern("Rupture and repair")) -> \(part("The Agreeable One"))",
            "\(pattern("Rupture and repair")) -> \(part("The One Who Swallows Words"))",
        ])
        // With --at 3 --since 2: the map of session 3, what session 3 brought marked.
        let atThree = String(decoding: try Self.export(history) { $0.at = "3"; $0.since = "2" }.bytes, as: UTF8.self)
        #expect(Self.marked(atThree) == [
            part("Going Flat"), part("The One Who Swallows Words"),
            "\(part("Going Flat")) -> \(part("The Kid Who Waited"))",
            "\(part("The Agreeable One")) -> \(part("Going Flat"))",
            "\(part("The One Who Swallows Words")) -> \(part("The Kid Who Waited"))",
        ])
        #expect(!atThree.contains("Rupture and repair"))
    }

    @Test func atExportsTheMapAsItWasDatedByThatSession() throws {
        let history = try SessionDiffTests.twoSessions()
        let json = String(decoding: try Self.export(history, .json) { $0.at = "1" }.bytes, as: UTF8.self)
        #expect(json.contains("\"name\": \"Critic\"") && !json.contains("Inner Critic") && !json.contains("The Too Much Girl"))
        let dot = String(decoding: try Self.export(history) { $0.at = "1" }.bytes, as: UTF8.self)
        #expect(dot.contains("label=\"m\\nsession 1, \(history.system.sessions[0].ended!.localDate)\""))
        #expect(Self.marked(dot).isEmpty)
        // A later --since than --at marks nothing, and says why.
        let backwards = try Self.export(history) { $0.at = "1"; $0.since = "2" }
        #expect(Self.marked(String(decoding: backwards.bytes, as: UTF8.self)).isEmpty)
        #expect(backwards.warnings.contains { $0.contains("nothing is marked") })
        #expect(throws: ExportError.session(.noSuchNumber(9, last: 2))) { try Self.export(history) { $0.since = "9" } }
        #expect(ExportError.session(.noSuchNumber(9, last: 2)).description.hasPrefix("there is no session 9"))
    }
}
