import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// `compare`'s reading, matching and text, and the joint diagram, without the binary.
@Suite struct CompareUnitTests {
    static func map(_ lines: [String]) throws -> InnerSystem {
        var history = EditHistory()
        for line in lines { try history.record(Parser().parseJournalRecord(line), at: nil) }
        return history.system
    }

    static let maya = ["add firefighter The One Who Leaves", "add exile Too Much", "relate The One Who Leaves protects Too Much",
                       "add pattern Hot and cold with Sam", "link The One Who Leaves to Hot and cold", "ask Hot and cold hard I go quiet."]
    static let sam = ["add manager Pursuer", "add pattern HOT AND COLD with Maya", "add pattern Push and pull", "link Pursuer to HOT AND COLD"]

    @Test func theLineReads() throws {
        #expect(try Parser().parse("compare sam.parts") == .compare(map: "sam.parts", pattern: nil, otherName: nil))
        #expect(try Parser().parse("compare 'my maps/sam.parts' Hot and cold --as Push and pull")
            == .compare(map: "my maps/sam.parts", pattern: "Hot and cold", otherName: "Push and pull"))
        #expect(throws: ParseError.self) { try Parser().parse("compare") }
        #expect(throws: ParseError.self) { try Parser().parse("compare sam.parts --as x") }
    }

    @Test func patternsMatchByNameRegardlessOfCaseOrByAs() throws {
        let (this, other) = (try Self.map(Self.maya), try Self.map(Self.sam))
        let all = try CompareText.pairs(this: this, other: other, pattern: nil, otherName: nil, otherMap: "sam")
        #expect(all == [.init(this: this.pattern(named: "Hot and cold")!.id, other: other.pattern(named: "hot and cold")!.id)])
        let renamed = try CompareText.pairs(this: this, other: other, pattern: "hot and cold", otherName: "push AND pull", otherMap: "sam")
        #expect(renamed.first?.other == other.pattern(named: "Push and pull")!.id)
        #expect(throws: CompareError.self) { try CompareText.pairs(this: this, other: other, pattern: "Hot and cold", otherName: "Push", otherMap: "sam") }
        #expect(throws: MapError.notAPattern("Too Much")) { try CompareText.pairs(this: this, other: other, pattern: "too much", otherName: nil, otherMap: "sam") }
    }

    @Test func sideBySideWhenWideOneAfterTheOtherWhenNot() throws {
        let (this, other) = (try Self.map(Self.maya), try Self.map(Self.sam))
        let pairs = try CompareText.pairs(this: this, other: other, pattern: nil, otherName: nil, otherMap: "sam")
        let wide = CompareText.render(pairs, names: ("maya", "sam"), this: this, other: other, width: 120)
        #expect(wide.contains("In \"maya\": Hot and cold"))
        let row = try #require(wide.split(separator: "\n").first { $0.hasPrefix("With: Sam") })
        #expect(row.contains(" │ With: Maya"))
        #expect(wide.split(separator: "\n").allSatisfy { $0.count <= 120 })
        let narrow = CompareText.render(pairs, names: ("maya", "sam"), this: this, other: other, width: 80)
        #expect(!narrow.contains("│"))
        #expect(narrow.contains("No parts are linked") == false && narrow.contains("Pursuer (manager)"))
        #expect(CompareText.wrap("  a long line of words to be wrapped", 12).allSatisfy { $0.count <= 12 })
    }

    @Test func theJointDiagramIsAsRecorded() throws {
        let this = try ExportFixtures.richMap()
        let other = try Self.map(Self.sam + ["add exile \"Left \\\"Behind\\\"\"", "relate Pursuer protects \"Left \\\"Behind\\\"\""])
        let dot = JointDiagram.dot(.init(system: this, mapName: "Maya's map", pattern: this.pattern(named: "Hot and cold")!),
                                   .init(system: other, mapName: "Sam's map", pattern: other.pattern(named: "hot and cold")!))
        try ExportFixtures.checkGolden(dot, "example-both.dot")
    }

    @Test(.requires("dot")) func theJointDiagramIsValidForAnyNames() throws {
        var rng = SeededGenerator.replayable(0x2_5700)
        for round in 0..<20 {
            var sides: [InnerSystem] = []
            let shared = NastyText.name(&rng)
            for _ in 0..<2 {
                var system = InnerSystem()
                try system.apply(.addPattern(name: shared, with: NastyText.make(&rng)), at: nil)
                var names: [String] = []
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    let name = NastyText.name(&rng)
                    if (try? system.apply(.addPart(name: name, role: Role.allCases.randomElement(using: &rng)!), at: nil)) != nil { names.append(name) }
                }
                for name in names where Bool.random(using: &rng) { _ = try? system.apply(.link(part: name, pattern: shared), at: nil) }
                for _ in 0..<names.count {
                    _ = try? system.apply(.relate(from: names.randomElement(using: &rng)!, kind: .protects, to: names.randomElement(using: &rng)!, reason: ""), at: nil)
                }
                sides.append(system)
            }
            let dot = JointDiagram.dot(.init(system: sides[0], mapName: NastyText.make(&rng), pattern: sides[0].pattern(named: shared)!),
                                       .init(system: sides[1], mapName: NastyText.make(&rng), pattern: sides[1].pattern(named: shared)!))
            let finished = try Graphviz.run(arguments: ["-Tsvg"], input: Array(dot.utf8), searchPath: nil)
            #expect(finished.status == 0, "round \(round): \(String(decoding: finished.stderr, as: UTF8.self))\n\(dot)")
        }
    }

    @Test func tabCompletesFilesForCompareAndWith() throws {
        let folder = NSTemporaryDirectory() + "partsmap-compare-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/sam.parts", contents: Data())
        let system = try Self.map(Self.maya)
        #expect(Completer.complete("compare \(folder)/s", in: system).candidates == ["\(folder)/sam.parts"])
        #expect(Completer.complete("export svg --with \(folder)/s", in: system).candidates == ["\(folder)/sam.parts"])
        #expect(Completer.complete("compare \(folder)/sam.parts Hot", in: system).candidates == ["\"Hot and cold\""])
    }
}
