extension InnerSystem {
    /// The change `reversal` takes back, read from the map as it is right after that change — as
    /// it always is when undo reaches it (changes are undone last-first). The undo stack keeps only
    /// reversals, so that a change's words are let go of as soon as the map has kept them.
    ///
    /// It is the change as applied: names as the map spells them, an empty text for a cleared field.
    func change(undoneBy reversal: Reversal) -> Change {
        func partName(_ id: EntityID) -> String { parts[id]!.name }
        func relationNames(_ relation: Relation, swapped: Bool) -> (String, String) {
            let names = (partName(relation.from), partName(relation.to))
            return swapped ? (names.1, names.0) : names
        }
        switch reversal {
        case .removeEntity(.part(let id)):
            let part = parts[id]!
            return .addPart(name: part.name, role: part.role)
        case .removeEntity(.pattern(let id)):
            let pattern = patterns[id]!
            return .addPattern(name: pattern.name, with: pattern.with)
        case .restoreRemoved(let removed):
            switch removed.entity {
            case .part(let part, _): return .remove(name: part.name)
            case .pattern(let pattern, _): return .remove(name: pattern.name)
            }
        case .restorePartField(let id, let field, _):
            return .setField(name: partName(id), field: .part(field), text: parts[id]!.fields[field] ?? "")
        case .restorePatternField(let id, let field, _):
            let pattern = patterns[id]!
            return .setField(name: pattern.name, field: .pattern(field), text: field == .with ? pattern.with : pattern.description)
        case .restoreRole(let id, _):
            let part = parts[id]!
            return .setRole(name: part.name, role: part.role)
        case .restoreName(let entity, let old):
            return .rename(name: old, to: name(of: entity))
        case .removeAnswer(let entity, _, _):
            let answer = switch entity {
            case .part(let id): parts[id]!.answers.last!
            case .pattern(let id): patterns[id]!.answers.last!
            }
            return .answer(name: name(of: entity), question: answer.question, text: answer.text)
        case .removeRelation(let relation, let swapped), .setRelationReason(let relation, _, let swapped):
            let (from, to) = relationNames(relation, swapped: swapped)
            return .relate(from: from, kind: relation.kind, to: to, reason: relations[relation]!)
        case .restoreRelation(let relation, _, _, let swapped):
            let (from, to) = relationNames(relation, swapped: swapped)
            return .unrelate(from: from, kind: relation.kind, to: to)
        case .removeLink(let link):
            return .link(part: partName(link.part), pattern: patterns[link.pattern]!.name)
        case .restoreLink(let link, _):
            return .unlink(part: partName(link.part), pattern: patterns[link.pattern]!.name)
        case .removeSelfReading:
            let record = selfReadings.last!
            return .selfReading(SelfReading(level: record.level, qualities: record.qualities, note: record.note,
                                            check: record.check.map { ($0.moment, partName($0.part)) }))
        case .removeCheckin(let id):
            let checkin = parts[id]!.checkins.last!
            return .checkin(part: partName(id), level: checkin.level, blended: checkin.blended, text: checkin.text)
        case .removeStep(let id):
            let step = parts[id]!.steps.last!
            return .mark(part: partName(id), step: step.step, text: step.text)
        case .restoreSelfCheck:
            return .selfCheck(on: selfCheckOn)
        }
    }
}
