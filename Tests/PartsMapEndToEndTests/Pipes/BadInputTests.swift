import Foundation
import Testing

/// Bad input gets a clear message naming the problem and changes nothing.
@Suite struct BadInputTests {
    func expectRefused(_ line: String, saying words: String, sourceLine: Int = #line) throws {
        let box = try Sandbox()
        try box.script("add manager Critic", "add exile Little One")
        let before = try box.mapBytes()
        let r = try box.run([box.map], input: line + "\n")
        #expect(r.status != 0, "\(line) should fail")
        #expect(r.stderr.contains("line 1:"), "\(r.stderr)")
        #expect(r.stderr.contains(words), "\(line): \(r.stderr)")
        #expect(try box.mapBytes() == before, "\(line) changed the map")
    }

    @Test func unknownVerb() throws { try expectRefused("ad manager X", saying: "unknown command \"ad\" — did you mean \"add\"?") }
    @Test func missingPart() throws { try expectRefused("relate Critc protects Little One", saying: "no part or pattern named \"Critc\" — did you mean \"Critic\"?") }
    @Test func openQuote() throws { try expectRefused("add manager \"Inner Critic", saying: "never closed") }
    @Test func duplicateName() throws { try expectRefused("add firefighter critic", saying: "there is already a part named \"Critic\"") }
    @Test func selfRelation() throws { try expectRefused("relate Critic protects critic", saying: "can't protect itself") }
    @Test func exileProtecting() throws {
        try expectRefused("ask Little One protecting x", saying: "\"Little One\" is an exile; only protectors have a protecting answer yet — set its role first?")
    }
    @Test func selfIsNotAPart() throws { try expectRefused("add manager Self", saying: "Self is the calm") }

    @Test func aScriptStopsAtItsFirstError() throws {
        let box = try Sandbox()
        let r = try box.script("add manager A", "add manager B", "relate A protects Nobody", "add manager C")
        #expect(r.status == 1)
        #expect(r.stderr.contains("partsmap: line 3: no part or pattern named \"Nobody\""))
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\nB\n")
    }

    @Test func aFailingCommandExitsNonZero() throws {
        let box = try Sandbox()
        #expect(try box.run([box.map, "-c", "remove Nobody"]).status == 1)
    }

    @Test func commentsAndBlankLinesInScriptsAreSkipped() throws {
        let box = try Sandbox()
        let r = try box.script("# my first map", "", "add manager A   ", "   # indented comment")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\n")
    }
}
