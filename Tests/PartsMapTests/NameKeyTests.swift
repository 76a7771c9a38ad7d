import Testing
@testable import PartsMap

/// The map's name table folds names as it compares and hashes them; it must agree with
/// `InnerSystem.key`, which is what "the same name" means everywhere else.
@Suite struct NameKeyTests {
    static let names = ["Inner Critic", "inner critic", "INNER  CRITIC ", "\tInner Critic 12345 of many", "Mom's Girl",
                        "", "a;", "a\u{037E}", "Kelvin", "\u{212A}elvin", "Élan", "élan", "e\u{301}lan", "Straße", "STRASSE",
                        "Zürich", "ZÜRICH", "日本", "🙂 part", "Self", "x",
                        "abc", "abc\u{301}", "ABĆ", "ka\u{30A}", "K\u{212B}", "İstanbul", "i\u{307}stanbul"]

    @Test func equalExactlyWhenTheKeysAre() {
        for a in Self.names {
            for b in Self.names {
                #expect((NameKey(a) == NameKey(b)) == (InnerSystem.key(a) == InnerSystem.key(b)), "\(a) / \(b)")
            }
        }
    }

    @Test func hashesAsTheKeyStringDoes() {
        for name in Self.names {
            #expect(NameKey(name).hashValue == InnerSystem.key(name).hashValue, "\(name)")
        }
    }

    @Test func namesEqualOnlyUnderUnicodeStillClash() throws {
        var history = EditHistory()
        try history.record(.change(.addPart(name: "a;", role: .manager)), at: nil)
        #expect(throws: MapError.nameTaken("a\u{037E}", existing: "a;", isPattern: false)) {
            try history.record(.change(.addPart(name: "a\u{037E}", role: .exile)), at: nil)
        }
        #expect(history.system.entity(named: "A\u{037E}") == .part(1))
    }
}
