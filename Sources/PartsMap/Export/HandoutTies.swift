/// How each part and pattern in a view is tied to the others, gathered in one pass over the view's
/// relations and links — a handout lists them on every card, and rescanning every relation for every
/// part would grow with parts × relations. Each list keeps the view's order.
struct HandoutTies {
    struct OfPart {
        var protects: [EntityID] = []
        var protectedBy: [EntityID] = []
        var polarized: [EntityID] = []
        var allied: [EntityID] = []
        var showsUpIn: [EntityID] = []
    }

    private(set) var parts: [EntityID: OfPart] = [:]
    /// Each pattern's linked parts.
    private(set) var patterns: [EntityID: [EntityID]] = [:]
    /// The older patterns each pattern echoes, and those that echo it.
    private(set) var echoes: [EntityID: [EntityID]] = [:]
    private(set) var echoedBy: [EntityID: [EntityID]] = [:]
    /// Every name by id, for naming the ties: `parts[id]!.name` copies a whole part for one name.
    let names: NamesByID

    init(_ view: MapView) {
        names = NamesByID(view.system)
        // Keys only: `view.relations` makes a String of every reason, and a handout's ties need none.
        for relation in view.system.relations.keys where view.shows(relation) {
            switch relation.kind {
            case .protects:
                parts[relation.from, default: OfPart()].protects.append(relation.to)
                parts[relation.to, default: OfPart()].protectedBy.append(relation.from)
            case .polarized:
                parts[relation.from, default: OfPart()].polarized.append(relation.to)
                if relation.to != relation.from { parts[relation.to, default: OfPart()].polarized.append(relation.from) }
            case .allied:
                parts[relation.from, default: OfPart()].allied.append(relation.to)
                if relation.to != relation.from { parts[relation.to, default: OfPart()].allied.append(relation.from) }
            case .echoes:
                echoes[relation.from, default: []].append(relation.to)
                echoedBy[relation.to, default: []].append(relation.from)
            }
        }
        for link in view.links {
            parts[link.part, default: OfPart()].showsUpIn.append(link.pattern)
            patterns[link.pattern, default: []].append(link.part)
        }
    }

    /// A pattern's echoes as labelled lists (empty ones left out).
    func labelledEchoes(_ pattern: EntityID) -> [(label: String, ids: [EntityID])] {
        [("Echoes", echoes[pattern] ?? []), ("Echoed by", echoedBy[pattern] ?? [])].filter { !$0.1.isEmpty }
    }

    /// A part's ties as labelled lists, in the order a card shows them (empty ones left out).
    func labelled(_ part: EntityID) -> [(label: String, ids: [EntityID])] {
        guard let ties = parts[part] else { return [] }
        return [("Protects", ties.protects), ("Protected by", ties.protectedBy), ("Polarized with", ties.polarized),
                ("Allied with", ties.allied), ("Shows up in", ties.showsUpIn)].filter { !$0.1.isEmpty }
    }
}

/// What a handout shows of change over time: the latest check-ins of the parts it shows (newest
/// first) and the latest Self-energy readings.
struct HandoutCheckins {
    static let limit = 10
    var checkins: [(Part, Checkin)] = []
    var selfReadings: [SelfRecord] = []

    init(_ system: InnerSystem, parts: Set<EntityID>) {
        var all: [(Part, Checkin)] = []
        for id in parts.sorted() {
            guard let part = system.parts[id], !part.checkins.isEmpty else { continue }
            for checkin in part.checkins.suffix(HandoutCheckins.limit) { all.append((part, checkin)) }
        }
        checkins = Array(all.sorted { $0.1.order > $1.1.order }.prefix(HandoutCheckins.limit))
        selfReadings = Array(system.selfReadings.suffix(5).reversed())
    }
}
