import OrderedCollections

/// What to mark as new in a diagram (for `export … --since SESSION`, a later issue): the
/// writers already draw these with a heavy outline and a legend entry.
struct DiagramHighlight: Equatable, Sendable {
    var parts: Set<EntityID> = []
    var patterns: Set<EntityID> = []
    var relations: Set<Relation> = []
    var links: Set<Link> = []
    /// How the legend names what is highlighted, e.g. `new since session 3`.
    var legendText = "new"

    static let none = DiagramHighlight()
    var isEmpty: Bool { parts.isEmpty && patterns.isEmpty && relations.isEmpty && links.isEmpty }
}

/// A diagram, independent of how it is written (DOT or Mermaid): its nodes with generated ids,
/// the groups of patterns per person, its edges and its legend. All text in here is the
/// person's own words or partsmap's fixed wording, not yet escaped for any format.
struct Diagram {
    enum NodeKind: Equatable { case part(Role), pattern, selfNode }

    struct Node {
        /// A generated id, `p1`, `pat3`, `self`: never user text.
        var id: String
        var kind: NodeKind
        var label: String
        var about: About
        var isNew = false

        /// What hovering shows: worked out when a writer asks, not kept (a large map has a long
        /// tooltip for every node, and a writer needs one at a time).
        var tooltip: String {
            switch about {
            case .text(let text): text
            case .part(let part): Diagram.tooltip(for: part)
            case .pattern(let pattern): Diagram.tooltip(for: pattern)
            }
        }
    }

    /// What a node's tooltip tells of: the part or pattern itself (sharing the map's storage).
    enum About {
        case text(String)
        case part(Part)
        case pattern(Pattern)
    }

    /// The patterns that happen with one person.
    struct Group {
        var number: Int
        var label: String
        var tooltip: String
        var nodes: [Node]
    }

    enum EdgeKind: Equatable { case relation(RelationKind), link }

    struct Edge {
        var from: String
        var to: String
        var kind: EdgeKind
        /// The names at either end (part, then part or pattern).
        var names: (from: String, to: String)
        /// The protecting answer a `protects` line carries ("" for none).
        var answer = ""
        var isNew = false

        /// A short glance at the protecting answer, shown on the line.
        var label: String? { answer.isEmpty ? nil : ExportText.glance(answer, limit: Diagram.edgeLabelLimit) }

        /// What hovering shows, worked out when a writer asks (like a node's).
        var tooltip: String {
            switch kind {
            case .relation(let relation):
                let sentence = ExportText.sentence(relation, names.from, names.to)
                return answer.isEmpty ? sentence : "\(sentence)\n\(Question.protecting.wording)\n\(answer)"
            case .link:
                return "\(names.from) shows up in “\(names.to)”"
            }
        }
    }

    enum LegendItem: Equatable {
        case role(Role), selfNode, pattern, relation(RelationKind), link, new(String)
    }

    /// The map's name; `subtitle` says which view and the date.
    var title: String
    var subtitle: String
    var selfNode: Node?
    var parts: [Node]
    /// Patterns with nobody named, outside any group.
    var loosePatterns: [Node]
    var groups: [Group]
    var edges: [Edge]
    /// What Self is kept above (an invisible edge each): the patterns, and the parts that
    /// neither a pattern nor a protector places; those go a row further down when there are
    /// patterns, so parts stay below the patterns they show up in.
    var selfAnchors: [(id: String, minlen: Int)]
    /// The nodes nothing hangs below: the legend goes under them.
    var sinks: [String]
    var emptyNote: String?
    /// Empty when there is no legend.
    var legend: [LegendItem]

    static let labelWidth = 16
    static let edgeLabelLimit = 34

    static func partID(_ id: EntityID) -> String { "p\(id)" }
    static func patternID(_ id: EntityID) -> String { "pat\(id)" }
    static let selfID = "self"

    init(system: InnerSystem, view: MapView, options: ExportOptions, context: ExportContext,
         highlight: DiagramHighlight = .none) {
        let mapName = context.mapName.isEmpty ? "Inner system map" : context.mapName
        title = mapName
        subtitle = [view.caption, context.date.isEmpty ? nil : context.date].compactMap { $0 }.joined(separator: " · ")
        emptyNote = view.emptyNote

        selfNode = options.showSelf
            ? Node(id: Diagram.selfID, kind: .selfNode, label: "Self",
                   about: .text("Self — not a part: the calm, curious, compassionate centre the parts can turn to"))
            : nil

        // In the map's order, except that a part's polarized and allied partners follow it:
        // those lines do not steer the layout (`constraint=false`), but dot keeps nodes near
        // where they are first written, so the partners end up side by side.
        // Each part's partners in the order of the relations (one pass, not one per part).
        var partners: [EntityID: [EntityID]] = [:]
        for (relation, _) in view.relations where relation.kind.isSymmetric {
            partners[relation.from, default: []].append(relation.to)
            partners[relation.to, default: []].append(relation.from)
        }
        var order: OrderedSet<EntityID> = []
        order.reserveCapacity(view.partIDs.count)
        for id in view.partIDs where order.append(id).inserted {
            for partner in partners[id] ?? [] { order.append(partner) }
        }
        parts = order.map { id in
            let part = system.parts[id]!
            return Node(id: Diagram.partID(id), kind: .part(part.role), label: part.name,
                        about: .part(part), isNew: highlight.parts.contains(id))
        }

        var loose: [Node] = []
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        for id in view.patternIDs {
            let pattern = system.patterns[id]!
            let node = Node(id: Diagram.patternID(id), kind: .pattern, label: pattern.name,
                            about: .pattern(pattern), isNew: highlight.patterns.contains(id))
            let person = InnerSystem.normalized(pattern.with)
            if person.isEmpty {
                loose.append(node)
            } else if let index = groupIndex[person.lowercased()] {
                groups[index].nodes.append(node)
            } else {
                groupIndex[person.lowercased()] = groups.count
                groups.append(Group(number: groups.count + 1, label: "with \(person)",
                                    tooltip: "Patterns with \(person)", nodes: [node]))
            }
        }
        loosePatterns = loose
        self.groups = groups

        var edges: [Edge] = []
        edges.reserveCapacity(view.relations.count + view.links.count)
        var protected = Set<EntityID>()
        for (relation, reason) in view.relations {
            let from = system.parts[relation.from]!, to = system.parts[relation.to]!
            var answer = ""
            if relation.kind == .protects {
                protected.insert(relation.to)
                // The reason kept on this link, or else the part's latest protecting answer.
                answer = reason.isEmpty ? from.answers.last(where: { $0.question == .protecting })?.text ?? "" : reason
            }
            edges.append(Edge(from: Diagram.partID(relation.from), to: Diagram.partID(relation.to),
                              kind: .relation(relation.kind), names: (from.name, to.name), answer: answer,
                              isNew: highlight.relations.contains(relation)))
        }
        for link in view.links {
            let part = system.parts[link.part]!, pattern = system.patterns[link.pattern]!
            edges.append(Edge(from: Diagram.partID(link.part), to: Diagram.patternID(link.pattern), kind: .link,
                              names: (part.name, pattern.name), isNew: highlight.links.contains(link)))
        }
        self.edges = edges

        let linked = Set(view.links.map(\.part))
        let protects = Set(view.relations.filter { $0.relation.kind == .protects }.map(\.relation.from))
        let roots = view.partIDs.filter { !protected.contains($0) && !linked.contains($0) }
        var anchors: [(id: String, minlen: Int)] = []
        if options.showSelf {
            let rowBelow = view.patternIDs.isEmpty ? 1 : 2
            anchors = view.patternIDs.map { (Diagram.patternID($0), 1) } + roots.map { (Diagram.partID($0), rowBelow) }
            if anchors.isEmpty, let first = view.partIDs.first { anchors = [(Diagram.partID(first), 1)] }
        }
        selfAnchors = anchors
        let patternsWithParts = Set(view.links.map(\.pattern))
        sinks = view.partIDs.filter { !protects.contains($0) }.map(Diagram.partID)
            + view.patternIDs.filter { !patternsWithParts.contains($0) }.map(Diagram.patternID)

        var legend: [LegendItem] = []
        if options.legend, !view.isEmpty {
            let roles = Set(view.partIDs.map { system.parts[$0]!.role })
            if options.showSelf { legend.append(.selfNode) }
            for role in Role.allCases where roles.contains(role) { legend.append(.role(role)) }
            if !view.patternIDs.isEmpty { legend.append(.pattern) }
            let kinds = Set(view.relations.map(\.relation.kind))
            for kind in RelationKind.allCases where kinds.contains(kind) { legend.append(.relation(kind)) }
            if !view.links.isEmpty { legend.append(.link) }
            if parts.contains(where: \.isNew) || loose.contains(where: \.isNew)
                || groups.contains(where: { $0.nodes.contains(where: \.isNew) }) || edges.contains(where: \.isNew) {
                legend.append(.new(highlight.legendText))
            }
        }
        self.legend = legend
    }

    /// What hovering over a part shows: its role, fields and the answers that have no field of
    /// their own, each dated.
    static func tooltip(for part: Part) -> String {
        // Line by line into one string (a large map has a tooltip for every part).
        var text = part.name
        text += " — "
        text += ExportText.roleWord(part.role)
        for field in PartField.allCases {
            if let value = part.fields[field], !value.isEmpty {
                text += "\n"
                text += field.title
                text += ": "
                text += value
            }
        }
        for answer in part.answers where answer.question.fillsField == nil {
            text += "\n\n"
            text += answer.question.wording
            if let date = ExportText.date(answer.at) {
                text += " ("
                text += date
                text += ")"
            }
            text += "\n"
            text += answer.text
        }
        return text
    }

    static func tooltip(for pattern: Pattern) -> String {
        var lines = [pattern.name + (pattern.with.isEmpty ? "" : " — with \(pattern.with)")]
        if !pattern.description.isEmpty { lines.append(pattern.description) }
        for answer in pattern.answers {
            lines.append("")
            lines.append(answer.question.wording + (ExportText.date(answer.at).map { " (\($0))" } ?? ""))
            lines.append(answer.text)
        }
        return lines.joined(separator: "\n")
    }

    /// Every node, in the order the writers emit them.
    var allNodes: [Node] {
        (selfNode.map { [$0] } ?? []) + parts + loosePatterns + groups.flatMap(\.nodes)
    }
}
