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

    /// The table of names keeps each name's entity in its key: looked up by any spelling of the name,
    /// it gives the spelling it keeps and what that names.
    @Test func theNameTableKeepsWhatEachNameNames() {
        var table = NameTable()
        table[NameKey("Inner Critic")] = .part(7)
        table[NameKey("Pursue and withdraw")] = .pattern(3)
        #expect(table[NameKey("inner  CRITIC ")] == .part(7))
        #expect(table.lookUp(NameKey("INNER CRITIC"))! == ("Inner Critic", .part(7)))
        #expect(table.lookUp(NameKey("pursue and withdraw"))! == ("Pursue and withdraw", .pattern(3)))
        // A name given anew (a rename that only changes case) is kept as now written.
        table[NameKey("Inner Critic")] = nil
        table[NameKey("inner critic")] = .part(7)
        #expect(table.lookUp(NameKey("Inner Critic"))! == ("inner critic", .part(7)))
        table[NameKey("inner critic")] = nil
        #expect(table[NameKey("Inner Critic")] == nil && table.count == 1)
        table[NameKey("a;")] = .part(Int(Int32.max))
        #expect(table[NameKey("a\u{037E}")] == .part(Int(Int32.max)))
    }
}
