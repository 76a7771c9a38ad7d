import Foundation
import Testing
@testable import PartsMap

@Suite struct ExportDotTests {
    func dot(_ system: InnerSystem, _ configure: (inout ExportOptions) -> Void = { _ in }) throws -> String {
        var options = ExportOptions()
        configure(&options)
        return try ExportFixtures.text(.dot, system, options: options)
    }

    func map(_ changes: Change...) throws -> InnerSystem {
        var system = InnerSystem()
        for change in changes { try system.apply(change, at: Timestamp(iso8601: "2026-11-21T12:00:00Z")) }
        return system
    }

    /// The ids of every node and edge statement (`id [`, `a -> b [`), whatever the labels say.
    func statementIDs(_ dot: String) -> [String] {
        dot.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop(while: { $0 == " " })
            guard let bracket = trimmed.range(of: " [") else { return nil }
            let head = trimmed[..<bracket.lowerBound]
            if head == "graph" || head == "node" || head == "edge" { return nil }
            return String(head)
        }
    }

    // MARK: Escaping

    @Test func labelEscapes() {
        #expect(DotText.label("plain") == "\"plain\"")
        #expect(DotText.label("say \"hi\"") == #""say \"hi\"""#)
        #expect(DotText.label(#"ends with \"#) == #""ends with \\""#)
        #expect(DotText.label(#"\N \G \l"#) == #""\\N \\G \\l""#)
        #expect(DotText.label("a\nb\r\nc\rd") == #""a\nb\nc\nd""#)
        #expect(DotText.label("&amp; <b>") == "\"&amp;amp; <b>\"")
        #expect(DotText.label("tab\there\u{07}") == "\"tab here\"")
        #expect(DotText.label("🧒🏽 שלום e\u{301}") == "\"🧒🏽 שלום e\u{301}\"")
    }

    @Test func tooltipsEscapeBackslashesTwice() {
        // Graphviz reads a tooltip's escapes twice, so one backslash is written as four.
        #expect(DotText.tooltip(#"a\N"#) == #""a\\\\N""#)
        #expect(DotText.tooltip("line\nbreak\ttab") == "\"line\\nbreak\ttab\"")
    }

    @Test func longTextIsSplitIntoPiecesUnder16KiB() {
        let text = String(repeating: "\\\"é🧒🏽 ", count: 6_000)
        let quoted = DotText.tooltip(text)
        let pieces = quoted.components(separatedBy: "\" + \"")
        #expect(pieces.count > 3)
        for piece in pieces {
            #expect(piece.utf8.count <= DotText.pieceLimit + 2)
            // A piece never ends inside an escape: an even run of backslashes before its end quote.
            let body = piece.hasSuffix("\"") ? String(piece.dropLast()) : piece
            let trailing = body.reversed().prefix(while: { $0 == "\\" }).count
            #expect(trailing % 2 == 0)
        }
        #expect(!quoted.contains("\n"))
    }

    @Test func userTextNeverBecomesAnID() throws {
        let nasty = ["node", "Graph", "STRICT", "a:b", "42 things", "-> x", "}", "p1", "self -> p1", "edge [color=red]"]
        var system = InnerSystem()
        for (i, name) in nasty.enumerated() {
            try system.apply(.addPart(name: name, role: Role.allCases[i % 4]), at: nil)
        }
        try system.apply(.addPattern(name: "subgraph", with: "digraph"), at: nil)
        try system.apply(.relate(from: "node", kind: .protects, to: "Graph", reason: "\"; x -> y; \""), at: nil)
        try system.apply(.link(part: "STRICT", pattern: "subgraph"), at: nil)
        let text = try dot(system)
        let allowed = /^(p\d+|pat\d+|self|legend_\d+[ab]?|empty_note|(p|pat|self)\d*\s*->\s*(p|pat|legend_)\d+[ab]?|legend_\d+[ab]?\s*->\s*legend_\d+[ab]?|self -> (p|pat)\d+)$/
        for id in statementIDs(text) {
            #expect(id.wholeMatch(of: allowed) != nil, "statement starts with \(id)")
        }
        #expect(text.contains("label=\"edge [color=red]\""))
    }

    // MARK: Determinism

    @Test func sameMapSameBytes() throws {
        let a = try dot(ExportFixtures.richMap())
        let b = try dot(ExportFixtures.richMap())
        #expect(a == b)
        #expect(try ExportFixtures.text(.mermaid, ExportFixtures.richMap()) == ExportFixtures.text(.mermaid, ExportFixtures.richMap()))
        #expect(try ExportFixtures.text(.json, ExportFixtures.richMap()) == ExportFixtures.text(.json, ExportFixtures.richMap()))
    }

    // MARK: What the diagram shows

    @Test func eachRoleHasItsOwnShapeAndColour() {
        let looks = Role.allCases.map(DiagramStyle.look) + [DiagramStyle.selfLook, DiagramStyle.patternLook]
        #expect(Set(looks.map(\.shape)).count == looks.count - 1)  // Self and exiles are both ellipses…
        #expect(DiagramStyle.selfLook.extra.contains("peripheries=2"))  // …but Self has a double border.
        #expect(Set(looks.map(\.fill)).count == looks.count)
        // Role fills stay apart in greyscale (Rec. 709 luma), at least 12 % of the range (the
        // two lightest, exile yellow and the white of a role not yet clear, also differ in
        // shape and border: solid ellipse, dashed octagon).
        func luma(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            return (0.2126 * Double(v >> 16 & 0xFF) + 0.7152 * Double(v >> 8 & 0xFF) + 0.0722 * Double(v & 0xFF)) / 255
        }
        let lumas = Role.allCases.map { luma(DiagramStyle.look($0).fill) }.sorted()
        for (a, b) in zip(lumas, lumas.dropFirst()) { #expect(b - a >= 0.12) }
        // Black text on every fill contrasts at 4.5:1 or better (WCAG).
        func relative(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            func channel(_ c: Int) -> Double {
                let s = Double(c) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(v >> 16 & 0xFF) + 0.7152 * channel(v >> 8 & 0xFF) + 0.0722 * channel(v & 0xFF)
        }
        for look in looks { #expect((relative(look.fill) + 0.05) / 0.05 >= 4.5, "\(look.fill)") }
    }

    @Test func relationKindsDifferByLineStyleAndArrows() throws {
        let text = try dot(ExportFixtures.richMap())
        let protects = text.split(separator: "\n").first { $0.contains("p1 -> p6 ") }!
        let polarized = text.split(separator: "\n").first { $0.contains("p1 -> p4 ") }!
        let allied = text.split(separator: "\n").first { $0.contains("p1 -> p2 ") }!
        let link = text.split(separator: "\n").first { $0.contains("pat9 -> p1 ") }!
        #expect(protects.contains("style=solid") && protects.contains("arrowhead=normal") && !protects.contains("constraint"))
        #expect(polarized.contains("style=dashed") && polarized.contains("dir=both") && polarized.contains("constraint=false"))
        #expect(allied.contains("style=dotted") && allied.contains("dir=none") && allied.contains("constraint=false"))
        #expect(link.contains("arrowtail=odot") && link.contains("#CC79A7"))
        // The protecting answer: tooltip in full, a short glance as the label.
        #expect(protects.contains("tooltip=\"Inner Critic protects Little One\\nWhat are you protecting me from?\\nbeing laughed at, feeling like I'm too much\""))
        #expect(protects.contains("label=\"being laughed at,\\nfeeling like I'm…\""))
        // No reason on the relation: the protector's latest protecting answer stands in.
        #expect(text.contains("p4 -> p6 [") && text.contains("label=\"the loneliness at\\nnight\""))
    }

    @Test func patternsAreGroupedByPerson() throws {
        let text = try dot(ExportFixtures.richMap())
        #expect(text.contains("subgraph cluster_with1 {"))
        #expect(text.contains("label=\"with Sam\""))
        let sam = text.components(separatedBy: "subgraph cluster_with1 {")[1].components(separatedBy: "}")[0]
        #expect(sam.contains("pat9 [") && sam.contains("pat10 ["))
        #expect(text.contains("label=\"with my boss, Dana\""))
        // A pattern with nobody named stands on its own.
        #expect(text.contains("  pat13 [label=\"Waiting to be\\nasked\" shape=note"))
    }

    @Test func titleNamesTheMapAndDate() throws {
        let text = try dot(ExportFixtures.richMap())
        #expect(text.contains("label=\"Maya's map\\n2026-11-21\""))
    }

    @Test func selfIsShownUnlessAskedNotTo() throws {
        let system = try ExportFixtures.richMap()
        let shown = try dot(system)
        #expect(shown.contains("  self [label=\"Self\""))
        #expect(shown.contains("self -> pat9 [style=invis"))
        let hidden = try dot(system) { $0.showSelf = false }
        #expect(!hidden.contains("self"))
        #expect(!hidden.contains("label=\"Self\""))
    }

    @Test func legendListsOnlyWhatIsUsed() throws {
        let system = try map(.addPart(name: "Critic", role: .manager), .addPart(name: "Little One", role: .exile),
                             .relate(from: "Critic", kind: .protects, to: "Little One", reason: ""))
        let text = try dot(system)
        let legend = text.components(separatedBy: "subgraph cluster_legend {")[1]
        #expect(legend.contains("label=\"manager\"") && legend.contains("label=\"exile\"") && legend.contains("label=\"protects\""))
        #expect(!legend.contains("firefighter") && !legend.contains("polarized") && !legend.contains("allied"))
        #expect(!legend.contains("pattern") && !legend.contains("shows up in"))
        #expect(try !dot(system) { $0.legend = false }.contains("legend"))
    }

    @Test func emptyMapSaysSoGently() throws {
        let text = try dot(InnerSystem())
        #expect(text.contains("label=\"Nothing is mapped yet.\""))
        #expect(!text.contains("cluster_legend"))
    }

    @Test func highlightIsReadyForSince() throws {
        let system = try ExportFixtures.richMap()
        let critic = system.part(named: "Inner Critic")!.id
        var highlight = DiagramHighlight()
        highlight.parts = [critic]
        highlight.legendText = "new since session 2"
        let view = try MapView.select(ExportOptions(), in: system)
        let diagram = Diagram(view: view, options: ExportOptions(), context: ExportFixtures.context, highlight: highlight)
        let text = DotWriter.write(diagram)
        #expect(text.contains("p\(critic) [label=\"Inner Critic\"") && text.contains("penwidth=3.5 tooltip=\"Inner Critic"))
        #expect(text.contains("label=\"new since session 2\""))
        #expect(!DotWriter.write(Diagram(view: view, options: ExportOptions(), context: ExportFixtures.context)).contains("penwidth=3.5"))
    }

    // MARK: Views

    @Test func patternViewShowsItsPartsAndWhatTheyProtect() throws {
        let system = try ExportFixtures.richMap()
        let text = try dot(system) { $0.pattern = "HOT AND COLD" }
        for name in ["Inner Critic", "The One Who\\nLeaves", "Little One", "The \\\"Too Much\\\"\\nGirl", "Hot and cold"] {
            #expect(text.contains("[label=\"\(name)\""), "\(name)")
        }
        for name in ["Planner", "The Scroller", "Pursue / withdraw", "Tight Chest"] {
            #expect(!text.contains("[label=\"\(name)\""), "\(name)")
        }
        #expect(text.contains("the pattern “Hot and cold” with Sam · 2026-11-21"))
    }

    @Test func partViewShowsItsNeighbourhood() throws {
        let system = try ExportFixtures.richMap()
        let one = try MapView.select({ var o = ExportOptions(); o.part = "tight chest"; return o }(), in: system)
        #expect(one.partIDs.map { system.parts[$0]!.name } == ["People-Pleaser", "Tight Chest"])
        var two = ExportOptions()
        two.part = "Tight Chest"
        two.depth = 2
        let wider = try MapView.select(two, in: system)
        #expect(wider.partIDs.map { system.parts[$0]!.name } == ["People-Pleaser", "The \"Too Much\" Girl", "Tight Chest"])
        #expect(wider.patternIDs.map { system.patterns[$0]!.name } == ["Saying yes to everything", "Pleasing my therapist", "Waiting to be asked"])
        var none = ExportOptions()
        none.part = "Tight Chest"
        none.depth = 0
        #expect(try MapView.select(none, in: system).partIDs.count == 1)
    }

    @Test func roleViewShowsOnlyThatRole() throws {
        let system = try ExportFixtures.richMap()
        var options = ExportOptions()
        options.role = .exile
        let view = try MapView.select(options, in: system)
        #expect(view.partIDs.map { system.parts[$0]!.name } == ["Little One", "The \"Too Much\" Girl"])
        #expect(view.relations.isEmpty)
        #expect(view.caption == "exiles")
        options.role = .firefighter
        let firefighters = try MapView.select(options, in: system)
        #expect(firefighters.relations.isEmpty)
        #expect(firefighters.patternIDs.map { system.patterns[$0]!.name } == ["Hot and cold", "Pursue / withdraw"])
        var empty = InnerSystem()
        try empty.apply(.addPart(name: "Critic", role: .manager), at: nil)
        #expect(try dot(empty) { $0.role = .exile }.contains("No exiles in this map yet."))
    }

    @Test func viewNamesThatDontFitSayWhatWould() throws {
        let system = try ExportFixtures.richMap()
        #expect(throws: ExportError.noSuchPattern("Hot and cld", suggestion: "Hot and cold")) {
            try dot(system) { $0.pattern = "Hot and cld" }
        }
        #expect(throws: ExportError.noSuchPart("Inner Critc", suggestion: "Inner Critic")) {
            try dot(system) { $0.part = "Inner Critc" }
        }
        #expect(throws: ExportError.notAPattern("Inner Critic")) { try dot(system) { $0.pattern = "inner critic" } }
        #expect(throws: ExportError.notAPart("Hot and cold")) { try dot(system) { $0.part = "hot and cold" } }
        #expect(throws: ExportError.conflictingViews) { try dot(system) { $0.part = "Planner"; $0.pattern = "Hot and cold" } }
        #expect(ExportError.noSuchPattern("Hot and cld", suggestion: "Hot and cold").description
            == "no pattern named \"Hot and cld\" — did you mean \"Hot and cold\"?")
        #expect(ExportError.notAPattern("Inner Critic").description.contains("`--part \"Inner Critic\"`"))
    }

    @Test func atAndSinceAreNotSilentlyIgnored() throws {
        var options = ExportOptions()
        options.since = "2"
        let output = try ExportFixtures.export(.dot, ExportFixtures.richMap(), options: options)
        #expect(output.warnings.contains { $0.contains("--since") })
    }
}
