import Testing
@testable import PartsMap

/// Answers, fields and reasons keep their words in blocks shared between copies of a map. Each
/// copy must go on reading exactly its own words whatever the other copies keep after it.
@Suite struct StoredTextTests {
    static let texts = ["tight jaw", "", "Kritikerin ✨ — «merci»", "ליטל וואן", "e\u{301}", String(repeating: "long answer ", count: 120_000),
                        "line\u{2028}separated", "\"quoted\" \\ back"]

    @Test func keepsEveryTextExactly() {
        var keeper = TextKeeper(firstBlockBytes: 8)
        let kept = Self.texts.map { keeper.keep($0) }
        #expect(kept.map(\.string) == Self.texts)
        #expect(kept.map(\.isEmpty) == Self.texts.map(\.isEmpty))
        #expect(Self.texts.map { StoredText($0).string } == Self.texts)
        // Equal by their words, wherever they are kept.
        #expect(zip(kept, Self.texts).allSatisfy { $0 == StoredText($1) && $0.hashValue == StoredText($1).hashValue })
        #expect(StoredText("a") != StoredText("b") && StoredText("ab") != StoredText("a"))
    }

    @Test func copiesOfAMapKeepTheirOwnWords() throws {
        var original = InnerSystem()
        try original.apply(.addPart(name: "Critic", role: .manager), at: nil)
        try original.apply(.answer(name: "Critic", question: .job, text: "keeps me safe"), at: nil)
        var copy = original
        // Both go on keeping texts after the copy; neither may see the other's words.
        for i in 0..<200 {
            try original.apply(.answer(name: "Critic", question: .body, text: "original \(i)"), at: nil)
            try copy.apply(.answer(name: "Critic", question: .body, text: "copy \(i) " + String(repeating: "x", count: i * 40)), at: nil)
            try copy.apply(.setField(name: "Critic", field: .part(.note), text: "note \(i)"), at: nil)
        }
        let a = try #require(original.part(named: "Critic")), b = try #require(copy.part(named: "Critic"))
        #expect(a.answers.map(\.text) == ["keeps me safe"] + (0..<200).map { "original \($0)" })
        #expect(b.answers.map(\.text) == ["keeps me safe"] + (0..<200).map { "copy \($0) " + String(repeating: "x", count: $0 * 40) })
        #expect(a.fields == [.job: "keeps me safe", .body: "original 199"])
        #expect(b.fields == [.job: "keeps me safe", .body: "copy 199 " + String(repeating: "x", count: 199 * 40), .note: "note 199"])
    }

    @Test func fieldsReadLikeADictionary() {
        var fields: PartFields = [.age: "about 12", .note: "x"]
        #expect(fields[.age] == "about 12" && fields[.body] == nil && fields.count == 2)
        fields[.note] = ""  // an empty text clears a field, as `set NAME note ""` does
        fields[.body] = "chest"
        fields[.age] = nil
        #expect(fields == [.body: "chest"] && fields.dictionary == [.body: "chest"])
        #expect(Array(fields.map(\.key)) == [.body])
        #expect(PartFields() == [:] && PartFields().isEmpty)
    }

    @Test func relationsReadLikeAnOrderedDictionary() throws {
        var system = InnerSystem()
        for name in ["A", "B", "C"] { try system.apply(.addPart(name: name, role: .manager), at: nil) }
        try system.apply(.relate(from: "A", kind: .protects, to: "B", reason: "being laughed at"), at: nil)
        try system.apply(.relate(from: "C", kind: .allied, to: "A", reason: ""), at: nil)
        let (a, b, c) = (system.part(named: "A")!.id, system.part(named: "B")!.id, system.part(named: "C")!.id)
        #expect(system.relations.map(\.value) == ["being laughed at", ""])
        #expect(system.relations[Relation(from: a, kind: .protects, to: b)] == "being laughed at")
        #expect(system.relations[Relation(from: a, kind: .allied, to: c)] == "")  // symmetric: kept smaller id first
        #expect(system.relations[Relation(from: b, kind: .protects, to: a)] == nil)
        #expect(Array(system.relations.keys) == [Relation(from: a, kind: .protects, to: b), Relation(from: c, kind: .allied, to: a)])
        // A new reason replaces the old; undo would put it back (see InnerSystemTests).
        let applied = try system.apply(.relate(from: "A", kind: .protects, to: "B", reason: "feeling small"), at: nil)
        #expect(system.relations[Relation(from: a, kind: .protects, to: b)] == "feeling small")
        system.reverse(applied.reversal!, at: nil)
        #expect(system.relations[Relation(from: a, kind: .protects, to: b)] == "being laughed at")
    }

    @Test func compactLayout() {
        // What a large map holds hundreds of thousands of: kept small on purpose.
        #expect(MemoryLayout<Answer>.stride == 32)
        #expect(MemoryLayout<Relation>.stride == 12)
        #expect(MemoryLayout<StoredText>.stride == 16)
    }
}
