import Testing
@testable import PartsMap

/// Undo keeps only how to reverse a change, and reads the change back from the map when it gets
/// there. For every kind of change, what undo and redo say they did must be exactly what was done.
@Suite struct UndoReadBackTests {
    static let changes: [Change] = [
        .addPart(name: "Zed", role: .firefighter),
        .addPattern(name: "Hot and cold", with: "Sam"),
        .setField(name: "inner critic", field: .part(.note), text: "watches"),
        .setField(name: "Inner Critic", field: .part(.note), text: ""),
        .setField(name: "Pursue", field: .pattern(.with), text: "Alex and Sam"),
        .setField(name: "Pursue", field: .pattern(.description), text: "one comes close, one steps back"),
        .setRole(name: "Little One", role: .exile),
        .rename(name: "little one", to: "The Little One"),
        .rename(name: "Pursue", to: "Pursue and withdraw"),
        .relate(from: "Inner Critic", kind: .protects, to: "Little One", reason: "being laughed at"),
        .relate(from: "Inner Critic", kind: .protects, to: "Little One", reason: "feeling small"),  // a new reason
        .relate(from: "Planner", kind: .allied, to: "Inner Critic", reason: ""),  // symmetric, written the other way
        .relate(from: "Planner", kind: .polarized, to: "Inner Critic", reason: "who decides"),
        .unrelate(from: "Planner", kind: .polarized, to: "Inner Critic"),
        .unrelate(from: "Inner Critic", kind: .polarized, to: "Planner"),
        .link(part: "Planner", pattern: "Pursue"),
        .unlink(part: "Inner Critic", pattern: "Pursue"),
        .answer(name: "Inner Critic", question: .body, text: "tight jaw"),
        .answer(name: "Inner Critic", question: .toward, text: "curious"),
        .answer(name: "Pursue", question: .active, text: "Inner Critic"),
        .remove(name: "Inner Critic"),
        .remove(name: "Pursue"),
        .relate(from: "Waiting", kind: .echoes, to: "Pursue", reason: "the same silence"),
        .unrelate(from: "Pursue", kind: .echoes, to: "Waiting"),
        .remove(name: "Waiting"),  // with its echo
        .incident(pattern: "pursue", number: 2, kind: .rupture, entry: .about(.felt), text: "dropped"),  // a new incident
        .incident(pattern: "Pursue", number: 1, kind: .debrief, entry: .about(.highlight), text: "better"),  // a new answer in place of one
        .incident(pattern: "Pursue", number: 1, kind: .debrief, entry: .moment(1, .part), text: "Planner"),  // a new moment
        .incident(pattern: "Pursue", number: 1, kind: .debrief, entry: .about(.next), text: "say so"),
    ]

    /// A map with something for each change to work on.
    static func start() throws -> EditHistory {
        var history = EditHistory()
        for change: Change in [
            .addPart(name: "Inner Critic", role: .manager), .addPart(name: "Little One", role: .unknown),
            .addPart(name: "Planner", role: .manager), .addPattern(name: "Pursue", with: "Alex"),
            .setField(name: "Inner Critic", field: .part(.note), text: "old note"),
            .relate(from: "Planner", kind: .polarized, to: "Inner Critic", reason: ""),
            .relate(from: "Inner Critic", kind: .polarized, to: "Planner", reason: "it hurts"),
            .link(part: "Inner Critic", pattern: "Pursue"),
            .addPattern(name: "Waiting", with: "Dad"), .relate(from: "Pursue", kind: .echoes, to: "Waiting", reason: ""),
            .incident(pattern: "Pursue", number: 1, kind: .debrief, entry: .about(.highlight), text: "fine"),
        ] { try history.record(.change(change), at: nil) }
        return history
    }

    /// The map's content and its table of names (the undo and redo stacks aside).
    static func map(_ history: EditHistory) -> [String] {
        let snapshot = FuzzChecks.Snapshot(history)
        return ["\(snapshot.content)", "\(snapshot.ids)"] + snapshot.index
    }

    @Test(arguments: changes.indices)
    func undoAndRedoSayExactlyWhatWasDone(index: Int) throws {
        var history = try Self.start()
        // `relate … polarized` and `unrelate … polarized` each need the map as the one before them left it.
        if Self.changes[index] == .unrelate(from: "Inner Critic", kind: .polarized, to: "Planner") {
            try history.record(.undo, at: nil)
        }
        let before = Self.map(history)
        guard case .applied(let done) = try history.record(.change(Self.changes[index]), at: nil) else {
            Issue.record("not applied")
            return
        }
        let after = Self.map(history)
        #expect(try history.record(.undo, at: nil) == .undid(done))
        #expect(Self.map(history) == before)
        #expect(try history.record(.redo, at: nil) == .redid(done))
        // Redo makes an added part or pattern again, with a new id: the same map otherwise.
        #expect(Self.map(history)[0] == after[0])
    }
}
