import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// JSON, Mermaid and Markdown: what they carry, and that any text survives them.
@Suite struct ExportFormatTests {
    func jsonObject(_ system: InnerSystem) throws -> [String: Any] {
        let bytes = try ExportFixtures.export(.json, system).bytes
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func jsonFollowsSchemaVersion2() throws {
        let object = try jsonObject(try ExportFixtures.richMap())
        #expect(Set(object.keys) == ["version", "parts", "patterns", "relations", "links", "sessions", "checkins", "self", "settings"])
        #expect(object["version"] as? Int == 1)
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.count == 8)
        let critic = parts[0]
        #expect(Set(critic.keys) == ["name", "role", "fields", "answers", "steps"])
        #expect(critic["name"] as? String == "Inner Critic" && critic["role"] as? String == "manager")
        #expect((critic["fields"] as? [String: String])?["job"] == "points out every flaw before anyone else can")
        let answer = try #require((critic["answers"] as? [[String: Any]])?.first)
        #expect(answer["question"] as? String == "protecting")
        #expect(answer["answer"] as? String == "being laughed at, like in sixth grade")
        #expect(answer["at"] as? String == "2026-10-03T12:32:00Z")
        #expect(parts.map { $0["role"] as! String }.contains("unknown"))

        let patterns = try #require(object["patterns"] as? [[String: Any]])
        #expect(Set(patterns[0].keys) == ["name", "with", "description", "answers", "incidents"])
        #expect(patterns[0]["description"] as? String == "I reach for Sam; Sam pulls back; I go cold.\nThen we both wait.")

        let relations = try #require(object["relations"] as? [[String: String]])
        #expect(relations[0] == ["from": "Inner Critic", "kind": "protects", "to": "Little One",
                                 "reason": "being laughed at, feeling like I'm too much"])
        #expect(relations[1] == ["from": "Planner", "kind": "protects", "to": "Little One"])
        #expect(relations.contains(["from": "Inner Critic", "kind": "allied", "to": "Planner"]))

        let links = try #require(object["links"] as? [[String: String]])
        #expect(links[0] == ["part": "Inner Critic", "pattern": "Hot and cold"])

        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.count == 3)
        #expect(sessions[0]["title"] as? String == "first look" && sessions[0]["number"] as? Int == 1)
        #expect(sessions[0]["started"] as? String == "2026-10-03T12:00:00Z" && sessions[0]["ended"] as? String != nil)
        #expect(sessions[2]["ended"] is NSNull)
        #expect(sessions[0]["changes"] as? Int == 33)
    }

    @Test func jsonCarriesAnyTextExactly() throws {
        var rng = SeededGenerator.replayable(4)
        for _ in 0..<200 {
            var system = InnerSystem()
            let name = NastyText.name(&rng)
            let text = NastyText.make(&rng, maxPieces: 12) + "\u{0}\u{1F}\u{7F}\u{2028}\u{2029}"
            try system.apply(.addPart(name: name, role: .manager), at: nil)
            try system.apply(.answer(name: name, question: .protecting, text: text), at: nil)
            let object = try jsonObject(system)
            let part = try #require((object["parts"] as? [[String: Any]])?.first)
            #expect(part["name"] as? String == name)
            let answer = try #require((part["answers"] as? [[String: Any]])?.first)
            #expect((answer["answer"] as? String).map { Array($0.unicodeScalars) } == Array(text.unicodeScalars))
            #expect(answer["at"] is NSNull)
        }
        #expect(JSONWriter.quoted("a\"b\\c\n\u{1}\u{2028}") == #""a\"b\\c\n\u0001\u2028""#)
    }

    @Test func jsonRefusesDiagramViews() throws {
        var options = ExportOptions()
        options.role = .exile
        #expect(throws: ExportError.viewNotForFormat(option: "--role", format: .json)) {
            try ExportFixtures.export(.json, try ExportFixtures.richMap(), options: options)
        }
    }

    @Test func mermaidTextCannotBreakOut() {
        #expect(MermaidWriter.text("say \"hi\" #1 & <b>x</b> `code` a|b 100%") ==
            "say #quot;hi#quot; #35;1 #amp; #lt;b#gt;x#lt;/b#gt; #96;code#96; a#124;b 100#37;")
        #expect(MermaidWriter.text("two\nlines\r\nthree\u{7}") == "two<br>lines<br>three")
        var rng = SeededGenerator.replayable(11)
        for _ in 0..<500 {
            let escaped = MermaidWriter.text(NastyText.make(&rng, maxPieces: 10))
            #expect(!escaped.contains("\"") && !escaped.contains("\n") && !escaped.contains("`"))
            #expect(!escaped.replacingOccurrences(of: "<br>", with: "").contains("<"))
        }
        #expect(MermaidWriter.yamlQuoted("a \"b\" \\ c\nd") == #""a \"b\" \\ c d""#)
    }

    @Test func mermaidUsesGeneratedIDsAndRoleClasses() throws {
        let text = try ExportFixtures.text(.mermaid, try ExportFixtures.richMap())
        #expect(text.contains("  p7([\"The #quot;Too Much#quot; Girl\"])"))
        #expect(text.contains("p1 -->|\"being laughed at, feeling like I'm…\"| p6"))
        #expect(text.contains("p1 <-.-> p4") && text.contains("p1 -.- p2") && text.contains("p1 --o pat9"))
        #expect(text.contains("subgraph with1[\"with Sam\"]"))
        #expect(text.contains("class p4,p5,legend_3 firefighter"))
        // linkStyle numbers every line in order: 17 lines, each styled exactly once.
        let styled = text.split(separator: "\n").filter { $0.contains("linkStyle ") }
            .flatMap { $0.split(separator: " ")[1].split(separator: ",").map { Int($0)! } }
        #expect(styled.sorted() == Array(0..<17))
    }

    @Test func markdownKeepsWordsAsWritten() {
        #expect(MarkdownWriter.lineText("*bold* _x_ [link](y) <b> # | ~ $ & \\") ==
            "\\*bold\\* \\_x\\_ \\[link\\](y) \\<b\\> \\# \\| \\~ \\$ &amp; \\\\")
        #expect(MarkdownWriter.lineText("- not a list") == "\\- not a list")
        #expect(MarkdownWriter.lineText("1. not a list") == "1\\. not a list")
        #expect(MarkdownWriter.lineText("  + x") == "  \\+ x")
        #expect(MarkdownWriter.block("a\nb\n\nc", indent: "  ") == "a\\\n  b\n\n  c")
        #expect(MarkdownWriter.linkTarget("my map (1).svg") == "my%20map%20%281%29.svg")
    }

    @Test func handoutIsGentle() throws {
        let text = try ExportFixtures.text(.markdown, try ExportFixtures.richMap())
        for word in [" bad ", "sick", "toxic", "disorder", "broken", "dysfunction"] {
            // The person's own words may say anything; partsmap's wording never does.
            let ours = text.split(separator: "\n").filter { !$0.hasPrefix("  >") }.joined(separator: "\n")
            #expect(!ours.lowercased().contains(word), "\(word)")
        }
        #expect(text.contains("not a diagnosis and not therapy"))
        #expect(text.contains("### The \"Too Much\" Girl"))
        #expect(text.contains("**Protected by:** Inner Critic, Planner, The Scroller"))
        #expect(text.contains("- *What are you protecting me from?* — 2026-10-03\n\n  > being laughed at, like in sixth grade\n"))
        #expect(text.contains("**Parts that show up here:** Inner Critic, The One Who Leaves"))
    }

    @Test func handoutFollowsTheView() throws {
        var options = ExportOptions()
        options.pattern = "Pursue / withdraw"
        let text = try ExportFixtures.text(.markdown, try ExportFixtures.richMap(), options: options)
        #expect(text.contains("### The Scroller") && text.contains("### Little One") && text.contains("### Pursue / withdraw"))
        #expect(!text.contains("### Planner") && !text.contains("### Hot and cold"))
        #expect(text.contains("the pattern “Pursue / withdraw” with Sam"))
    }
}
