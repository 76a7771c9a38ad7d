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
///
/// Nodes and edges are not kept: each is worked out from the map when a writer comes to it, so
/// writing the diagram of a large map takes little memory beyond the map's own. What is kept is
/// small: the titles and legend, the patterns grouped by person (one id each) and the
/// `DiagramPlacement`.
struct Diagram {
    enum NodeKind: Equatable { case part(Role), pattern, selfNode }

    struct Node {
        /// A generated id, `p1`, `pat3`, `self`: never user text.
        var id: String
        var kind: NodeKind
        var label: String
        var about: About
        var isNew = false
        /// A second line under the name: the latest check-in (`7/10 · blended`), the latest step.
        var marks: String?
        /// The outline's weight for its latest activation or Self-energy (nil: the role's own).
        var weight: String?
        /// A step of healing was taken: a second outline.
        var stepped = false

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
        var patternIDs: [EntityID]
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
        /// The note an `echoes` line carries (its `because`; "" for none), shown on hovering.
        var note = ""
        var isNew = false

        /// A short glance at the protecting answer, shown on the line.
        var label: String? { answer.isEmpty ? nil : ExportText.glance(answer, limit: Diagram.edgeLabelLimit) }

        /// What hovering shows, worked out when a writer asks (like a node's).
        var tooltip: String {
            switch kind {
            case .relation(let relation):
                let sentence = ExportText.sentence(relation, names.from, names.to)
                if !note.isEmpty { return "\(sentence)\n\(note)" }
                return answer.isEmpty ? sentence : "\(sentence)\n\(Question.protecting.wording)\n\(answer)"
            case .link:
                return "\(names.from) shows up in “\(names.to)”"
            }
        }
    }

    enum LegendItem: Equatable {
        case role(Role), selfNode, pattern, relation(RelationKind), link, new(String)
        /// Outline weight = latest activation (or Self-energy); a second outline = a step taken.
        case activation, step
    }

    /// The map's name; `subtitle` says which view and the date.
    var title: String
    var subtitle: String
    var selfNode: Node?
    /// Patterns with nobody named, outside any group.
    var loosePatternIDs: [EntityID]
    var groups: [Group]
    var emptyNote: String?
    /// Empty when there is no legend.
    var legend: [LegendItem]

    private let view: MapView
    private var system: InnerSystem { view.system }
    private let highlight: DiagramHighlight
    private let placement: DiagramPlacement
    /// The part Self is kept above when no pattern and no root part is in view.
    private let fallbackAnchor: EntityID?
    private let showActivation: Bool

    static let labelWidth = 16
    static let edgeLabelLimit = 34

    static func partID(_ id: EntityID) -> String { "p\(id)" }
    static func patternID(_ id: EntityID) -> String { "pat\(id)" }
    static let selfID = "self"

    init(view: MapView, options: ExportOptions, context: ExportContext, highlight: DiagramHighlight = .none) {
        self.view = view
        self.highlight = highlight
        showActivation = options.showActivation
        let mapName = context.mapName.isEmpty ? "Inner system map" : context.mapName
        title = mapName
        subtitle = [view.caption, context.date.isEmpty ? nil : context.date].compactMap { $0 }.joined(separator: " · ")
        emptyNote = view.emptyNote

        selfNode = options.showSelf
            ? Node(id: Diagram.selfID, kind: .selfNode, label: "Self",
                   about: .text("Self — not a part: the calm, curious, compassionate centre the parts can turn to"))
            : nil
        if options.showActivation, let energy = view.system.selfReadings.last(where: { $0.energy != nil })?.energy {
            selfNode?.marks = "\(energy)/10"
            selfNode?.weight = Diagram.weight(energy)
        }

        var loose: [EntityID] = []
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        for id in view.patternIDs {
            let person = InnerSystem.normalized(view.system.patterns[id]!.with)
            if person.isEmpty {
                loose.append(id)
            } else if let index = groupIndex[person.lowercased()] {
                groups[index].patternIDs.append(id)
            } else {
                groupIndex[person.lowercased()] = groups.count
                groups.append(Group(number: groups.count + 1, label: "with \(person)",
                                    tooltip: "Patterns with \(person)", patternIDs: [id]))
            }
        }
        loosePatternIDs = loose
        self.groups = groups

        let placement = DiagramPlacement(view)
        self.placement = placement
        let hasPatterns = !loose.isEmpty || !groups.isEmpty
        fallbackAnchor = options.showSelf && !hasPatterns && !view.partIDs.contains(where: placement.isRoot)
            ? view.partIDs.first : nil

        var legend: [LegendItem] = []
        if options.legend, !view.isEmpty {
            var roles = Set<Role>()
            for id in view.partIDs {
                roles.insert(view.system.parts[id]!.role)
                if roles.count == Role.allCases.count { break }
            }
            if options.showSelf { legend.append(.selfNode) }
            for role in Role.allCases where roles.contains(role) { legend.append(.role(role)) }
            if hasPatterns { legend.append(.pattern) }
            for kind in RelationKind.allCases where placement.hasRelations(kind) { legend.append(.relation(kind)) }
            if placement.linkCount > 0 { legend.append(.link) }
            if Diagram.marksAnything(highlight, in: view) { legend.append(.new(highlight.legendText)) }
            if options.showActivation {
                let parts = view.partIDs.lazy.map { view.system.parts[$0]! }
                if parts.contains(where: { !$0.checkins.isEmpty }) || selfNode?.weight != nil { legend.append(.activation) }
                if parts.contains(where: { !$0.steps.isEmpty }) { legend.append(.step) }
            }
        }
        self.legend = legend
    }

    /// Whether any node or edge in view is highlighted.
    private static func marksAnything(_ highlight: DiagramHighlight, in view: MapView) -> Bool {
        let system = view.system
        return highlight.parts.contains { system.parts[$0] != nil && view.shows(part: $0) }
            || highlight.patterns.contains { system.patterns[$0] != nil && view.shows(pattern: $0) }
            || highlight.relations.contains { system.relations.contains($0) && view.shows($0) }
            || highlight.links.contains { system.links.contains($0) && view.shows($0) }
    }

    /// The parts, in the map's order except that each part's polarized and allied partners
    /// follow it (`DiagramPlacement.partOrder`).
    var parts: some Sequence<Node> { placement.partOrder(view.partIDs).lazy.map(partNode) }

    var loosePatterns: some Sequence<Node> { loosePatternIDs.lazy.map(patternNode) }

    func nodes(in group: Group) -> some Sequence<Node> { group.patternIDs.lazy.map(patternNode) }

    /// The relations in view, in the map's order.
    var relationEdges: some Sequence<Edge> { view.relations.lazy.map { relationEdge($0.relation, reason: $0.reason) } }

    /// The links in view, in the map's order.
    var linkEdges: some Sequence<Edge> { view.links.lazy.map(linkEdge) }

    /// Relations, then links.
    var edges: some Sequence<Edge> { Chain(first: relationEdges, second: linkEdges) }

    /// What Self is kept above (an invisible edge each, drawn only with Self): the patterns, and
    /// the parts that neither a pattern nor a protector places; those go a row further down when
    /// there are patterns, so parts stay below the patterns they show up in.
    var selfAnchors: some Sequence<(id: String, minlen: Int)> {
        let rowBelow = loosePatternIDs.isEmpty && groups.isEmpty ? 1 : 2
        return Chain(first: view.patternIDs.lazy.map { (id: Diagram.patternID($0), minlen: 1) },
                     second: view.partIDs.lazy.filter { placement.isRoot($0) || $0 == fallbackAnchor }
                         .map { (id: Diagram.partID($0), minlen: rowBelow) })
    }

    /// The nodes nothing hangs below: the legend goes under them.
    var sinks: some Sequence<String> {
        Chain(first: view.partIDs.lazy.filter { !placement.protectors.contains($0) }.map(Diagram.partID),
              second: view.patternIDs.lazy.filter { !placement.patternsWithParts.contains($0) }.map(Diagram.patternID))
    }

    /// How many parts and edges it has (to size a buffer for the whole of it).
    var partAndEdgeCount: Int { view.partIDs.count + placement.relationCount + placement.linkCount }

    /// Every node, in the order the writers emit them, collected (for looking at a small map).
    var allNodes: [Node] {
        (selfNode.map { [$0] } ?? []) + Array(parts) + Array(loosePatterns) + groups.flatMap(nodes(in:))
    }

    private func partNode(_ id: EntityID) -> Node {
        let part = system.parts[id]!
        var node = Node(id: Diagram.partID(id), kind: .part(part.role), label: part.name,
                        about: .part(part), isNew: highlight.parts.contains(id))
        if showActivation, !(part.checkins.isEmpty && part.steps.isEmpty) {
            var marks: [String] = []
            if let latest = part.checkins.last {
                marks.append("\(latest.level)/10" + (latest.blended ? " · blended" : ""))
                node.weight = Diagram.weight(latest.level)
            }
            if let step = part.steps.last {
                marks.append(step.step.rawValue)
                node.stepped = true
            }
            node.marks = marks.joined(separator: " · ")
        }
        return node
    }

    /// An outline from 1 (0/10) to 5 points (10/10): heavier where more is here.
    static func weight(_ level: Int) -> String {
        let tenths = 10 + min(max(level, 0), 10) * 4
        return "\(tenths / 10).\(tenths % 10)"
    }

    private func patternNode(_ id: EntityID) -> Node {
        let pattern = system.patterns[id]!
        return Node(id: Diagram.patternID(id), kind: .pattern, label: pattern.name,
                    about: .pattern(pattern), isNew: highlight.patterns.contains(id))
    }

    private func relationEdge(_ relation: Relation, reason: String) -> Edge {
        if relation.kind.isBetweenPatterns {
            // Between two pattern notes, across the clusters of the people they happen with.
            let from = system.patterns[relation.from]!, to = system.patterns[relation.to]!
            return Edge(from: Diagram.patternID(relation.from), to: Diagram.patternID(relation.to), kind: .relation(relation.kind),
                        names: (from.name, to.name), note: reason, isNew: highlight.relations.contains(relation))
        }
        // Names and the answer read in place: `parts[id]!` copies a whole part, twice an edge.
        var answer = ""
        if relation.kind == .protects {
            // The reason kept on this link, or else the part's latest protecting answer.
            answer = reason.isEmpty ? system.readPart(relation.from) { $0.pointee.answers.last(where: { $0.question == .protecting })?.text } ?? "" : reason
        }
        return Edge(from: Diagram.partID(relation.from), to: Diagram.partID(relation.to), kind: .relation(relation.kind),
                    names: (system.name(of: .part(relation.from)), system.name(of: .part(relation.to))), answer: answer,
                    isNew: highlight.relations.contains(relation))
    }

    private func linkEdge(_ link: Link) -> Edge {
        Edge(from: Diagram.partID(link.part), to: Diagram.patternID(link.pattern), kind: .link,
             names: (system.name(of: .part(link.part)), system.name(of: .pattern(link.pattern))), isNew: highlight.links.contains(link))
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
        if let latest = part.checkins.last {
            text += "\n\nLatest check-in"
            if let date = ExportText.date(latest.at) { text += " (\(date))" }
            text += ": \(latest.level)/10\(latest.blended ? ", blended" : "")"
            if !latest.text.isEmpty { text += " — set off by " + latest.text }
        }
        for step in part.steps {
            text += "\n" + step.step.rawValue.prefix(1).uppercased() + step.step.rawValue.dropFirst()
            if let date = ExportText.date(step.at) { text += " (\(date))" }
            if !step.text.isEmpty { text += ": " + step.text }
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
}

/// One sequence, then another, read as they go.
private struct Chain<First: Sequence, Second: Sequence>: Sequence where First.Element == Second.Element {
    var first: First
    var second: Second

    struct Iterator: IteratorProtocol {
        var first: First.Iterator
        var second: Second.Iterator
        var firstDone = false

        mutating func next() -> First.Element? {
            if !firstDone {
                if let element = first.next() { return element }
                firstDone = true
            }
            return second.next()
        }
    }

    func makeIterator() -> Iterator { Iterator(first: first.makeIterator(), second: second.makeIterator()) }
}
