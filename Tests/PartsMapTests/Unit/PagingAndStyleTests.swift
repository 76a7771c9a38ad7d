import Testing
@testable import PartsMap

/// The library's side of the pager and of colour: which pager, when text is too tall for the screen, and
/// views that stay plain text with their headings and role words marked for a terminal to colour.
struct PagingAndStyleTests {
    @Test func thePagerComesFromPartsmapPagerThenPagerThenLess() {
        #expect(Paging.command(partsmapPager: nil, pager: nil) == "less -FRX")
        #expect(Paging.command(partsmapPager: nil, pager: "more") == "more")
        #expect(Paging.command(partsmapPager: "less -S", pager: "more") == "less -S")
        #expect(Paging.command(partsmapPager: "", pager: "more") == nil, "an empty PARTSMAP_PAGER: no pager")
        #expect(Paging.command(partsmapPager: nil, pager: "  ") == nil, "a blank PAGER: no pager, as psql")
        #expect(Paging.source(partsmapPager: "", pager: nil) == "$PARTSMAP_PAGER")
    }

    @Test func rowsCountWrappedLinesAndWideCharacters() {
        let narrow: (Unicode.Scalar) -> Int = { $0.value >= 0x1100 ? 2 : 1 }
        #expect(Paging.rows("a\nb\n", columns: 80, width: narrow) == 2)
        #expect(Paging.rows(String(repeating: "x", count: 81) + "\n", columns: 80, width: narrow) == 2)
        #expect(Paging.rows(String(repeating: "✨", count: 41) + "\n", columns: 80, width: { _ in 2 }) == 2)
        #expect(Paging.rows("\n\n", columns: 80, width: narrow) == 2, "empty lines take a row each")
        let tall = String(repeating: "line\n", count: 29)
        #expect(!Paging.needsPager(tall, screenRows: 30, columns: 80, width: narrow), "29 lines and the prompt fit in 30 rows")
        #expect(Paging.needsPager(tall + "one more\n", screenRows: 30, columns: 80, width: narrow))
        #expect(!Paging.needsPager(tall + tall, screenRows: 0, columns: 0, width: narrow), "a screen of unknown size is not paged")
    }

    @Test func viewsStayPlainTextWithTheirHeadingsAndRolesMarked() throws {
        var system = InnerSystem()
        _ = try system.apply(.addPart(name: "Inner Critic", role: .manager), at: nil)
        _ = try system.apply(.addPart(name: "Little One", role: .exile), at: nil)
        let view = MapText.overview(system, mapName: "m")
        #expect(!view.text.contains("\u{1B}"))
        func marked(_ style: TextStyle) -> [String] {
            let bytes = Array(view.text.utf8)
            return view.spans.filter { $0.styles.contains(style) }.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
        #expect(marked(.role(.manager)) == ["Managers:"])
        #expect(marked(.role(.exile)) == ["Exiles:"])
        #expect(marked(.heading).first?.hasPrefix("Map \"m\":") == true)
        let list = MapText.list(.everything, in: system)
        #expect(list.text == "Inner Critic\nLittle One\n")
        #expect(list.spans.map(\.styles) == [[.role(.manager)], [.role(.exile)]])
    }

    @Test func makingAViewPrintableKeepsEachMarkOnItsWords() {
        var text = StyledText("before \u{1B}[2J ")
        text.append("Evil\u{1B}]0;x\u{07}", .role(.firefighter))
        text += " after\n"
        let printable = text.printable()
        #expect(printable.text == EchoText.printable(text.text))
        let bytes = Array(printable.text.utf8)
        #expect(printable.spans.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [EchoText.printable("Evil\u{1B}]0;x\u{07}")])
    }

    @Test func theManualEscapesWhatRoffWouldRead() {
        #expect(ManualPage.text(".hidden\n'quoted") == "\\&.hidden\n\\&'quoted")
        #expect(ManualPage.text("a\\b --help") == "a\\eb \\-\\-help")
        #expect(ManualPage.text("map — ✨") == "map \\[u2014] \\[u2728]")
        let commands = ManualPage.commandsSection()
        for info in CommandTable.all { #expect(commands.contains("\\fB\(ManualPage.text(info.verb))\\fR"), "the page has \(info.verb)") }
        #expect(ManualPage.mapFileSection().contains(ManualPage.text(JournalFormat.header)))
    }
}
