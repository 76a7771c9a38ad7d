import OrderedCollections

/// The slice of a map one diagram (or handout) shows: the whole map, one pattern with its
/// parts and what they protect, one part's neighbourhood, or the parts of one role.
/// Everything keeps the map's own order, so the same map gives the same diagram.
struct MapView {
    var partIDs: OrderedSet<EntityID>
    var patternIDs: OrderedSet<EntityID>
    /// Relations whose two parts are both in view, with their reasons.
    var relations: [(relation: Relation, reason: String)]
    /// Links whose part and pattern are both in view.
    var links: [Link]
    /// What the view is, for a title: `the pattern “Hot and cold”`; nil for the whole map.
    var caption: String?
    /// Said in the diagram when nothing is in view.
    var emptyNote: String?

    var isEmpty: Bool { partIDs.isEmpty && patternIDs.isEmpty }

    static func select(_ options: ExportOptions, in system: InnerSystem) throws(ExportError) -> MapView {
        var parts = OrderedSet<EntityID>()
        var patterns = OrderedSet<EntityID>()
        var caption: String?
        var emptyNote: String?
        var centre: EntityID?

        if options.pattern != nil, options.part != nil { throw .conflictingViews }

        if let name = options.pattern {
            let id: EntityID
            switch system.entity(named: name) {
            case .pattern(let found): id = found
            case .part(let found): throw .notAPattern(system.parts[found]!.name)
            case nil: throw .noSuchPattern(name, suggestion: system.nearestName(to: name))
            }
            patterns.append(id)
            for link in system.links where link.pattern == id { parts.append(link.part) }
            // …and what those parts protect, all the way down.
            var frontier = Array(parts)
            while let from = frontier.popLast() {
                for relation in system.relations.keys where relation.kind == .protects && relation.from == from {
                    if parts.append(relation.to).inserted { frontier.append(relation.to) }
                }
            }
            let pattern = system.patterns[id]!
            caption = "the pattern “\(pattern.name)”" + (pattern.with.isEmpty ? "" : " with \(pattern.with)")
            if parts.isEmpty { emptyNote = "No parts are linked to this pattern yet." }
        } else if let name = options.part {
            let id: EntityID
            switch system.entity(named: name) {
            case .part(let found): id = found
            case .pattern(let found): throw .notAPart(system.patterns[found]!.name)
            case nil: throw .noSuchPart(name, suggestion: system.nearestName(to: name))
            }
            centre = id
            // Breadth-first over relations (either direction) and links, `depth` steps out.
            // Parts and patterns share one sequence of ids, so one set holds both.
            var seen: OrderedSet<EntityID> = [id]
            var frontier: [EntityID] = [id]
            for _ in 0..<max(0, options.depth) {
                var next: [EntityID] = []
                for entity in frontier {
                    for neighbour in neighbours(of: entity, in: system) where seen.append(neighbour).inserted {
                        next.append(neighbour)
                    }
                }
                if next.isEmpty { break }
                frontier = next
            }
            for entity in seen {
                if system.parts[entity] != nil { parts.append(entity) } else { patterns.append(entity) }
            }
            let steps = options.depth == 1 ? "" : options.depth == 0 ? " on its own" : ", \(options.depth) steps out"
            caption = "around “\(system.parts[id]!.name)”\(steps)"
        } else {
            parts = OrderedSet(system.parts.keys)
            patterns = OrderedSet(system.patterns.keys)
            if options.role != nil { patterns = [] }
            if system.parts.isEmpty && system.patterns.isEmpty {
                emptyNote = "Nothing is mapped yet."
            }
        }

        if let role = options.role {
            parts = parts.filter { system.parts[$0]!.role == role || $0 == centre }
            if options.pattern == nil, options.part == nil {
                // The patterns these parts show up in belong with them.
                for link in system.links where parts.contains(link.part) { patterns.append(link.pattern) }
            }
            let words = role == .unknown ? "parts whose role is not yet clear" : role.plural
            caption = caption.map { "\($0) — \(words) only" } ?? words
            if parts.isEmpty, emptyNote == nil { emptyNote = "No \(words) in this map yet." }
        }

        // Keep the map's order, whatever order they were found in.
        let partOrder = OrderedSet(system.parts.keys.filter { parts.contains($0) })
        let patternOrder = OrderedSet(system.patterns.keys.filter { patterns.contains($0) })
        let relations = system.relations.elements
            .filter { partOrder.contains($0.key.from) && partOrder.contains($0.key.to) }
            .map { (relation: $0.key, reason: $0.value) }
        let links = system.links.filter { partOrder.contains($0.part) && patternOrder.contains($0.pattern) }
        return MapView(partIDs: partOrder, patternIDs: patternOrder, relations: relations, links: Array(links),
                       caption: caption, emptyNote: emptyNote)
    }

    /// The parts and patterns one relation or link away from a part or pattern.
    private static func neighbours(of id: EntityID, in system: InnerSystem) -> [EntityID] {
        var result: [EntityID] = []
        if system.parts[id] != nil {
            for relation in system.relations.keys {
                if relation.from == id { result.append(relation.to) }
                if relation.to == id { result.append(relation.from) }
            }
            for link in system.links where link.part == id { result.append(link.pattern) }
        } else {
            for link in system.links where link.pattern == id { result.append(link.part) }
        }
        return result
    }
}
