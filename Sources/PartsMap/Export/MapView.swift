/// The slice of a map one diagram (or handout) shows: the whole map, one pattern with its
/// parts and what they protect, one part's neighbourhood, or the parts of one role.
/// Everything keeps the map's own order, so the same map gives the same diagram.
///
/// A view says what is in it rather than holding a copy: its parts, patterns, relations and
/// links are read from the map as they are asked for, so a view of a large map adds little
/// (the whole map: nothing; another view: two `EntitySet`s).
struct MapView {
    /// The map the view is of.
    let system: InnerSystem
    private let scope: Scope
    /// What the view is, for a title: `the pattern “Hot and cold”`; nil for the whole map.
    var caption: String?
    /// Said in the diagram when nothing is in view.
    var emptyNote: String?

    private enum Scope {
        case wholeMap
        case chosen(parts: EntitySet, patterns: EntitySet)
    }

    func shows(part id: EntityID) -> Bool {
        switch scope {
        case .wholeMap: true
        case .chosen(let parts, _): parts.contains(id)
        }
    }

    func shows(pattern id: EntityID) -> Bool {
        switch scope {
        case .wholeMap: true
        case .chosen(_, let patterns): patterns.contains(id)
        }
    }

    /// A relation is in view when both its parts (or, for `echoes`, both its patterns) are.
    func shows(_ relation: Relation) -> Bool {
        relation.kind.isBetweenPatterns ? shows(pattern: relation.from) && shows(pattern: relation.to)
            : shows(part: relation.from) && shows(part: relation.to)
    }

    /// A link is in view when its part and its pattern are.
    func shows(_ link: Link) -> Bool { shows(part: link.part) && shows(pattern: link.pattern) }

    /// The parts in view, in the map's order.
    var partIDs: some Collection<EntityID> { system.parts.keys.lazy.filter(shows(part:)) }

    /// The patterns in view, in the map's order.
    var patternIDs: some Collection<EntityID> { system.patterns.keys.lazy.filter(shows(pattern:)) }

    /// Relations whose two parts are both in view, with their reasons.
    var relations: some Collection<(relation: Relation, reason: String)> {
        system.relations.elements.lazy.filter { shows($0.key) }.map { (relation: $0.key, reason: $0.value) }
    }

    /// Links whose part and pattern are both in view.
    var links: some Collection<Link> { system.links.lazy.filter(shows) }

    var isEmpty: Bool {
        switch scope {
        case .wholeMap: system.parts.isEmpty && system.patterns.isEmpty
        case .chosen(let parts, let patterns): parts.isEmpty && patterns.isEmpty
        }
    }

    static func select(_ options: ExportOptions, in system: InnerSystem) throws(ExportError) -> MapView {
        var parts = EntitySet()
        var patterns = EntitySet()
        var wholeMap = false
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
            patterns.insert(id)
            var frontier: [EntityID] = []
            for link in system.links where link.pattern == id {
                if parts.insert(link.part) { frontier.append(link.part) }
            }
            // …and what those parts protect, all the way down: over a table of who protects whom built in one
            // pass, since scanning every relation for each part reached grew with parts × relations.
            var protected: [EntityID: [EntityID]] = [:]
            if !frontier.isEmpty {
                for relation in system.relations.keys where relation.kind == .protects { protected[relation.from, default: []].append(relation.to) }
            }
            while let from = frontier.popLast() {
                for to in protected[from] ?? [] where parts.insert(to) { frontier.append(to) }
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
            // Parts and patterns share one sequence of ids, so each id lands in one of the two sets.
            func see(_ entity: EntityID) -> Bool {
                system.parts[entity] != nil ? parts.insert(entity) : patterns.insert(entity)
            }
            _ = see(id)
            var frontier: [EntityID] = [id]
            let neighbours = options.depth > 0 ? Neighbours(system) : Neighbours()
            for _ in 0..<max(0, options.depth) {
                var next: [EntityID] = []
                for entity in frontier {
                    for neighbour in neighbours[entity] where see(neighbour) { next.append(neighbour) }
                }
                if next.isEmpty { break }
                frontier = next
            }
            let steps = options.depth == 1 ? "" : options.depth == 0 ? " on its own" : ", \(options.depth) steps out"
            caption = "around “\(system.parts[id]!.name)”\(steps)"
        } else {
            wholeMap = options.role == nil
            if system.parts.isEmpty && system.patterns.isEmpty {
                emptyNote = "Nothing is mapped yet."
            }
        }

        if let role = options.role {
            if options.pattern == nil, options.part == nil {
                for part in system.parts.values where part.role == role { parts.insert(part.id) }
                // The patterns these parts show up in belong with them.
                for link in system.links where parts.contains(link.part) { patterns.insert(link.pattern) }
            } else {
                for (id, part) in system.parts where part.role != role && id != centre { parts.remove(id) }
            }
            let words = role == .unknown ? "parts whose role is not yet clear" : role.plural
            caption = caption.map { "\($0) — \(words) only" } ?? words
            if parts.isEmpty, emptyNote == nil { emptyNote = "No \(words) in this map yet." }
        }

        return MapView(system: system, scope: wholeMap ? .wholeMap : .chosen(parts: parts, patterns: patterns),
                       caption: caption, emptyNote: emptyNote)
    }

    /// The parts and patterns one relation or link away from each part or pattern, gathered in one pass
    /// over relations and links: looking them up for every entity reached grew with parts × relations.
    /// A part's neighbours are parts (by any relation) and patterns (by links); a pattern's, its parts
    /// and the patterns it echoes or is echoed by.
    private struct Neighbours {
        private var table: [EntityID: [EntityID]] = [:]

        init() {}

        init(_ system: InnerSystem) {
            for relation in system.relations.keys {
                table[relation.from, default: []].append(relation.to)
                table[relation.to, default: []].append(relation.from)
            }
            for link in system.links {
                table[link.part, default: []].append(link.pattern)
                table[link.pattern, default: []].append(link.part)
            }
        }

        subscript(id: EntityID) -> [EntityID] { table[id] ?? [] }
    }
}
