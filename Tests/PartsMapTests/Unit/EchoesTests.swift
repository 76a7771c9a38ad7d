import Testing
@testable import PartsMap

/// `relate PATTERN echoes PATTERN`: a pattern that repeats or parallels an older one.
@Suite struct EchoesTests {
    static let base = ["add manager Pleaser", "add pattern \"Trying hard with my therapist\" with Dr. Amal",
                       "add pattern Waiting for Dad with Dad", "link Pleaser to Trying hard with my therapist"]

    func baseMap(_ more: String...) throws -> EditHistory {
        var history = EditHistory()
        for line in Self.base + more { try history.record(Parser().parseJournalRecord(line), at: nil) }
        return history
    }

    @Test func echoesIsDirectedBetweenPatterns() throws {
        let history = try baseMap("relate Trying hard with my therapist echoes Waiting for Dad")
        let system = history.system
        let therapist = system.pattern(named: "trying hard with my therapist")!, dad = system.pattern(named: "waiting for dad")!
        #expect(system.relations.contains(Relation(from: therapist.id, kind: .echoes, to: dad.id)))
        #expect(!system.relations.contains(Relation(from: dad.id, kind: .echoes, to: therapist.id)))
        let card = MapText.card(.pattern(therapist.id), in: system).text
        #expect(card.contains("  Echoes: Waiting for Dad\n"))
        #expect(MapText.card(.pattern(dad.id), in: system).text.contains("  Echoed by: Trying hard with my therapist\n"))
        #expect(MapText.overview(system, mapName: "m").text.contains("(echoes Waiting for Dad)"))
    }

    @Test func theLineReadsBackAndTheAliasWorks() throws {
        let change = Change.relate(from: "Trying hard", kind: .echoes, to: "Waiting for Dad", reason: "")
        let line = ChangePrinter.line(for: change)
        #expect(line == "relate \"Trying hard\" echoes \"Waiting for Dad\"")
        #expect(try Parser().parse(line) == .change(change))
        #expect(Parser.canonicalRecord(line) == .change(change))
        #expect(try Parser().parse("Trying hard echoes Waiting for Dad") == .change(change))
        #expect(try Parser().parse("unrelate Trying hard echoes Waiting for Dad")
            == .change(.unrelate(from: "Trying hard", kind: .echoes, to: "Waiting for Dad")))
    }

    @Test func aPartOrTheSamePatternIsRefusedGentlyAndNothingChanges() throws {
        var history = try baseMap()
        let before = history.system.relations
        #expect(throws: MapError.echoesNeedsPatterns("Pleaser")) {
            try history.record(.change(.relate(from: "Pleaser", kind: .echoes, to: "Waiting for Dad", reason: "")), at: nil)
        }
        #expect(throws: MapError.echoesNeedsPatterns("Pleaser")) {
            try history.record(.change(.relate(from: "Waiting for Dad", kind: .echoes, to: "pleaser", reason: "")), at: nil)
        }
        #expect(throws: MapError.selfRelation("Waiting for Dad", .echoes)) {
            try history.record(.change(.relate(from: "waiting for dad", kind: .echoes, to: "Waiting for Dad", reason: "")), at: nil)
        }
        #expect(throws: MapError.noSuchName("Waiting for Mum", suggestion: "Waiting for Dad")) {
            try history.record(.change(.relate(from: "Waiting for Mum", kind: .echoes, to: "Waiting for Dad", reason: "")), at: nil)
        }
        #expect(throws: MapError.notAPart("Waiting for Dad")) {
            try history.record(.change(.relate(from: "Pleaser", kind: .protects, to: "Waiting for Dad", reason: "")), at: nil)
        }
        #expect(throws: MapError.noSuchRelation("Waiting for Dad", .echoes, "Trying hard with my therapist")) {
            try history.record(.change(.unrelate(from: "Waiting for Dad", kind: .echoes, to: "Trying hard with my therapist")), at: nil)
        }
        #expect(history.system.relations == before)
        let message = MapError.echoesNeedsPatterns("Pleaser").description
        #expect(message.contains("is a part") && message.contains("relate PATTERN echoes PATTERN"))
        #expect(MapError.selfRelation("X", .echoes).description.contains("can't echo itself"))
    }

    @Test func aCycleIsAllowed() throws {
        let history = try baseMap("relate Trying hard with my therapist echoes Waiting for Dad",
                                  "relate Waiting for Dad echoes Trying hard with my therapist")
        #expect(history.system.relations.count == 2)
    }

    @Test func undoRedoRemoveAndRenameCarryIt() throws {
        var history = try baseMap("relate Trying hard with my therapist echoes Waiting for Dad because the same silence")
        let with = history.system
        try history.record(.undo, at: nil)
        #expect(history.system.relations.isEmpty)
        try history.record(.redo, at: nil)
        #expect(history.system.relations == with.relations)
        try history.record(.change(.rename(name: "Waiting for Dad", to: "Sunday calls")), at: nil)
        #expect(MapText.card(.pattern(history.system.pattern(named: "Trying hard with my therapist")!.id), in: history.system).text
            .contains("Echoes: Sunday calls — \"the same silence\""))
        try history.record(.change(.remove(name: "Sunday calls")), at: nil)
        #expect(history.system.relations.isEmpty)
        #expect(history.system.links.count == 1)
        try history.record(.undo, at: nil)
        #expect(history.system.relations.count == 1)
        // Undo reads the change it takes back from the map: the names are patterns' names.
        try history.record(.undo, at: nil)  // the rename
        guard case .undid(let change) = try history.record(.undo, at: nil) else { Issue.record("no undo"); return }
        #expect(change == .relate(from: "Trying hard with my therapist", kind: .echoes, to: "Waiting for Dad", reason: "the same silence"))
    }

    @Test func diffAndChangesNameIt() throws {
        var history = try baseMap()
        let before = history.system
        try history.record(.change(.relate(from: "Trying hard with my therapist", kind: .echoes, to: "Waiting for Dad", reason: "")), at: nil)
        let diff = MapDiff(from: before, to: history.system)
        #expect(SessionText.relationLines(diff) == ["\"Trying hard with my therapist\" echoes \"Waiting for Dad\""])
        let back = MapDiff(from: history.system, to: before)
        #expect(SessionText.relationLines(back) == ["\"Trying hard with my therapist\" no longer echoes \"Waiting for Dad\""])
        #expect(MapText.describe(.relate(from: "A", kind: .echoes, to: "B", reason: "")) == "\"A\" echoes \"B\".")
    }

    @Test func tabOffersEchoesAfterAPatternAndPatternsAfterIt() throws {
        let system = try baseMap().system
        #expect(Completer.complete("relate \"Waiting for Dad\" ", in: system).candidates == ["echoes"])
        #expect(Completer.complete("relate Waiting for Dad e", in: system).candidates == ["echoes"])
        #expect(Completer.complete("relate Pleaser ", in: system).candidates == ["protects", "polarized", "allied"])
        #expect(Completer.complete("relate \"Waiting for Dad\" echoes ", in: system).candidates
            == ["\"Trying hard with my therapist\"", "\"Waiting for Dad\""])
        #expect(Completer.complete("relate Pleaser protects ", in: system).candidates == ["Pleaser"])
        #expect(Completer.complete("unrelate Waiting ", in: system).candidates.contains("\"Waiting for Dad\""))
    }
}
