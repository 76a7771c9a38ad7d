import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// Debriefs and ruptures kept with a pattern: their journal lines, the map's checks, undo, the card,
/// JSON and the incident diagram.
@Suite struct IncidentTests {
    static let setup = ["add manager Pursuer", "add firefighter The One Who Leaves", "add pattern Hot and cold with Sam",
                        "add pattern Waiting for Dad with Dad"]

    func history(_ more: [String] = []) throws -> EditHistory {
        var history = EditHistory()
        for line in Self.setup + more { try history.record(Parser().parseJournalRecord(line), at: nil) }
        return history
    }

    @Test func answerLinesReadBackAsThemselves() throws {
        let changes: [Change] = [
            .incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .about(.title), text: "the Sunday call"),
            .incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .moment(2, .options), text: "wait; \"ask\""),
            .incident(pattern: "2 moment", number: 12, kind: .rupture, entry: .about(.echo), text: "Waiting for Dad"),
        ]
        for change in changes {
            let line = ChangePrinter.line(for: change)
            #expect(try Parser().parse(line) == .change(change), "\(line)")
            #expect(try Parser(isKnownName: { _ in true }).parse(line) == .change(change), "\(line)")
        }
        #expect(ChangePrinter.line(for: changes[1]) == "debrief \"Hot and cold\" 1 moment 2 options wait; \"ask\"")
        // Typed: the pattern by its known name, then either a title (the conversation) or an answer.
        let parser = Parser(isKnownName: { InnerSystem.key($0) == "hot and cold" })
        #expect(try parser.parse("debrief Hot and cold the Sunday call") == .incident(pattern: "Hot and cold", kind: .debrief, title: "the Sunday call"))
        #expect(try parser.parse("debrief Hot and cold") == .incident(pattern: "Hot and cold", kind: .debrief, title: ""))
        #expect(try parser.parse("rupture Hot and cold 2 steps back") == .incident(pattern: "Hot and cold", kind: .rupture, title: "2 steps back"))
        #expect(try parser.parse("debrief Hot and cold 1 next say so")
            == .change(.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .about(.next), text: "say so")))
        #expect(try Parser().parse("debrief Something new 1 highlight fine")
            == .change(.incident(pattern: "Something new", number: 1, kind: .debrief, entry: .about(.highlight), text: "fine")))
        #expect(throws: ParseError.self) { try Parser().parse("debrief \"Hot and cold\" 1 moment x did y") }
        #expect(throws: ParseError.self) { try Parser().parse("debrief \"Hot and cold\" 1 highlight") }
    }

    @Test func badAnswersAreRefusedAndChangeNothing() throws {
        var history = try history(["debrief \"Hot and cold\" 1 highlight fine"])
        let before = history.system.patterns
        func refused(_ change: Change, _ error: MapError) {
            #expect(throws: error) { try history.record(.change(change), at: nil) }
        }
        refused(.incident(pattern: "Hot and colt", number: 1, kind: .debrief, entry: .about(.next), text: "x"),
                .noSuchName("Hot and colt", suggestion: "Hot and cold"))
        refused(.incident(pattern: "Pursuer", number: 1, kind: .debrief, entry: .about(.next), text: "x"), .notAPattern("Pursuer"))
        refused(.incident(pattern: "Hot and cold", number: 3, kind: .debrief, entry: .about(.next), text: "x"),
                .noSuchIncident("Hot and cold", number: 3, count: 1))
        refused(.incident(pattern: "Hot and cold", number: 1, kind: .rupture, entry: .about(.felt), text: "x"),
                .incidentIsOtherKind("Hot and cold", number: 1, kind: .debrief))
        refused(.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .about(.repair), text: "x"),
                .notAnIncidentQuestion(.about(.repair), kind: .debrief))
        refused(.incident(pattern: "Hot and cold", number: 2, kind: .rupture, entry: .moment(1, .did), text: "x"),
                .notAnIncidentQuestion(.moment(1, .did), kind: .rupture))
        refused(.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .moment(2, .did), text: "x"),
                .noSuchMoment("Hot and cold", incident: 1, moment: 2, count: 0))
        refused(.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .about(.next), text: ""), .emptyAnswer)
        #expect(history.system.patterns == before)
        #expect(MapError.noSuchIncident("P", number: 3, count: 1).description == "\"P\" has 1 incident; there is no incident 3 (2 begins a new one)")
    }

    @Test func anIncidentIsDatedUndoneAndCarriedByRemoveAndRename() throws {
        var history = try history(["session start", "add part Far Away"])
        let time = Timestamp(iso8601: "2026-11-21T20:00:00Z")!
        try history.record(.change(.incident(pattern: "hot and cold", number: 1, kind: .debrief, entry: .moment(1, .part), text: "Far Away")), at: time)
        try history.record(.change(.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .moment(1, .did), text: "froze")), at: nil)
        var pattern = history.system.pattern(named: "Hot and cold")!
        #expect(pattern.incidents.count == 1)
        #expect(pattern.incidents[0].at == time && pattern.incidents[0].session == 2)
        let farAway = history.system.part(named: "Far Away")!.id
        #expect(pattern.incidents[0].moments[0].partID == farAway)
        // The card names the part as it is now.
        try history.record(.change(.rename(name: "Far Away", to: "Numb One")), at: nil)
        #expect(try MapText.incident(1, of: "Hot and cold", in: history.system).contains("Numb One (role not yet clear)"))
        try history.record(.undo, at: nil)
        guard case .undid(let did) = try history.record(.undo, at: nil) else { Issue.record("no undo"); return }
        #expect(did == .incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .moment(1, .did), text: "froze"))
        guard case .undid(let first) = try history.record(.undo, at: nil) else { Issue.record("no undo"); return }
        #expect(first == .incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .moment(1, .part), text: "Far Away"))
        #expect(history.system.pattern(named: "Hot and cold")!.incidents.isEmpty)
        try history.record(.redo, at: nil)
        try history.record(.redo, at: nil)
        pattern = history.system.pattern(named: "Hot and cold")!
        #expect(pattern.incidents[0].moments[0][.did] == "froze")
        try history.record(.change(.remove(name: "Hot and cold")), at: nil)
        try history.record(.undo, at: nil)
        #expect(history.system.pattern(named: "Hot and cold")! == pattern)
    }

    @Test func theCardShowsIncidentsLatestFirstAndOpenRuptures() throws {
        let system = try history([
            "debrief \"Hot and cold\" 1 title the Sunday call", "debrief \"Hot and cold\" 1 next say it first",
            "rupture \"Hot and cold\" 2 happened she forgot our plan",
        ]).system
        let card = MapText.card(.pattern(system.pattern(named: "Hot and cold")!.id), in: system).text
        let lines = card.split(separator: "\n").map(String.init)
        let rupture = try #require(lines.firstIndex { $0.contains("2  undated  rupture — open — the repair is still to come") })
        let debrief = try #require(lines.firstIndex { $0.contains("1  undated  debrief \"the Sunday call\" — next time: \"say it first\"") })
        #expect(rupture < debrief)
        #expect(MapText.overview(system, mapName: "m").text.contains("— open: rupture 2"))
        let full = try MapText.incident(2, of: "hot and cold", in: system)
        #expect(full.contains("open: the repair is still to come"))
        #expect(full.contains("What helped repair it — or what might?\n      —"))
        #expect(throws: MapError.noSuchIncident("Hot and cold", number: 3, count: 2)) { try MapText.incident(3, of: "Hot and cold", in: system) }
    }

    @Test func jsonCarriesIncidentsOnThePattern() throws {
        let system = try history(["debrief \"Hot and cold\" 1 moment 1 part Pursuer", "debrief \"Hot and cold\" 1 moment 1 did asked again",
                                  "rupture \"Hot and cold\" 2 repair we talked"]).system
        let json = try JSONSerialization.jsonObject(with: Data(JSONWriter.document(system).utf8)) as! [String: Any]
        let pattern = (json["patterns"] as! [[String: Any]])[0]
        let incidents = pattern["incidents"] as! [[String: Any]]
        #expect(incidents.count == 2)
        #expect(incidents[0]["kind"] as? String == "debrief" && incidents[0]["number"] as? Int == 1)
        #expect(incidents[0]["moments"] as? [[String: String]] == [["part": "Pursuer", "mapPart": "Pursuer", "did": "asked again"]])
        #expect(incidents[1]["answers"] as? [String: String] == ["repair": "we talked"])
        #expect(incidents[1]["open"] as? Bool == false)
    }

    @Test(.requires("dot")) func theIncidentDiagramIsValidForAnyText() throws {
        var rng = SeededGenerator.replayable(1414)
        for round in 0..<25 {
            var system = InnerSystem()
            let name = NastyText.name(&rng)
            try system.apply(.addPattern(name: name, with: NastyText.make(&rng)), at: nil)
            let part = NastyText.name(&rng)
            _ = try? system.apply(.addPart(name: part, role: Role.allCases.randomElement(using: &rng)!), at: nil)
            func text() -> String {
                let t = Int.random(in: 0..<6, using: &rng) == 0 ? String(repeating: NastyText.make(&rng, maxPieces: 12) + "\\\"🧒🏽", count: 400) : NastyText.make(&rng, maxPieces: 8)
                return t.isEmpty ? "\\" : t
            }
            let kind = IncidentKind.allCases.randomElement(using: &rng)!
            _ = try? system.apply(.incident(pattern: name, number: 1, kind: kind, entry: .about(.title), text: text()), at: nil)
            if kind == .debrief {
                for moment in 1...Int.random(in: 1...3, using: &rng) {
                    for question in MomentQuestion.allCases where Bool.random(using: &rng) || question == .happened {
                        let answer = question == .part && Bool.random(using: &rng) ? part : text()
                        _ = try? system.apply(.incident(pattern: name, number: 1, kind: kind, entry: .moment(moment, question), text: answer), at: nil)
                    }
                }
            }
            for question in kind.questions where Bool.random(using: &rng) {
                _ = try? system.apply(.incident(pattern: name, number: 1, kind: kind, entry: .about(question), text: text()), at: nil)
            }
            var options = ExportOptions()
            options.incident = name + ":1"
            let dot = try ExportFixtures.text(.dot, system, options: options)
            let finished = try Graphviz.run(arguments: ["-Tsvg"], input: Array(dot.utf8), searchPath: nil)
            #expect(finished.status == 0, "round \(round): \(String(decoding: finished.stderr, as: UTF8.self))\n\(dot.prefix(2000))")
        }
    }

    @Test func incidentExportsNeedADiagramFormatAndAnIncident() throws {
        let system = try history(["debrief \"Hot and cold\" 1 highlight fine"]).system
        var options = ExportOptions()
        options.incident = "Waiting for Dad"
        #expect(throws: ExportError.noSuchIncident("Waiting for Dad", number: nil, count: 0)) { try ExportFixtures.text(.dot, system, options: options) }
        options.incident = "Hot and cold:2"
        #expect(throws: ExportError.noSuchIncident("Hot and cold", number: 2, count: 1)) { try ExportFixtures.text(.dot, system, options: options) }
        options.incident = "Pursuer"
        #expect(throws: ExportError.notAPattern("Pursuer")) { try ExportFixtures.text(.dot, system, options: options) }
        options.incident = "Hot and cold"
        #expect(throws: ExportError.incidentNotWith("export mermaid")) { try ExportFixtures.text(.mermaid, system, options: options) }
        #expect(throws: ExportError.incidentNotWith("export json")) { try ExportFixtures.text(.json, system, options: options) }
        #expect(try ExportFixtures.text(.dot, system, options: options).contains("debrief 1"))
    }
}
