/// What placing a diagram's nodes needs to know of the relations and links in view, read from
/// the map before any node is written: who protects and who is protected, which parts show up in a pattern and
/// which patterns have parts, and each part's polarized and allied partners (written right after
/// it). Sets of ids and one table of partners: a couple of megabytes at 100,000 parts, where the
/// nodes and edges themselves would take a hundred.
struct DiagramPlacement {
    private(set) var protectors = EntitySet()
    private(set) var protected = EntitySet()
    private(set) var linkedParts = EntitySet()
    private(set) var patternsWithParts = EntitySet()
    /// Relations and links in view.
    private(set) var relationCount = 0
    private(set) var linkCount = 0
    /// Which kinds of relation are in view, by `RelationKind.index`.
    private var kindsInView = [false, false, false, false]
    /// Each part's partners, in the order of the relations: those of part `id` are
    /// `partners[partnerStart[id]..<partnerStart[id + 1]]` (ids past the end have none).
    private var partnerStart: [Int32] = []
    private var partners: [Int32] = []

    init(_ view: MapView) {
        let system = view.system
        // How many partners each part has, counted at `id + 1`…
        var start: [Int32] = []
        for relation in system.relations.keys where view.shows(relation) {
            relationCount += 1
            kindsInView[relation.kind.index] = true
            if relation.kind == .protects {
                protectors.insert(relation.from)
                protected.insert(relation.to)
            } else if relation.kind.isSymmetric {
                let last = max(relation.from, relation.to) + 1
                if last >= start.count { start.append(contentsOf: repeatElement(0, count: last + 1 - start.count)) }
                start[relation.from + 1] += 1
                start[relation.to + 1] += 1
            }
        }
        for link in system.links where view.shows(link) {
            linkCount += 1
            linkedParts.insert(link.part)
            patternsWithParts.insert(link.pattern)
        }
        guard !start.isEmpty else { return }
        // …summed into where each part's partners begin, then filled in in the relations' order.
        for id in start.indices.dropFirst() { start[id] += start[id - 1] }
        var next = start
        partners = Array(repeating: 0, count: Int(start.last!))
        for relation in system.relations.keys where relation.kind.isSymmetric && view.shows(relation) {
            partners[Int(next[relation.from])] = Int32(relation.to)
            next[relation.from] += 1
            partners[Int(next[relation.to])] = Int32(relation.from)
            next[relation.to] += 1
        }
        partnerStart = start
    }

    func hasRelations(_ kind: RelationKind) -> Bool { kindsInView[kind.index] }

    /// Neither protected nor in a pattern: nothing but Self places it.
    func isRoot(_ part: EntityID) -> Bool { !protected.contains(part) && !linkedParts.contains(part) }

    /// `parts`, each followed by those of its polarized and allied partners not yet written: those
    /// lines do not steer dot's layout (`constraint=false`), but dot keeps nodes near where they
    /// are first written, so the partners end up side by side.
    func partOrder<Parts: Sequence<EntityID>>(_ parts: Parts) -> PartOrder<Parts.Iterator> {
        PartOrder(parts: parts.makeIterator(), placement: self)
    }

    struct PartOrder<Parts: IteratorProtocol<EntityID>>: Sequence, IteratorProtocol {
        private var parts: Parts
        private let placement: DiagramPlacement
        private var written = EntitySet()
        /// The partners of the part last taken from `parts`, as indices into `placement.partners`.
        private var partnersToCome = 0..<0

        fileprivate init(parts: Parts, placement: DiagramPlacement) {
            self.parts = parts
            self.placement = placement
        }

        mutating func next() -> EntityID? {
            while let index = partnersToCome.popFirst() {
                let partner = EntityID(placement.partners[index])
                if written.insert(partner) { return partner }
            }
            while let id = parts.next() {
                guard written.insert(id) else { continue }
                let start = placement.partnerStart
                if id + 1 < start.count { partnersToCome = Int(start[id])..<Int(start[id + 1]) }
                return id
            }
            return nil
        }
    }
}
