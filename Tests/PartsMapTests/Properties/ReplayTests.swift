import Testing
@testable import PartsMap
import TestSupport

/// replay(journal(x)) == x: any sequence of edits, written as journal lines and read back,
/// rebuilds exactly the map that wrote it — including undo and redo.
@Suite struct ReplayTests {
    static func randomRecord(_ rng: inout SeededGenerator, in system: InnerSystem) -> JournalRecord {
        let names = system.allNames
        func existing() -> String { names.randomElement(using: &rng) ?? NastyText.name(&rng) }
        func anyName() -> String { Int.random(in: 0..<4, using: &rng) == 0 ? NastyText.name(&rng) : existing() }
        let patterns = system.patterns.values.map(\.name)
        func pattern() -> String { patterns.randomElement(using: &rng) ?? anyName() }
        // An incident's answer: mostly the next one in line, now and then one the map refuses.
        func incident() -> Change {
            let name = pattern()
            let count = system.pattern(named: name)?.incidents.count ?? 0
            let number = Int.random(in: 1...(count + 1), using: &rng) + (Int.random(in: 0..<10, using: &rng) == 0 ? 1 : 0)
            let kind = system.pattern(named: name).flatMap { number <= $0.incidents.count ? $0.incidents[number - 1].kind : nil }
                ?? IncidentKind.allCases.randomElement(using: &rng)!
            let moments = system.pattern(named: name).flatMap { number <= $0.incidents.count ? $0.incidents[number - 1].moments.count : nil } ?? 0
            let entry: IncidentEntry = kind == .debrief && Bool.random(using: &rng)
                ? .moment(Int.random(in: 1...(moments + 1), using: &rng), MomentQuestion.allCases.randomElement(using: &rng)!)
                : .about(([.title] + kind.questions).randomElement(using: &rng)!)
            let text = Int.random(in: 0..<4, using: &rng) == 0 ? existing() : NastyText.make(&rng) + "."
            return .incident(pattern: name, number: number, kind: kind, entry: entry, text: text)
        }
        func level() -> Int { Int.random(in: -1...11, using: &rng) }  // now and then outside 0–10, which is refused
        switch Int.random(in: 0..<25, using: &rng) {
        case 0, 1, 2: return .change(.addPart(name: NastyText.name(&rng), role: Role.allCases.randomElement(using: &rng)!))
        case 3: return .change(.addPattern(name: NastyText.name(&rng), with: NastyText.make(&rng)))
        case 4: return .change(.setField(name: anyName(), field: .part(PartField.allCases.randomElement(using: &rng)!), text: NastyText.make(&rng)))
        case 5: return .change(.rename(name: anyName(), to: NastyText.name(&rng)))
        case 6: return .change(.remove(name: anyName()))
        case 7, 8: return .change(.relate(from: anyName(), kind: RelationKind.allCases.randomElement(using: &rng)!, to: anyName(),
                                          reason: NastyText.make(&rng)))
        case 9: return .change(.link(part: anyName(), pattern: anyName()))
        case 10: return .change(.answer(name: anyName(), question: Question.allCases.randomElement(using: &rng)!, text: NastyText.make(&rng) + "."))
        case 11: return .change(.sessionStart(title: NastyText.make(&rng)))
        case 12: return .change(.sessionEnd)
        case 13: return .change(.setRole(name: anyName(), role: Role.allCases.randomElement(using: &rng)!))
        case 14: return .undo
        case 15: return .change(.checkin(part: anyName(), level: level(), blended: Bool.random(using: &rng), text: NastyText.make(&rng)))
        case 16: return .change(.mark(part: anyName(), step: HealingStep.allCases.randomElement(using: &rng)!, text: NastyText.make(&rng)))
        case 17:
            let qualities = SelfQuality.allCases.filter { _ in Bool.random(using: &rng) }.map { SelfReading.QualityLevel($0, level()) }
            let check = Bool.random(using: &rng) ? (SelfCheckMoment.allCases.randomElement(using: &rng)!, anyName()) : nil
            return .change(.selfReading(SelfReading(level: Bool.random(using: &rng) ? level() : nil, qualities: qualities,
                                                    note: NastyText.make(&rng), check: check)))
        case 18: return .change(.selfCheck(on: Bool.random(using: &rng)))
        case 19: return .redo
        // Echoes between the map's patterns (and now and then a part or a missing name, refused).
        case 20: return .change(.relate(from: pattern(), kind: .echoes, to: pattern(), reason: Bool.random(using: &rng) ? "" : NastyText.make(&rng)))
        case 21: return .change(.unrelate(from: pattern(), kind: .echoes, to: pattern()))
        case 22, 23: return .change(incident())
        default: return .change(.unrelate(from: anyName(), kind: RelationKind.allCases.randomElement(using: &rng)!, to: anyName()))
        }
    }

    @Test func aJournalRebuildsExactlyTheMapThatWroteIt() throws {
        var rng = SeededGenerator.replayable(2026)
        // The generator must reach the newer changes, not only offer them: counted as they are journaled.
        var journaledKinds: Set<String> = []
        for round in 0..<40 {
            var live = EditHistory()
            var lines = [JournalFormat.header]
            var time = Timestamp(iso8601: "2026-11-01T09:00:00Z")!
            for _ in 0..<150 {
                let record = Self.randomRecord(&rng, in: live.system)
                time.secondsSinceEpoch += Int64.random(in: 0...600, using: &rng)
                // Only what applies is journaled, as MapDocument does; the line carries the canonical names.
                guard let outcome = try? live.record(record, at: time) else { continue }
                let journaled: JournalRecord
                if case .applied(let change) = outcome { journaled = .change(change) } else { journaled = record }
                lines.append(JournalFormat.line(for: journaled, at: time))
                if case .change(.incident(_, _, let kind, let entry, _)) = journaled {
                    journaledKinds.insert(kind.rawValue)
                    if case .moment = entry { journaledKinds.insert("moment") }
                }
                if case .change(.relate(_, .echoes, _, _)) = journaled { journaledKinds.insert("echoes") }
                if case .undo = journaled { journaledKinds.insert("undo") }
            }
            var report = LoadReport()
            let replayed = try MapDocument.replay(lines, path: "round-\(round)", report: &report).system
            #expect(replayed.parts == live.system.parts, "round \(round)")
            #expect(replayed.patterns == live.system.patterns, "round \(round)")
            #expect(replayed.relations == live.system.relations, "round \(round)")
            #expect(replayed.links == live.system.links, "round \(round)")
            #expect(replayed.sessions == live.system.sessions, "round \(round)")
            #expect(replayed.selfReadings == live.system.selfReadings, "round \(round)")
            #expect(replayed.selfCheckOn == live.system.selfCheckOn, "round \(round)")
            #expect(report.records == lines.count - 1)
        }
        #expect(journaledKinds.isSuperset(of: ["debrief", "rupture", "moment", "echoes", "undo"]), "\(journaledKinds)")
    }
}
