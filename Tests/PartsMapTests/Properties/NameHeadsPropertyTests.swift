import Testing
@testable import PartsMap
import TestSupport

/// Tab's name scan reads each name's head (the first eight bytes of its key) before the name. On random
/// histories of adding, renaming, removing, undoing and redoing — awkward names, letters that fold to other
/// lengths, prefixes shorter and longer than a head — the scan finds exactly what matching every name's
/// whole key finds, the heads stay in step with the names, and the names Tab offers are distinct.
struct NameHeadsPropertyTests {
    static let folding = ["İstanbul", "STRASSE", "straße", "ǅemal", "ΣΟΦΙΑ", "Ångström", "ﬁnder", "Inner Critic", "inner child", "Innocence"]

    static func name(_ rng: inout SeededGenerator) -> String {
        Int.random(in: 0..<3, using: &rng) == 0 ? NastyText.name(&rng)
            : folding.randomElement(using: &rng)! + (Bool.random(using: &rng) ? " \(Int.random(in: 1...30, using: &rng))" : "")
    }

    /// Prefixes a person might type: of a name in the map, cut anywhere and cased any way, or anything.
    static func prefixes(_ system: InnerSystem, _ rng: inout SeededGenerator) -> [String] {
        var found = ["", " ", "i", "I", "in", "Inner ", "inner c", "İ", "s", "STRAS", "straß", "Σ", "σοφ"]
        for _ in 0..<6 {
            guard let whole = system.allNames.randomElement(using: &rng) else { break }
            let cut = String(whole.prefix(Int.random(in: 0...whole.count, using: &rng)))
            found.append(Bool.random(using: &rng) ? cut.uppercased() : cut.lowercased())
            found.append(cut)
        }
        found.append(NastyText.make(&rng, maxPieces: 2))
        return found
    }

    /// What the scan should find: every name whose whole key starts with the wanted key.
    static func expected(_ prefix: String, in system: InnerSystem) -> [String] {
        let wanted = InnerSystem.key(prefix) + (prefix.last == " " && !prefix.allSatisfy { $0 == " " } ? " " : "")
        return system.allNames.filter { InnerSystem.key($0).utf8.starts(with: wanted.utf8) }
    }

    @Test(arguments: 0..<120 as Range<UInt64>)
    func theHeadsFindWhatTheWholeNamesFind(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var history = EditHistory()
        for step in 0..<60 {
            let names = history.system.allNames
            let record: JournalRecord
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<3: record = .change(.addPart(name: Self.name(&rng), role: .manager))
            case 3: record = .change(.addPattern(name: Self.name(&rng), with: ""))
            case 4...5 where !names.isEmpty: record = .change(.rename(name: names.randomElement(using: &rng)!, to: Self.name(&rng)))
            case 6 where !names.isEmpty: record = .change(.remove(name: names.randomElement(using: &rng)!))
            case 7, 8: record = .undo
            default: record = .redo
            }
            _ = try? history.record(record, at: nil)
            #expect(history.system.nameHeadsInStep, "seed \(seed), step \(step)")
            // Tab is told a map's names never come twice, and skips checking: they must not.
            let offered = Completer.complete("show ", in: history.system)
            #expect(offered.distinct && Set(offered.candidates).count == offered.candidates.count, "seed \(seed), step \(step)")
            for prefix in Self.prefixes(history.system, &rng) {
                let found = history.system.names(startingWith: prefix)
                #expect(found == Self.expected(prefix, in: history.system), "seed \(seed), step \(step), prefix \(prefix.debugDescription)")
            }
        }
    }
}
