import Testing
@testable import LineEditing

@Suite struct CompletionActionTests {
    @Test func noCandidatesBeeps() {
        #expect(CompletionAction(typed: "show zz", completions: .none) == .beep)
        #expect(CompletionAction(typed: "", completions: Completions(replacing: 0, candidates: [])) == .beep)
    }

    @Test func oneCandidateIsInsertedWithASpace() {
        let action = CompletionAction(
            typed: "show \"Inner Cr", completions: Completions(replacing: 9, candidates: ["\"Inner Critic\""]))
        #expect(action == .insert(deleting: 9, text: "\"Inner Critic\"", addSpace: true))
    }

    @Test func replacingCountsUnicodeScalars() {
        // "✨" is one scalar; "🧒🏽" two; "é" as e + combining accent two.
        let action = CompletionAction(
            typed: "show ✨🧒🏽e\u{301}", completions: Completions(replacing: 4, candidates: ["X"]))
        #expect(action == .insert(deleting: 4, text: "X", addSpace: true))
    }

    @Test func replacingIsClampedToTheTypedText() {
        #expect(CompletionAction(typed: "ab", completions: Completions(replacing: 10, candidates: ["abc"]))
            == .insert(deleting: 2, text: "abc", addSpace: true))
        #expect(CompletionAction(typed: "ab", completions: Completions(replacing: -1, candidates: ["abc"]))
            == .insert(deleting: 0, text: "abc", addSpace: true))
    }

    @Test func duplicateCandidatesCountOnce() {
        #expect(CompletionAction(typed: "cr", completions: Completions(replacing: 2, candidates: ["Critic", "Critic"]))
            == .insert(deleting: 2, text: "Critic", addSpace: true))
    }

    @Test func longerCommonPrefixIsInserted() {
        let completions = Completions(replacing: 3, candidates: ["\"Inner Critic\"", "\"Inner Child\""])
        #expect(CompletionAction(typed: "inn", completions: completions)
            == .insert(deleting: 3, text: "\"Inner C", addSpace: false))
    }

    @Test func nothingMoreToInsertLists() {
        let candidates = ["\"Inner Critic\"", "\"Inner Child\""]
        let completions = Completions(replacing: 8, candidates: candidates)
        #expect(CompletionAction(typed: "show \"Inner C", completions: completions) == .list(candidates))
        // The typed text is not a prefix of the candidates (the program matched elsewhere).
        #expect(CompletionAction(typed: "xyz", completions: Completions(replacing: 3, candidates: ["a", "b"]))
            == .list(["a", "b"]))
    }

    @Test func sameLengthPrefixInOtherCaseIsAdopted() {
        let completions = Completions(replacing: 3, candidates: ["Inner", "Innocent"])
        #expect(CompletionAction(typed: "inn", completions: completions)
            == .insert(deleting: 3, text: "Inn", addSpace: false))
        #expect(CompletionAction(typed: "Inn", completions: completions) == .list(["Inner", "Innocent"]))
    }
}

@Suite struct DistinctCandidatesTests {
    /// Candidates the program calls distinct are taken as they are; others are checked for repeats.
    @Test func onlyCandidatesNotKnownDistinctAreChecked() {
        let twice = ["\"Inner Critic\"", "\"Inner Critic\""]
        #expect(CompletionAction(typed: "show ", completions: Completions(replacing: 0, candidates: twice))
            == .insert(deleting: 0, text: twice[0], addSpace: true))
        #expect(CompletionAction(typed: "show ", completions: Completions(replacing: 0, candidates: twice, distinct: true))
            == .insert(deleting: 0, text: twice[0], addSpace: false))
    }
}

@Suite struct CommonPrefixTests {
    @Test func basics() {
        #expect(commonPrefix([]) == "")
        #expect(commonPrefix(["abc"]) == "abc")
        #expect(commonPrefix(["abc", "abd", "ab"]) == "ab")
        #expect(commonPrefix(["abc", "xyz"]) == "")
    }

    @Test func caseInsensitiveSpelledAsTheFirst() {
        #expect(commonPrefix(["Kritikerin", "kRITIK"]) == "Kritik")
        #expect(commonPrefix(["Ärger", "ärgerlich"]) == "Ärger")
    }

    @Test func neverSplitsACharacter() {
        // Family emoji differing only in the last member of a ZWJ sequence.
        #expect(commonPrefix(["a👨‍👩‍👧", "a👨‍👩‍👦"]) == "a")
        // e + combining acute vs. plain e.
        #expect(commonPrefix(["ce\u{301}t", "cet"]) == "c")
    }

    /// The definition, as plainly as it reads: every string folded character by character, whole.
    static func reference(_ strings: [String]) -> String {
        guard let first = strings.first else { return "" }
        let folded = strings.map { Array($0).map { String($0).lowercased() } }
        var length = folded[0].count
        for other in folded.dropFirst() {
            var i = 0
            while i < length, i < other.count, other[i] == folded[0][i] { i += 1 }
            length = i
        }
        return String(first.prefix(length))
    }

    @Test func agreesWithTheDefinitionOnMixedText() {
        // SplitMix64, seeded: the same strings on every run.
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let pieces = ["a", "A", "b", "In", "in", "\"", " ", "\r", "\n", "\r\n", "e\u{301}", "é", "É", "ß", "SS", "İ", "i", "👨‍👩‍👧", "👨", "Σ", "ς", "σ", "1"]
        for _ in 0..<3000 {
            let stem = (0..<next(4)).map { _ in pieces[next(pieces.count)] }.joined()
            let strings = (0..<1 + next(5)).map { _ in stem + (0..<next(4)).map { _ in pieces[next(pieces.count)] }.joined() }
            #expect(commonPrefix(strings) == Self.reference(strings), "\(strings.map(\.debugDescription))")
        }
    }
}

@Suite struct ColumnLayoutTests {
    private func width(_ s: String) -> Int { s.count }

    @Test func fitsOnOneRowWhenItCan() {
        #expect(columnLayout(["\"Inner Critic\"", "\"Inner Child\""], width: 100, measure: width)
            == ["\"Inner Critic\"  \"Inner Child\""])
    }

    @Test func fillsColumnsTopToBottom() {
        let items = ["a", "b", "c", "d", "e"]
        // cell width 3, (10 - 1 + 2) / 3 = 3 columns, 2 rows.
        #expect(columnLayout(items, width: 10, measure: width) == ["a  c  e", "b  d"])
    }

    @Test func oneColumnWhenNarrow() {
        #expect(columnLayout(["long one", "two"], width: 5, measure: width) == ["long one", "two"])
    }

    @Test func rowsStayNarrowerThanTheTerminal() {
        let items = (1...57).map { "part\($0)" + String(repeating: "x", count: $0 % 7) }
        for terminalWidth in [20, 40, 80, 100, 133] {
            let rows = columnLayout(items, width: terminalWidth, measure: width)
            #expect(rows.allSatisfy { $0.count < terminalWidth })
            #expect(rows.allSatisfy { !$0.hasSuffix(" ") })
            let cells = rows.flatMap { $0.split(separator: " ").map(String.init) }
            #expect(cells.count == items.count)
            #expect(Set(cells) == Set(items))
        }
        #expect(columnLayout([], width: 80, measure: width) == [])
    }

    @Test func displayWidthCountsTerminalColumns() {
        #expect(Terminal.useUTF8Locale())
        #expect(displayWidth("Critic") == 6)
        #expect(displayWidth("Kritikerin ✨") == 13)
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("内") == 2)
    }
}

@Suite struct FolderCompletionTests {
    @Test func aFolderIsNotFollowedByASpace() {
        #expect(CompletionAction(typed: "open ma", completions: Completions(replacing: 2, candidates: ["maps/"]))
                == .insert(deleting: 2, text: "maps/", addSpace: false))
        #expect(CompletionAction(typed: "open an", completions: Completions(replacing: 2, candidates: ["anna.parts"]))
                == .insert(deleting: 2, text: "anna.parts", addSpace: true))
    }
}

@Suite struct ManyCandidatesTests {
    let many = (1...150).map { "Part \($0)" }

    /// Past readline's 100, a Tab that has nothing to insert asks before listing.
    @Test func moreThanAHundredAreAskedAbout() {
        #expect(CompletionAction(typed: "show Part ", completions: Completions(replacing: 5, candidates: many))
                == .askToList(count: 150))
        let hundred = Array(many.prefix(CompletionAction.listWithoutAsking))
        #expect(CompletionAction(typed: "show Part ", completions: Completions(replacing: 5, candidates: hundred))
                == .list(hundred))
        // Something to insert is inserted, however many there are.
        #expect(CompletionAction(typed: "show pa", completions: Completions(replacing: 2, candidates: many))
                == .insert(deleting: 2, text: "Part ", addSpace: false))
    }

    /// Repeats count once: 101 strings with one repeat are 100 candidates, listed.
    @Test func repeatsAreCountedOnce() {
        let repeated = Array(many.prefix(100)) + ["Part 1"]
        let completions = Completions(replacing: 5, candidates: repeated)
        #expect(completions.count == 100)
        #expect(CompletionAction(typed: "Part ", completions: completions) == .list(Array(many.prefix(100))))
    }

    /// A summary the program gives (count, prefix, candidates made on demand) acts as the list would,
    /// and the candidates are made only when they are listed.
    @Test func aSummaryActsAsItsCandidatesWould() {
        final class Made: @unchecked Sendable { var times = 0 }
        let made = Made()
        let list = many
        let summary = Completions(replacing: 5, count: list.count, commonPrefix: commonPrefix(list)) {
            made.times += 1
            return list
        }
        #expect(CompletionAction(typed: "show Part ", completions: summary) == .askToList(count: 150))
        #expect(made.times == 0)
        #expect(summary == Completions(replacing: 5, candidates: list))
        #expect(summary != Completions(replacing: 5, candidates: Array(list.dropLast())))
        #expect(summary.candidates == list)
    }
}
