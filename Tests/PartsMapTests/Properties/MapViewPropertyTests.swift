import Testing
@testable import PartsMap
import TestSupport

/// The views that walk a map from one place (`--pattern`, `--part … --depth N`) hold the parts and
/// patterns their definition gives, on random maps with deep protection chains, cycles and gaps
/// in the ids (parts removed): the walks go over neighbour tables built once, and this holds them to the plain
/// definition, written here as directly as it reads. So does `show`'s list of each part's ties.
struct MapViewPropertyTests {
    static func randomMap(seed: UInt64) -> (system: InnerSystem, parts: [String], patterns: [String]) {
        var rng = SeededGenerator(seed: seed)
        var system = InnerSystem()
        let parts = (0..<Int.random(in: 1...40, using: &rng)).map { "Part \($0)" }
        let patterns = (0..<Int.random(in: 1...8, using: &rng)).map { "Pattern \($0)" }
        for name in parts { _ = try? system.apply(.addPart(name: name, role: Role.allCases.randomElement(using: &rng)!), at: nil) }
        for name in patterns { _ = try? system.apply(.addPattern(name: name, with: ""), at: nil) }
        for _ in 0..<Int.random(in: 0...(parts.count * 2), using: &rng) {
            let kind = [RelationKind.protects, .protects, .polarized, .allied].randomElement(using: &rng)!
            _ = try? system.apply(.relate(from: parts.randomElement(using: &rng)!, kind: kind, to: parts.randomElement(using: &rng)!, reason: ""), at: nil)
        }
        for _ in 0..<Int.random(in: 0...patterns.count, using: &rng) {
            _ = try? system.apply(.relate(from: patterns.randomElement(using: &rng)!, kind: .echoes,
                                          to: patterns.randomElement(using: &rng)!, reason: ""), at: nil)
        }
        for _ in 0..<Int.random(in: 0...parts.count, using: &rng) {
            _ = try? system.apply(.link(part: parts.randomElement(using: &rng)!, pattern: patterns.randomElement(using: &rng)!), at: nil)
        }
        // A few parts removed, with their relations and links, leaving gaps in the ids (one part always stays).
        var kept = parts
        for _ in 0..<Int.random(in: 0...(parts.count / 4), using: &rng) where kept.count > 1 {
            let gone = kept.remove(at: Int.random(in: 0..<kept.count, using: &rng))
            _ = try? system.apply(.remove(name: gone), at: nil)
        }
        return (system, kept, patterns)
    }

    static func shown(_ view: MapView) -> Set<EntityID> { Set(view.partIDs).union(view.patternIDs) }

    @Test(arguments: 0..<300 as Range<UInt64>)
    func aPatternViewHoldsItsPartsAndAllTheyProtect(seed: UInt64) throws {
        let (system, _, patterns) = Self.randomMap(seed: seed)
        var options = ExportOptions()
        options.pattern = patterns[Int(seed) % patterns.count]
        guard case .pattern(let id) = system.entity(named: options.pattern!) else { Issue.record("no pattern"); return }
        // The pattern, its linked parts, and whatever those protect, to any depth.
        var expected: Set<EntityID> = [id]
        var changed = true
        for link in system.links where link.pattern == id { expected.insert(link.part) }
        while changed {
            changed = false
            for (relation, _) in system.relations where relation.kind == .protects && expected.contains(relation.from) {
                if expected.insert(relation.to).inserted { changed = true }
            }
        }
        #expect(Self.shown(try MapView.select(options, in: system)) == expected, "seed \(seed)")
    }

    @Test(arguments: 0..<300 as Range<UInt64>)
    func aPartViewHoldsWhatIsWithinItsDepth(seed: UInt64) throws {
        let (system, parts, _) = Self.randomMap(seed: seed)
        var options = ExportOptions()
        options.part = parts[Int(seed) % parts.count]
        options.depth = Int(seed % 5)
        guard case .part(let id) = system.entity(named: options.part!) else { Issue.record("no part"); return }
        // Everything joined to something already in, by a relation or a link, `depth` times over.
        var expected: Set<EntityID> = [id]
        for _ in 0..<options.depth {
            var next = expected
            for (relation, _) in system.relations where expected.contains(relation.from) || expected.contains(relation.to) {
                next.formUnion([relation.from, relation.to])
            }
            for link in system.links where expected.contains(link.part) || expected.contains(link.pattern) {
                next.formUnion([link.part, link.pattern])
            }
            expected = next
        }
        #expect(Self.shown(try MapView.select(options, in: system)) == expected, "seed \(seed)")
    }

    /// `show` gathers every part's ties in one pass into arrays by id; each part's line holds what the
    /// relations say, in their order, read plainly.
    @Test(arguments: 0..<200 as Range<UInt64>)
    func theOverviewListsEachPartsTies(seed: UInt64) {
        let (system, _, _) = Self.randomMap(seed: seed)
        let lines = Set(MapText.overview(system, mapName: "m").text.split(separator: "\n").map(String.init))
        for part in system.parts.values {
            func others(_ kind: RelationKind) -> [String] {
                system.relations.keys.compactMap { relation -> String? in
                    guard relation.kind == kind else { return nil }
                    if relation.from == part.id { return system.parts[relation.to]!.name }
                    if kind != .protects, relation.to == part.id { return system.parts[relation.from]!.name }
                    return nil
                }
            }
            var bits: [String] = []
            if !others(.protects).isEmpty { bits.append("protects " + others(.protects).joined(separator: ", ")) }
            for kind in [RelationKind.polarized, .allied] where !others(kind).isEmpty {
                bits.append("\(kind.rawValue) with " + others(kind).joined(separator: ", "))
            }
            let line = "  \(part.name)" + (bits.isEmpty ? "" : " — " + bits.joined(separator: "; "))
            #expect(lines.contains(line), "seed \(seed): \(line)")
        }
        // Each pattern's line names its parts (by link) and the patterns it echoes, in order.
        for pattern in system.patterns.values {
            let parts = system.links.filter { $0.pattern == pattern.id }.map { system.parts[$0.part]!.name }
            let older = system.relations.keys.filter { $0.kind == .echoes && $0.from == pattern.id }.map { system.patterns[$0.to]!.name }
            let line = "  \(pattern.name)" + (parts.isEmpty ? "" : " — " + parts.joined(separator: ", "))
                + (older.isEmpty ? "" : " (echoes \(older.joined(separator: ", ")))")
            #expect(lines.contains(line), "seed \(seed): \(line)")
        }
    }
}
