import Foundation
@testable import PartsMap

/// Maps for the session tests: the worked examples in sessions/, and small histories built
/// record by record at known times.
enum SessionFixtures {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions")

    /// The lines of an example map in sessions/.
    static func lines(of example: String) throws -> [String] {
        let text = try String(contentsOf: examples.appendingPathComponent(example), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The example's lines replayed, every record kept (as `MapDocument.timeline()` keeps them).
    static func replay(_ lines: [String]) throws -> EditHistory {
        var report = LoadReport()
        return try MapDocument.replay(lines, path: "example", keepingEntries: true, report: &report)
    }

    /// A history from command-language lines, one a minute from noon UTC on 2026-10-01, every record kept.
    static func history(_ lines: [String]) throws -> EditHistory {
        var history = EditHistory(keepingEntries: true)
        var time = Timestamp(iso8601: "2026-10-01T12:00:00Z")!
        for line in lines {
            let system = history.system
            let record = try Parser(isKnownName: { system.entity(named: $0) != nil }).parseJournalRecord(line)
            try history.record(record, at: time)
            time.secondsSinceEpoch += 60
        }
        return history
    }

    /// A map in a few readable lines: every part and pattern with its role and how many answers
    /// it has, every relation and link — what "the map at a session" means in these tests.
    static func outline(_ system: InnerSystem) -> [String] {
        func name(_ id: EntityID) -> String { system.parts[id]?.name ?? system.patterns[id]!.name }
        return system.parts.values.map { "\($0.role.rawValue) \($0.name): \($0.answers.count) answers" }
            + system.patterns.values.map { "pattern \($0.name) with \($0.with): \($0.answers.count) answers" }
            + system.relations.keys.map { "\(name($0.from)) \($0.kind.rawValue) \(name($0.to))" }
            + system.links.map { "\(name($0.part)) in \(name($0.pattern))" }
    }
}
