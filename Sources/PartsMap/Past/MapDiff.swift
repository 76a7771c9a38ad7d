import OrderedCollections

/// What is different between two states of one map (say the end of session 1 and the end of
/// session 3): parts and patterns added, renamed, re-roled, written about, answered or removed;
/// relations and links made or taken away. Both maps come from replaying the same journal, so
/// an entity keeps its id across them and a rename is a rename, not a removal and an addition.
public struct MapDiff: Equatable, Sendable {
    /// A field's new text ("" when it was cleared).
    public struct FieldChange: Equatable, Sendable {
        public var field: Field
        public var text: String
    }

    /// Everything that changed about one part or pattern.
    public struct EntityChange: Equatable, Sendable {
        public enum Status: Equatable, Sendable { case added, changed, removed }

        public var entity: Entity
        public var status: Status
        /// Its name in the later map (the last name it had, if removed).
        public var name: String
        /// A part's role in the later map (the last one, if removed); nil for a pattern.
        public var role: Role?
        /// A pattern's person or people in the later map ("" for a part).
        public var with = ""
        /// The name it had in the earlier map, when that was different.
        public var renamedFrom: String?
        /// The role it had in the earlier map, when that was different.
        public var roleBefore: Role?
        /// Fields written or cleared (for a new part or pattern, every field it has).
        public var fields: [FieldChange] = []
        public var newAnswers: [Answer] = []
        /// Answers the earlier map had and the later one does not (taken back with undo).
        public var answersTakenBack: [Answer] = []
        /// A part's check-ins made since, and steps taken since.
        public var newCheckins: [Checkin] = []
        public var newSteps: [StepTaken] = []

        public var isPattern: Bool { if case .pattern = entity { true } else { false } }
    }

    /// A relation made, taken away, or given a new protecting reason. Names as the later map has them.
    public struct RelationChange: Equatable, Sendable {
        public enum Status: Equatable, Sendable { case added, removed, newReason }
        public var relation: Relation
        public var status: Status
        public var from: String
        public var to: String
        /// The reason kept on the relation ("" for none); for a removed one, the reason it had.
        public var reason: String
    }

    public struct LinkChange: Equatable, Sendable {
        public var link: Link
        public var added: Bool
        public var part: String
        public var pattern: String
    }

    /// Parts first, then patterns; within each, in the map's order, removed ones after the rest.
    public var entities: [EntityChange] = []
    /// Relations taken away with a removed part are not listed again here; likewise links.
    public var relations: [RelationChange] = []
    public var links: [LinkChange] = []
    /// Self-energy readings made since.
    public var newSelfReadings: [SelfRecord] = []

    public var isEmpty: Bool { entities.isEmpty && relations.isEmpty && links.isEmpty && newSelfReadings.isEmpty }

    /// What a stretch of records touched, by id, gathered from their reversals: the only things that can
    /// differ between the map before and after them.
    public struct Touched: Sendable {
        var parts: Set<EntityID> = []
        var patterns: Set<EntityID> = []
        var relations: Set<Relation> = []
        var links: Set<Link> = []
        var selfReadings = false

        public init() {}

        mutating func add(_ reversal: Reversal) {
            switch reversal {
            case .removeEntity(let entity), .restoreName(let entity, _), .removeAnswer(let entity, _, _): add(entity)
            case .restoreRemoved(let removed):
                switch removed.entity {
                case .part(let part, _): parts.insert(part.id)
                case .pattern(let pattern, _): patterns.insert(pattern.id)
                }
                for (relation, _, _) in removed.relations { relations.insert(relation) }
                for (link, _) in removed.links { links.insert(link) }
            case .restorePartField(let id, _, _), .restoreRole(let id, _), .removeCheckin(let id), .removeStep(let id):
                parts.insert(id)
            case .restorePatternField(let id, _, _): patterns.insert(id)
            case .removeRelation(let relation, _), .setRelationReason(let relation, _, _), .restoreRelation(let relation, _, _, _):
                relations.insert(relation)
            case .removeLink(let link), .restoreLink(let link, _): links.insert(link)
            case .removeSelfReading: selfReadings = true
            case .restoreSelfCheck: break
            }
        }

        private mutating func add(_ entity: Entity) {
            switch entity {
            case .part(let id): parts.insert(id)
            case .pattern(let id): patterns.insert(id)
            }
        }
    }

    /// Everything that differs between two states of one map.
    public init(from before: InnerSystem, to after: InnerSystem) {
        self.init(from: before, to: after, only: nil)
    }

    /// What differs, given what the records between the two states touched (nothing else can
    /// differ): the same diff as comparing the whole maps, in time that grows with the records.
    public init(from before: InnerSystem, to after: InnerSystem, touching touched: Touched) {
        self.init(from: before, to: after, only: touched)
    }

    private init(from before: InnerSystem, to after: InnerSystem, only touched: Touched?) {
        // What to look at, in the order the diff lists it: the map's own order (the later map's, then the
        // earlier map's for what is gone).
        func ordered<Key: Hashable, Value>(_ keys: Set<Key>?, in table: OrderedDictionary<Key, Value>) -> [Key] {
            guard let keys else { return Array(table.keys) }
            return keys.compactMap { key in table.index(forKey: key).map { (key, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        func ordered<Element: Hashable>(_ elements: Set<Element>?, in set: OrderedSet<Element>) -> [Element] {
            guard let elements else { return Array(set) }
            return elements.compactMap { element in set.firstIndex(of: element).map { (element, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        }

        // Parts.
        for id in ordered(touched?.parts, in: after.parts) {
            let part = after.parts[id]!
            guard let old = before.parts[part.id] else {
                var change = EntityChange(entity: .part(part.id), status: .added, name: part.name, role: part.role)
                change.newAnswers = part.answers
                change.fields = MapDiff.fields(from: [:], to: part.fields, answers: part.answers)
                change.newCheckins = part.checkins
                change.newSteps = part.steps
                entities.append(change)
                continue
            }
            var change = EntityChange(entity: .part(part.id), status: .changed, name: part.name, role: part.role)
            if old.name != part.name { change.renamedFrom = old.name }
            if old.role != part.role { change.roleBefore = old.role }
            (change.newAnswers, change.answersTakenBack) = MapDiff.answers(from: old.answers, to: part.answers)
            change.fields = MapDiff.fields(from: old.fields, to: part.fields, answers: change.newAnswers)
            if old.checkins != part.checkins {
                let earlier = Set(old.checkins.map(\.order))
                change.newCheckins = part.checkins.filter { !earlier.contains($0.order) }
            }
            change.newSteps = MapDiff.added(from: old.steps, to: part.steps)
            if change.hasChanges { entities.append(change) }
        }
        for id in ordered(touched?.parts, in: before.parts) where after.parts[id] == nil {
            let part = before.parts[id]!
            entities.append(EntityChange(entity: .part(part.id), status: .removed, name: part.name, role: part.role))
        }

        // Patterns.
        for id in ordered(touched?.patterns, in: after.patterns) {
            let pattern = after.patterns[id]!
            let old = before.patterns[pattern.id]
            var change = EntityChange(entity: .pattern(pattern.id), status: old == nil ? .added : .changed,
                                      name: pattern.name, role: nil, with: pattern.with)
            if let old, old.name != pattern.name { change.renamedFrom = old.name }
            if let old, old.with != pattern.with {
                change.fields.append(FieldChange(field: .pattern(.with), text: pattern.with))
            }
            if old?.description ?? "" != pattern.description {
                change.fields.append(FieldChange(field: .pattern(.description), text: pattern.description))
            }
            (change.newAnswers, change.answersTakenBack) = MapDiff.answers(from: old?.answers ?? [], to: pattern.answers)
            if change.status == .added || change.hasChanges { entities.append(change) }
        }
        for id in ordered(touched?.patterns, in: before.patterns) where after.patterns[id] == nil {
            let pattern = before.patterns[id]!
            entities.append(EntityChange(entity: .pattern(pattern.id), status: .removed, name: pattern.name, role: nil,
                                         with: pattern.with))
        }

        // Relations and links, named as the later map names them where it still has them.
        func partName(_ id: EntityID) -> String { (after.parts[id] ?? before.parts[id])!.name }
        func patternName(_ id: EntityID) -> String { (after.patterns[id] ?? before.patterns[id])!.name }
        for relation in ordered(touched?.relations, in: after.relations.table) {
            let reason = after.relations[relation]!
            let status: RelationChange.Status
            switch before.relations[relation] {
            case nil: status = .added
            case let oldReason? where oldReason != reason: status = .newReason
            default: continue
            }
            relations.append(RelationChange(relation: relation, status: status, from: partName(relation.from),
                                            to: partName(relation.to), reason: reason))
        }
        for relation in ordered(touched?.relations, in: before.relations.table) where !after.relations.contains(relation)
            && after.parts[relation.from] != nil && after.parts[relation.to] != nil {
            relations.append(RelationChange(relation: relation, status: .removed, from: partName(relation.from),
                                            to: partName(relation.to), reason: before.relations[relation]!))
        }
        for link in ordered(touched?.links, in: after.links) where !before.links.contains(link) {
            links.append(LinkChange(link: link, added: true, part: partName(link.part), pattern: patternName(link.pattern)))
        }
        for link in ordered(touched?.links, in: before.links) where !after.links.contains(link)
            && after.parts[link.part] != nil && after.patterns[link.pattern] != nil {
            links.append(LinkChange(link: link, added: false, part: partName(link.part), pattern: patternName(link.pattern)))
        }
        if touched?.selfReadings ?? true { newSelfReadings = MapDiff.added(from: before.selfReadings, to: after.selfReadings) }
    }

    /// What `after` holds past the part it shares with `before` (these lists only grow, or lose their last
    /// entries to undo): found from the end, so a long list costs only what changed.
    private static func added<T: Equatable>(from before: [T], to after: [T]) -> [T] {
        var shared = min(before.count, after.count)
        while shared > 0, before[shared - 1] != after[shared - 1] { shared -= 1 }
        return Array(after[shared...])
    }

    // MARK: What is new, for marking a diagram

    /// Parts that are new, and parts that already were there but have new answers.
    public var newParts: Set<EntityID> { ids { $0.status == .added && !$0.isPattern } }
    public var answeredParts: Set<EntityID> { ids { $0.status == .changed && !$0.isPattern && !$0.newAnswers.isEmpty } }
    public var newPatterns: Set<EntityID> { ids { $0.status == .added && $0.isPattern } }
    public var answeredPatterns: Set<EntityID> { ids { $0.status == .changed && $0.isPattern && !$0.newAnswers.isEmpty } }
    public var newRelations: Set<Relation> { Set(relations.filter { $0.status == .added }.map(\.relation)) }
    public var newLinks: Set<Link> { Set(links.filter(\.added).map(\.link)) }

    private func ids(_ include: (EntityChange) -> Bool) -> Set<EntityID> {
        Set(entities.filter(include).map { change in
            switch change.entity {
            case .part(let id), .pattern(let id): id
            }
        })
    }

    // MARK: Comparing

    /// Answers in `after` and not in `before`, and the other way round, each in order.
    private static func answers(from before: [Answer], to after: [Answer]) -> (new: [Answer], takenBack: [Answer]) {
        var remaining = before
        var new: [Answer] = []
        for answer in after {
            if let index = remaining.firstIndex(of: answer) { remaining.remove(at: index) } else { new.append(answer) }
        }
        return (new, remaining)
    }

    /// Fields whose text differs, in the order a card shows them; a field an answer filled with
    /// the same words is left to the answer.
    private static func fields(from before: PartFields, to after: PartFields, answers: [Answer]) -> [FieldChange] {
        PartField.allCases.compactMap { field in
            let text = after[field] ?? ""
            guard before[field] ?? "" != text else { return nil }
            if let latest = answers.last(where: { $0.question.fillsField == field }), latest.text == text { return nil }
            return FieldChange(field: .part(field), text: text)
        }
    }
}

extension MapDiff.EntityChange {
    var hasChanges: Bool {
        renamedFrom != nil || roleBefore != nil || !fields.isEmpty || !newAnswers.isEmpty || !answersTakenBack.isEmpty
            || !newCheckins.isEmpty || !newSteps.isEmpty
    }
}
