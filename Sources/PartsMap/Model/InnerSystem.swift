import OrderedCollections

/// The map: parts, patterns, the relations between parts, the links from parts to patterns,
/// and the sessions it grew in. Only `apply` and `reverse` change it, so the journal that
/// replays into it is the one source of truth.
///
/// Invariants, after every change: names are unique case-insensitively across parts and
/// patterns; no relation or link names a missing part or pattern; no part is related to
/// itself; symmetric relations are stored once.
public struct InnerSystem: Sendable {
    public private(set) var parts: OrderedDictionary<EntityID, Part> = [:]
    public private(set) var patterns: OrderedDictionary<EntityID, Pattern> = [:]
    /// Each relation with its reason (the protecting answer kept on a `protects` link; "" for none).
    public private(set) var relations = Relations()
    public private(set) var links: OrderedSet<Link> = []
    public private(set) var sessions: [Session] = []
    /// Self-energy readings, oldest first (Self is not a part, so they are the map's own).
    public private(set) var selfReadings: [SelfRecord] = []
    /// Whether `ask PART` offers a Self check before and after (`selfcheck on`).
    public private(set) var selfCheckOn = false
    /// How many check-ins were ever made, to order them across parts.
    private var checkinsMade = 0
    private var names = NameTable() { didSet { lastResolved = nil } }
    /// Each part's and pattern's name head, in the order of `parts` and `patterns` (for Tab's scan).
    private var partHeads = NameHeads()
    private var patternHeads = NameHeads()
    /// The name a change last resolved, as it was written, with what it named, its spelling and
    /// (once asked) the part's place in `parts`: a journal names the same part on several lines in
    /// a row. Forgotten whenever `names` changes, as it does whenever a part is added or removed.
    private var lastResolved: (written: String, entity: Entity, name: String, index: Int?)?
    private var nextID: EntityID = 1
    /// Where answers and fields keep their words (see `StoredText`).
    private var texts = TextKeeper()

    public init() {}

    /// The table of names and the next id as they stand, for the tests' checks of them (`FuzzChecks`).
    var nameTable: NameTable { names }
    var nextEntityID: EntityID { nextID }

    // MARK: Looking things up

    /// What `name` refers to, matched case-insensitively and ignoring extra spaces.
    public func entity(named name: String) -> Entity? { names[NameKey(name)] }

    public func name(of entity: Entity) -> String {
        switch entity {
        case .part(let id): partName(id)
        case .pattern(let id): patterns[id]!.name
        }
    }

    public func part(named name: String) -> Part? {
        if case .part(let id) = entity(named: name) { return parts[id] }
        return nil
    }

    public func pattern(named name: String) -> Pattern? {
        if case .pattern(let id) = entity(named: name) { return patterns[id] }
        return nil
    }

    /// Names that start with `prefix` (matched like names are: case-folded, blanks collapsed),
    /// parts first then patterns, each in creation order.
    public func names(startingWith prefix: String, parts includeParts: Bool = true, patterns includePatterns: Bool = true) -> [String] {
        let wanted = InnerSystem.key(prefix) + (prefix.last == " " && !prefix.allSatisfy { $0 == " " } ? " " : "")
        // In the map's own order, which is creation order (undo puts a removed one back in its place).
        var found: [String] = []
        if wanted.isEmpty { found.reserveCapacity((includeParts ? parts.count : 0) + (includePatterns ? patterns.count : 0)) }
        // Heads first (one array, eight bytes a name); a name itself only when its head matches and the
        // prefix runs past the head.
        let probe = NameHeads.Probe(wanted: wanted)
        // Each name read through a pointer, so that only the name is retained (see `forEachPart`).
        func scan<Value>(_ values: [Value], _ heads: NameHeads, name: (UnsafePointer<Value>) -> String) {
            values.withUnsafeBufferPointer { buffer in
                heads.heads.withUnsafeBufferPointer { heads in
                    // Unchecked reads below: out of step heads must stop here, not read past the end.
                    precondition(heads.count == buffer.count, "name heads out of step with the names")
                    guard let base = buffer.baseAddress else { return }
                    // Without a probe every name is checked whole.
                    for index in buffer.indices where probe?.mayMatch(heads[index]) ?? true {
                        if !(probe?.decides ?? false), !InnerSystem.keyOf(name(base + index), startsWith: wanted) { continue }
                        found.append(name(base + index))
                    }
                }
            }
        }
        if includeParts { scan(parts.values.elements, partHeads) { $0.pointee.name } }
        if includePatterns { scan(patterns.values.elements, patternHeads) { $0.pointee.name } }
        return found
    }

    /// Every name in the map: parts first, then patterns, in creation order.
    public var allNames: [String] { parts.values.map(\.name) + patterns.values.map(\.name) }

    /// The session changes are being made in, if one is open.
    public var openSession: Session? {
        guard hasOpenSession else { return nil }
        return sessions[sessions.count - 1]
    }

    /// Whether a session is open (without copying it).
    private var hasOpenSession: Bool { !sessions.isEmpty && sessions[sessions.count - 1].ended == nil }

    /// Makes room for the parts and relations of about `count` changes, so that replaying a large
    /// map does not grow their tables step by step (every step re-files every entry). Their hash
    /// tables are small; the room for entries is only address space until it is used.
    mutating func reserveCapacity(forChanges count: Int) {
        parts.reserveCapacity(parts.count + count / 16)
        partHeads.reserveCapacity(parts.count + count / 16)
        relations.table.reserveCapacity(relations.count + count / 8)
        names.reserveCapacity(names.count + count / 16)
    }

    // MARK: Applying changes

    /// What applying a change did: the change with names as the map spells them, and how to undo it
    /// (nil for session markers, which undo passes over).
    public struct Applied: Sendable {
        public var change: Change
        public var reversal: Reversal?
    }

    /// Applies `change`, made at `time`, or throws and changes nothing.
    @discardableResult
    public mutating func apply(_ change: Change, at time: Timestamp?) throws(MapError) -> Applied {
        let applied = try applyUncounted(change, at: time)
        if !change.isSessionMarker { countChange(at: time) }
        return applied
    }

    /// Undoes a change; `time` is when the undo was made (it counts in that session).
    public mutating func reverse(_ reversal: Reversal, at time: Timestamp?) {
        switch reversal {
        case .removeEntity(let entity):
            switch entity {
            case .part(let id): names[NameKey(parts[id]!.name)] = nil; removePart(id)
            case .pattern(let id): names[NameKey(patterns[id]!.name)] = nil; removePattern(id)
            }
        case .restorePartField(let id, let field, let old):
            parts[id]!.fields.set(field, old)
        case .restorePatternField(let id, let field, let old):
            switch field {
            case .with: patterns[id]!.with = old
            case .description: patterns[id]!.description = old
            }
        case .restoreRole(let id, let role):
            parts[id]!.role = role
        case .restoreName(let entity, let old):
            names[NameKey(name(of: entity))] = nil
            names[NameKey(old)] = entity
            switch entity {
            case .part(let id): renamePart(id, to: old)
            case .pattern(let id): renamePattern(id, to: old)
            }
        case .removeAnswer(let entity, let field, let old):
            switch entity {
            case .part(let id):
                parts[id]!.answers.removeLast()
                if let field { parts[id]!.fields.set(field, old) }
            case .pattern(let id):
                patterns[id]!.answers.removeLast()
            }
        case .restoreRemoved(let removed):
            switch removed.entity {
            case .part(let part, let index):
                parts.updateValue(part, forKey: part.id, insertingAt: index)
                partHeads.insert(part.name, at: index)
                names[NameKey(part.name)] = .part(part.id)
            case .pattern(let pattern, let index):
                patterns.updateValue(pattern, forKey: pattern.id, insertingAt: index)
                patternHeads.insert(pattern.name, at: index)
                names[NameKey(pattern.name)] = .pattern(pattern.id)
            }
            for (relation, reason, index) in removed.relations {
                relations.table.updateValue(reason, forKey: relation, insertingAt: index)
            }
            for (link, index) in removed.links { links.insert(link, at: index) }
        case .removeRelation(let relation, _):
            relations.table[relation] = nil
        case .setRelationReason(let relation, let reason, _):
            relations.table[relation] = reason
        case .restoreRelation(let relation, let reason, let index, _):
            relations.table.updateValue(reason, forKey: relation, insertingAt: index)
        case .removeLink(let link):
            links.remove(link)
        case .restoreLink(let link, let index):
            links.insert(link, at: index)
        case .removeIncident(let id):
            patterns[id]!.incidents.removeLast()
        case .restoreIncidentEntry(let id, let number, let entry, let old, let newMoment):
            if newMoment { patterns[id]!.incidents[number - 1].moments.removeLast() }
            else {
                // The part a restored "active" answer named is found again, as applying it found it.
                var partID: EntityID?
                if case .moment(_, .part) = entry, let old, case .part(let found) = entity(named: old) { partID = found }
                patterns[id]!.incidents[number - 1].set(entry, old, partID: partID)
            }
        case .removeSelfReading:
            selfReadings.removeLast()
        case .removeCheckin(let id):
            parts[id]!.checkins.removeLast()
        case .removeStep(let id):
            parts[id]!.steps.removeLast()
        case .restoreSelfCheck(let old):
            selfCheckOn = old
        }
        countChange(at: time)
    }

    /// Counts a change in the open session, opening an implicit one when none is open.
    private mutating func countChange(at time: Timestamp?) {
        if !hasOpenSession {
            sessions.append(Session(number: sessions.count + 1, title: "", started: time, ended: nil, implicit: true))
        }
        sessions[sessions.count - 1].changeCount += 1
    }

    private mutating func applyUncounted(_ change: Change, at time: Timestamp?) throws(MapError) -> Applied {
        switch change {
        case .addPart(let name, let role):
            let name = try checkedNewName(name)
            let id = takeID()
            parts[id] = Part(id: id, name: name, role: role)
            partHeads.append(name)
            names[NameKey(name)] = .part(id)
            return Applied(change: .addPart(name: name, role: role), reversal: .removeEntity(.part(id)))

        case .addPattern(let name, let with):
            let name = try checkedNewName(name)
            let id = takeID()
            patterns[id] = Pattern(id: id, name: name, with: with)
            patternHeads.append(name)
            names[NameKey(name)] = .pattern(id)
            return Applied(change: .addPattern(name: name, with: with), reversal: .removeEntity(.pattern(id)))

        case .setField(let name, let field, let text):
            switch (try resolve(name), field) {
            case (.part(let id), .part(let f)):
                let index = partIndex(id)
                let (name, old) = readPart(at: index) { ($0.pointee.name, $0.pointee.fields.stored(f)) }
                parts.values[index].fields.set(f, texts.keep(text))
                return Applied(change: .setField(name: name, field: field, text: text),
                               reversal: .restorePartField(id, f, old))
            case (.pattern(let id), .pattern(let f)):
                let old: String
                switch f {
                case .with: old = patterns[id]!.with; patterns[id]!.with = text
                case .description: old = patterns[id]!.description; patterns[id]!.description = text
                }
                return Applied(change: .setField(name: patterns[id]!.name, field: field, text: text),
                               reversal: .restorePatternField(id, f, old))
            case (.part(let id), .pattern):
                throw .fieldIsForPatterns(field, parts[id]!.name)
            case (.pattern(let id), .part):
                throw .fieldIsForParts(field, patterns[id]!.name)
            }

        case .setRole(let name, let role):
            let id = try resolvePart(name).id
            let index = parts.index(forKey: id)!
            let (name, old) = readPart(at: index) { ($0.pointee.name, $0.pointee.role) }
            parts.values[index].role = role
            return Applied(change: .setRole(name: name, role: role), reversal: .restoreRole(id, old))

        case .rename(let name, let newName):
            let entity = try resolve(name)
            let newName = try checkedNewName(newName, allowing: entity)
            switch entity {
            case .part(let id):
                let old = parts[id]!.name
                names[NameKey(old)] = nil
                renamePart(id, to: newName)
                names[NameKey(newName)] = entity
                return Applied(change: .rename(name: old, to: newName), reversal: .restoreName(entity, old))
            case .pattern(let id):
                let old = patterns[id]!.name
                names[NameKey(old)] = nil
                renamePattern(id, to: newName)
                names[NameKey(newName)] = entity
                return Applied(change: .rename(name: old, to: newName), reversal: .restoreName(entity, old))
            }

        case .remove(let name):
            let entity = try resolve(name)
            var removed = RemovedEntity(entity: .part(Part(id: 0, name: "", role: .unknown), index: 0))
            let id: EntityID
            switch entity {
            case .part(let partID):
                id = partID
                let index = parts.index(forKey: id)!
                removed.entity = .part(parts[id]!, index: index)
                // Recorded in ascending index order so that reinserting in order restores positions.
                for (index, element) in relations.table.elements.enumerated() where element.key.from == id || element.key.to == id {
                    removed.relations.append((element.key, element.value, index))
                }
                for (relation, _, _) in removed.relations.reversed() { relations.table[relation] = nil }
                for (index, link) in links.enumerated() where link.part == id { removed.links.append((link, index)) }
            case .pattern(let patternID):
                id = patternID
                let index = patterns.index(forKey: id)!
                removed.entity = .pattern(patterns[id]!, index: index)
                // Its echoes go with it, kept for undo like a part's relations.
                for (index, element) in relations.table.elements.enumerated() where element.key.kind == .echoes
                    && (element.key.from == id || element.key.to == id) {
                    removed.relations.append((element.key, element.value, index))
                }
                for (relation, _, _) in removed.relations.reversed() { relations.table[relation] = nil }
                for (index, link) in links.enumerated() where link.pattern == id { removed.links.append((link, index)) }
            }
            for (link, _) in removed.links.reversed() { links.remove(link) }
            let canonical = self.name(of: entity)
            names[NameKey(canonical)] = nil
            switch entity {
            case .part: removePart(id)
            case .pattern: removePattern(id)
            }
            return Applied(change: .remove(name: canonical), reversal: .restoreRemoved(removed))

        case .relate(let a, let kind, let b, let reason):
            let ((from, fromName), (to, toName)) = try resolveRelated(a, kind, b)
            guard from != to else { throw .selfRelation(fromName, kind) }
            let relation = Relation(from: from, kind: kind, to: to)
            let canonical = Change.relate(from: fromName, kind: kind, to: toName, reason: reason)
            // One look-up for the usual case, a new relation.
            let kept = texts.keep(reason)
            if let oldReason = relations.table.updateValue(kept, forKey: relation) {
                // Relating again with a new reason keeps the newer reason.
                guard !kept.isEmpty, kept != oldReason else {
                    relations.table[relation] = oldReason
                    throw .relationExists(fromName, kind, toName)
                }
                return Applied(change: canonical, reversal: .setRelationReason(relation, oldReason, swapped: relation.from != from))
            }
            return Applied(change: canonical, reversal: .removeRelation(relation, swapped: relation.from != from))

        case .unrelate(let a, let kind, let b):
            let ((from, fromName), (to, toName)) = try resolveRelated(a, kind, b)
            let relation = Relation(from: from, kind: kind, to: to)
            guard let index = relations.table.index(forKey: relation) else { throw .noSuchRelation(fromName, kind, toName) }
            let reason = relations.table.values[index]
            relations.table.remove(at: index)
            return Applied(change: .unrelate(from: fromName, kind: kind, to: toName),
                           reversal: .restoreRelation(relation, reason, index, swapped: relation.from != from))

        case .link(let partName, let patternName):
            let (part, partName) = try resolvePart(partName)
            let (pattern, patternName) = try resolvePattern(patternName)
            let link = Link(part: part, pattern: pattern)
            let names = (partName, patternName)
            guard !links.contains(link) else { throw .linkExists(names.0, names.1) }
            links.append(link)
            return Applied(change: .link(part: names.0, pattern: names.1), reversal: .removeLink(link))

        case .unlink(let partName, let patternName):
            let (part, partName) = try resolvePart(partName)
            let (pattern, patternName) = try resolvePattern(patternName)
            let link = Link(part: part, pattern: pattern)
            let names = (partName, patternName)
            guard let index = links.firstIndex(of: link) else { throw .noSuchLink(names.0, names.1) }
            links.remove(at: index)
            return Applied(change: .unlink(part: names.0, pattern: names.1), reversal: .restoreLink(link, index))

        case .answer(let name, let question, let text):
            guard !text.isEmpty else { throw .emptyAnswer }
            let (entity, canonical) = try resolveNamed(name)
            // The answer belongs to the session it is given in (an implicit one if none is open).
            let session = hasOpenSession ? sessions[sessions.count - 1].number : sessions.count + 1
            let kept = texts.keep(text)
            let answer = Answer(question: question, text: kept, at: time, session: session)
            switch entity {
            case .part(let id):
                // One look-up (none when the line before named it too), then the part is changed in place.
                let index = partIndex(id)
                let field = question.fillsField
                let (role, old) = readPart(at: index) { part in (part.pointee.role, field.flatMap { part.pointee.fields.stored($0) }) }
                if question.isForPatterns { throw .questionIsForPatterns(question, canonical) }
                if question == .protecting, role == .exile { throw .notAProtector(canonical) }
                parts.values[index].answers.appendGrowingGently(answer)
                if let field { parts.values[index].fields.set(field, kept) }
                return Applied(change: .answer(name: canonical, question: question, text: text),
                               reversal: .removeAnswer(entity, field: field, old: old))
            case .pattern(let id):
                if !question.isForPatterns { throw .questionIsForParts(question, canonical) }
                patterns[id]!.answers.appendGrowingGently(answer)
                return Applied(change: .answer(name: canonical, question: question, text: text),
                               reversal: .removeAnswer(entity, field: nil, old: nil))
            }

        case .incident(let name, let number, let kind, let entry, let text):
            guard !text.isEmpty else { throw .emptyAnswer }
            let (id, canonical) = try resolvePattern(name)
            guard entry.belongs(to: kind) else { throw .notAnIncidentQuestion(entry, kind: kind) }
            let count = patterns[id]!.incidents.count
            guard number >= 1, number <= count + 1 else { throw .noSuchIncident(canonical, number: number, count: count) }
            // The part a moment's "active" answer names, while it is on the map.
            var partID: EntityID?
            if case .moment(_, .part) = entry, case .part(let found) = entity(named: text) { partID = found }
            let applied = Change.incident(pattern: canonical, number: number, kind: kind, entry: entry, text: text)
            if number == count + 1 {
                // A new incident begins with its first answer, dated by it, in the session it is given in.
                if case .moment(let moment, _) = entry, moment != 1 { throw .noSuchMoment(canonical, incident: number, moment: moment, count: 0) }
                let session = hasOpenSession ? sessions[sessions.count - 1].number : sessions.count + 1
                var incident = Incident(kind: kind, at: time, session: session)
                incident.set(entry, text, partID: partID)
                patterns[id]!.incidents.append(incident)
                return Applied(change: applied, reversal: .removeIncident(id))
            }
            let incident = patterns[id]!.incidents[number - 1]
            guard incident.kind == kind else { throw .incidentIsOtherKind(canonical, number: number, kind: incident.kind) }
            var newMoment = false
            if case .moment(let moment, _) = entry {
                guard moment <= incident.moments.count + 1 else {
                    throw .noSuchMoment(canonical, incident: number, moment: moment, count: incident.moments.count)
                }
                newMoment = moment == incident.moments.count + 1
            }
            let old = incident.value(at: entry)
            patterns[id]!.incidents[number - 1].set(entry, text, partID: partID)
            return Applied(change: applied, reversal: .restoreIncidentEntry(id, number, entry, old: old, newMoment: newMoment))
        case .selfReading(let reading):
            // A Self check around `ask` is a level; any other reading a level, a quality, or at least a note.
            guard !reading.isEmpty, reading.check == nil || reading.level != nil else { throw .emptySelfReading }
            try Self.checkLevel(reading.level)
            for quality in reading.qualities { try Self.checkLevel(quality.level) }
            var check: (moment: SelfCheckMoment, part: EntityID)?
            var canonical = reading
            if let around = reading.check {
                let (id, name) = try resolvePart(around.part)
                check = (around.moment, id)
                canonical.check = (around.moment, name)
            }
            selfReadings.append(SelfRecord(level: reading.level, qualities: reading.qualities, note: reading.note,
                                           check: check, at: time, session: currentSessionNumber))
            return Applied(change: .selfReading(canonical), reversal: .removeSelfReading)

        case .checkin(let name, let level, let blended, let text):
            try Self.checkLevel(level)
            let (id, canonical) = try resolveCheckedPart(name, for: "check-ins")
            checkinsMade += 1
            parts[id]!.checkins.append(Checkin(level: level, blended: blended, text: text, at: time,
                                               session: currentSessionNumber, order: checkinsMade))
            return Applied(change: .checkin(part: canonical, level: level, blended: blended, text: text),
                           reversal: .removeCheckin(id))

        case .mark(let name, let step, let text):
            let (id, canonical) = try resolveCheckedPart(name, for: "steps")
            let role = parts[id]!.role
            switch role {
            case .unknown: throw .stepNeedsRole(step, canonical)
            case .exile where !step.isForExiles, .manager where step.isForExiles, .firefighter where step.isForExiles:
                throw .stepIsForOtherRole(step, canonical, role)
            default: break
            }
            parts[id]!.steps.append(StepTaken(step: step, text: text, at: time, session: currentSessionNumber))
            return Applied(change: .mark(part: canonical, step: step, text: text), reversal: .removeStep(id))

        case .selfCheck(let on):
            let old = selfCheckOn
            selfCheckOn = on
            return Applied(change: change, reversal: .restoreSelfCheck(old))

        case .sessionStart(let title):
            if hasOpenSession { sessions[sessions.count - 1].ended = time }
            sessions.append(Session(number: sessions.count + 1, title: title, started: time, ended: nil, implicit: false))
            return Applied(change: change, reversal: nil)

        case .sessionEnd:
            guard hasOpenSession else { throw .noOpenSession }
            sessions[sessions.count - 1].ended = time
            return Applied(change: change, reversal: nil)
        }
    }

    /// The session `record` joins if it applies now: a session start opens the next; anything else
    /// belongs to the open session (a session end to the one it ends), or opens an implicit one. The
    /// session views tell a session's end by it, before the next session's first record applies.
    public func sessionNumber(ofNext record: JournalRecord) -> Int {
        if case .change(.sessionStart) = record { return sessions.count + 1 }
        return currentSessionNumber
    }

    /// The session a change made now belongs to (an implicit one if none is open).
    private var currentSessionNumber: Int { hasOpenSession ? sessions[sessions.count - 1].number : sessions.count + 1 }

    private static func checkLevel(_ level: Int?) throws(MapError) {
        if let level, !Level.range.contains(level) { throw .levelOutOfRange(level) }
    }

    /// A part for a check-in or a step: Self and patterns get a message that says what would work.
    private mutating func resolveCheckedPart(_ name: String, for what: String) throws(MapError) -> (id: EntityID, name: String) {
        if InnerSystem.lowercased(InnerSystem.normalized(name)) == "self" { throw .selfIsNotAPart(what) }
        do { return try resolvePart(name) } catch {
            if case .notAPart(let pattern) = error { throw .patternHasNo(what, pattern) }
            throw error
        }
    }

    // MARK: Names

    /// Reads the part at `index` of `parts` in place, through a pointer (see `forEachPart`):
    /// `parts.values[index]` copies the whole part (retaining its name, fields and answers) to read any
    /// one of them, once a line when loading.
    private func readPart<Result>(at index: Int, _ read: (UnsafePointer<Part>) -> Result) -> Result {
        parts.values.withUnsafeBufferPointer { read($0.baseAddress! + index) }
    }

    /// Reads the part `id` in place (as `readPart(at:)`), for views that want one or two of its fields.
    func readPart<Result>(_ id: EntityID, _ read: (UnsafePointer<Part>) -> Result) -> Result {
        readPart(at: parts.index(forKey: id)!, read)
    }

    private func partName(_ id: EntityID) -> String { readPart(id) { $0.pointee.name } }

    /// Whether the name heads are those of the names, in order (for tests).
    var nameHeadsInStep: Bool {
        var expected = (parts: NameHeads(), patterns: NameHeads())
        for part in parts.values { expected.parts.append(part.name) }
        for pattern in patterns.values { expected.patterns.append(pattern.name) }
        return expected.parts == partHeads && expected.patterns == patternHeads
    }

    // Parts and patterns leave, and change names, only through these, which keep the heads in step.
    private mutating func removePart(_ id: EntityID) {
        let index = parts.index(forKey: id)!
        parts.remove(at: index)
        partHeads.remove(at: index)
    }

    private mutating func removePattern(_ id: EntityID) {
        let index = patterns.index(forKey: id)!
        patterns.remove(at: index)
        patternHeads.remove(at: index)
    }

    private mutating func renamePart(_ id: EntityID, to name: String) {
        let index = parts.index(forKey: id)!
        parts.values[index].name = name
        partHeads.set(name, at: index)
    }

    private mutating func renamePattern(_ id: EntityID, to name: String) {
        let index = patterns.index(forKey: id)!
        patterns.values[index].name = name
        patternHeads.set(name, at: index)
    }

    /// Each part in the map's order, read in place. The body gets a pointer, so that reading
    /// `part.pointee.name` retains the name alone: handed a `Part` (even `borrowing`), each one was
    /// copied whole, and Tab's scan spent half its time in swift_retain. The pointer is valid only
    /// inside the body.
    func forEachPart(_ body: (UnsafePointer<Part>) -> Void) {
        parts.values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices { body(base + index) }
        }
    }

    /// Where the part `id` is in `parts`, remembered with the name last resolved when it is that part.
    private mutating func partIndex(_ id: EntityID) -> Int {
        guard let last = lastResolved, last.entity == .part(id) else { return parts.index(forKey: id)! }
        if let index = last.index { return index }
        let index = parts.index(forKey: id)!
        lastResolved!.index = index
        return index
    }

    private mutating func takeID() -> EntityID {
        defer { nextID += 1 }
        return nextID
    }

    /// A name ready to be given to a new (or renamed) entity, or the reason it can't be.
    private func checkedNewName(_ name: String, allowing owner: Entity? = nil) throws(MapError) -> String {
        let name = InnerSystem.normalized(name)
        guard !name.isEmpty else { throw .emptyName }
        guard !name.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { throw .nameHasLineBreak }
        guard InnerSystem.lowercased(name) != "self" else { throw .nameIsSelf }
        if let existing = names[NameKey(name)], existing != owner {
            if case .pattern = existing { throw .nameTaken(name, existing: self.name(of: existing), isPattern: true) }
            throw .nameTaken(name, existing: self.name(of: existing), isPattern: false)
        }
        return name
    }

    public func resolve(_ name: String) throws(MapError) -> Entity {
        if let entity = entity(named: name) { return entity }
        throw .noSuchName(name, suggestion: nearestName(to: name))
    }

    /// What `name` refers to, with the name as the map spells it (the name table keeps it as its
    /// key), from one look-up.
    private mutating func resolveNamed(_ name: String) throws(MapError) -> (entity: Entity, name: String) {
        if let last = lastResolved, last.written == name { return (last.entity, last.name) }
        guard let (kept, entity) = names.lookUp(NameKey(name)) else { throw .noSuchName(name, suggestion: nearestName(to: name)) }
        lastResolved = (name, entity, kept, nil)
        return (entity, kept)
    }

    private mutating func resolvePart(_ name: String) throws(MapError) -> (id: EntityID, name: String) {
        let found = try resolveNamed(name)
        switch found.entity {
        case .part(let id): return (id, found.name)
        case .pattern: throw .notAPart(found.name)
        }
    }

    /// The two ends of a relation: parts, or patterns for `echoes`.
    private mutating func resolveRelated(_ a: String, _ kind: RelationKind, _ b: String)
        throws(MapError) -> ((id: EntityID, name: String), (id: EntityID, name: String)) {
        guard kind.isBetweenPatterns else { return (try resolvePart(a), try resolvePart(b)) }
        func pattern(_ name: String) throws(MapError) -> (id: EntityID, name: String) {
            let found = try resolveNamed(name)
            switch found.entity {
            case .pattern(let id): return (id, found.name)
            case .part: throw .echoesNeedsPatterns(found.name)
            }
        }
        return (try pattern(a), try pattern(b))
    }

    private mutating func resolvePattern(_ name: String) throws(MapError) -> (id: EntityID, name: String) {
        let found = try resolveNamed(name)
        switch found.entity {
        case .pattern(let id): return (id, found.name)
        case .part: throw .notAPattern(found.name)
        }
    }

    /// The existing name closest to a mistyped one, if any is close enough to be a likely typo.
    public func nearestName(to name: String) -> String? {
        let wanted = Array(InnerSystem.key(name).unicodeScalars)
        guard !wanted.isEmpty else { return nil }
        var best: (distance: Int, name: String)?
        for candidate in allNames {
            let key = Array(InnerSystem.key(candidate).unicodeScalars)
            if key.starts(with: wanted) || wanted.starts(with: key) {
                let d = abs(key.count - wanted.count)
                if best == nil || d < best!.distance { best = (d, candidate) }
                continue
            }
            let limit = max(1, min(3, wanted.count / 3))
            guard abs(key.count - wanted.count) <= limit else { continue }
            let d = editDistance(wanted, key, limit: limit)
            if d <= limit, best == nil || d < best!.distance { best = (d, candidate) }
        }
        return best?.name
    }
}

/// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            rowMin = min(rowMin, current[j])
        }
        if rowMin > limit { return limit + 1 }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// How to undo one applied change. Internal steps, not lines of the language: the journal
/// records `undo` itself, and replay recomputes the reversal by applying the change again.
///
/// Each says only what the change touched (a field's old value, the answer to take back), not a
/// copy of the whole part: a map keeps one for every change in its journal, so undo works after
/// a restart. Changes are undone last-first, so undoing one finds everything else as it was right
/// after that change — which is also how the change itself is read back (`change(undoneBy:)`).
/// Rare, bulky ones are boxed (`indirect`) to keep every entry of the undo stack small.
public enum Reversal: Sendable {
    case removeEntity(Entity)
    indirect case restoreRemoved(RemovedEntity)
    case restorePartField(EntityID, PartField, StoredText?)
    case restorePatternField(EntityID, PatternField, String)
    case restoreRole(EntityID, Role)
    case restoreName(Entity, String)
    /// Takes back the entity's last answer, and puts back the field it filled (nil: none).
    case removeAnswer(Entity, field: PartField?, old: StoredText?)
    // `swapped`: the change named the relation's parts the other way round (a symmetric kind keeps the
    // smaller id first), so that the change read back from a reversal names them as it was written.
    case removeRelation(Relation, swapped: Bool)
    indirect case setRelationReason(Relation, StoredText, swapped: Bool)
    indirect case restoreRelation(Relation, StoredText, Int, swapped: Bool)
    case removeLink(Link)
    case restoreLink(Link, Int)
    /// Takes back the pattern's last incident (made by one answer).
    case removeIncident(EntityID)
    /// Puts back an incident's answer (nil: it had none), or takes back the moment the answer began.
    indirect case restoreIncidentEntry(EntityID, Int, IncidentEntry, old: String?, newMoment: Bool)
    /// Takes back the latest Self-energy reading.
    case removeSelfReading
    /// Takes back the part's latest check-in.
    case removeCheckin(EntityID)
    /// Takes back the part's latest step.
    case removeStep(EntityID)
    case restoreSelfCheck(Bool)
}

/// Everything `remove` took away, with positions, so undo puts it back exactly.
public struct RemovedEntity: Sendable {
    public enum Removed: Sendable {
        case part(Part, index: Int)
        case pattern(Pattern, index: Int)
    }
    public var entity: Removed
    public var relations: [(Relation, StoredText, Int)] = []
    public var links: [(Link, Int)] = []
}
