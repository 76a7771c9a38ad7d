import Testing
@testable import PartsMap

@Suite struct InnerSystemTests {
    func map(_ lines: String...) throws -> EditHistory {
        var history = EditHistory()
        for line in lines { try history.record(Parser().parseJournalRecord(line), at: nil) }
        return history
    }

    @Test func namesAreUniqueRegardlessOfCase() throws {
        var history = try map("add manager Inner Critic")
        #expect(throws: MapError.nameTaken("inner critic", existing: "Inner Critic", isPattern: false)) {
            try history.record(.change(.addPart(name: "inner  critic", role: .exile)), at: nil)
        }
        #expect(throws: MapError.self) { try history.record(.change(.addPattern(name: "INNER CRITIC", with: "")), at: nil) }
        #expect(throws: MapError.nameIsSelf) { try history.record(.change(.addPart(name: "self", role: .manager)), at: nil) }
        #expect(throws: MapError.emptyName) { try history.record(.change(.addPart(name: "  ", role: .manager)), at: nil) }
        #expect(history.system.parts.count == 1)
    }

    @Test func relationsNeedTwoDifferentExistingParts() throws {
        var history = try map("add manager Critic", "add exile Little One", "add pattern Hot and cold")
        #expect(throws: MapError.selfRelation("Critic", .protects)) {
            try history.record(.change(.relate(from: "critic", kind: .protects, to: "CRITIC", reason: "")), at: nil)
        }
        #expect(throws: MapError.noSuchName("Critc", suggestion: "Critic")) {
            try history.record(.change(.relate(from: "Critc", kind: .protects, to: "Little One", reason: "")), at: nil)
        }
        #expect(throws: MapError.notAPart("Hot and cold")) {
            try history.record(.change(.relate(from: "Critic", kind: .allied, to: "hot and cold", reason: "")), at: nil)
        }
        #expect(history.system.relations.isEmpty)
    }

    @Test func symmetricRelationsAreStoredOnce() throws {
        var history = try map("add manager A", "add firefighter B", "relate B polarized A")
        #expect(history.system.relations.count == 1)
        #expect(throws: MapError.relationExists("A", .polarized, "B")) {
            try history.record(.change(.relate(from: "A", kind: .polarized, to: "B", reason: "")), at: nil)
        }
        try history.record(.change(.unrelate(from: "A", kind: .polarized, to: "B")), at: nil)
        #expect(history.system.relations.isEmpty)
    }

    @Test func removingAPartRemovesItsRelationsAndLinksAndUndoPutsThemBack() throws {
        var history = try map("add manager Critic", "add exile Little One", "add firefighter Numbing",
                              "add pattern Hot and cold", "relate Critic protects Little One because shame",
                              "relate Numbing polarized Critic", "relate Numbing protects Little One",
                              "link Critic to Hot and cold", "link Numbing to Hot and cold", "ask Critic age 12")
        let before = history.system
        try history.record(.change(.remove(name: "critic")), at: nil)
        #expect(history.system.part(named: "Critic") == nil)
        #expect(history.system.relations.count == 1)
        #expect(history.system.links.count == 1)
        try history.record(.undo, at: nil)
        #expect(history.system.parts == before.parts)
        #expect(history.system.relations == before.relations)
        #expect(history.system.links == before.links)
        try history.record(.redo, at: nil)
        #expect(history.system.part(named: "Critic") == nil)
    }

    @Test func renameKeepsRelationsAndFreesTheOldName() throws {
        var history = try map("add manager Critic", "add exile Kid", "relate Critic protects Kid", "rename critic to The Judge")
        #expect(history.system.part(named: "the judge")?.name == "The Judge")
        #expect(history.system.part(named: "Critic") == nil)
        #expect(history.system.relations.count == 1)
        try history.record(.change(.addPart(name: "Critic", role: .manager)), at: nil)
        try history.record(.change(.rename(name: "the judge", to: "THE JUDGE")), at: nil)  // a change of case only
        #expect(history.system.part(named: "the judge")?.name == "THE JUDGE")
    }

    @Test func answersAreDatedFillFieldsAndBelongToTheirSession() throws {
        var history = EditHistory()
        let t = Timestamp(iso8601: "2026-11-21T10:00:00Z")!
        try history.record(.change(.addPart(name: "Critic", role: .manager)), at: t)
        try history.record(.change(.sessionStart(title: "second")), at: t)
        try history.record(.change(.answer(name: "critic", question: .protecting, text: "being laughed at")), at: t)
        try history.record(.change(.answer(name: "critic", question: .body, text: "tight jaw")), at: t)
        let critic = history.system.part(named: "Critic")!
        #expect(critic.answers.map(\.text) == ["being laughed at", "tight jaw"])
        #expect(critic.answers.allSatisfy { $0.session == 2 && $0.at == t })
        #expect(critic.fields[.body] == "tight jaw")
        #expect(history.system.sessions.map(\.changeCount) == [1, 2])
        #expect(history.system.sessions[0].implicit)
        try history.record(.undo, at: t)
        #expect(history.system.part(named: "Critic")!.fields[.body] == nil)
    }

    @Test func anExileHasNoProtectingAnswerYet() throws {
        var history = try map("add exile Little One")
        #expect(throws: MapError.notAProtector("Little One")) {
            try history.record(.change(.answer(name: "little one", question: .protecting, text: "x")), at: nil)
        }
        #expect("\(MapError.notAProtector("Little One"))" == "\"Little One\" is an exile; only protectors have a protecting answer yet — set its role first?")
    }

    @Test func undoAndRedoWalkTheHistory() throws {
        var history = try map("add manager A", "add manager B")
        try history.record(.undo, at: nil)
        try history.record(.undo, at: nil)
        #expect(history.system.parts.isEmpty)
        #expect(throws: MapError.nothingToUndo) { try history.record(.undo, at: nil) }
        try history.record(.redo, at: nil)
        #expect(history.system.allNames == ["A"])
        try history.record(.change(.addPart(name: "C", role: .exile)), at: nil)
        #expect(throws: MapError.nothingToRedo) { try history.record(.redo, at: nil) }
    }

    @Test func suggestionsCatchTypos() throws {
        let history = try map("add manager Critic", "add exile Little One", "add pattern Hot and cold")
        #expect(history.system.nearestName(to: "Critc") == "Critic")
        #expect(history.system.nearestName(to: "little") == "Little One")
        #expect(history.system.nearestName(to: "zzzzzz") == nil)
    }
}
