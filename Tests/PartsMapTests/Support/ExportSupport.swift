import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// Maps and helpers shared by the export tests.
enum ExportFixtures {
    /// A realistic map grown over three sessions: every role, every relation kind, patterns
    /// with three different people and one with nobody named, dated answers, and a few of the
    /// characters that need care (a quote in a name, a backslash, an emoji, a line break).
    /// Every change is made at noon UTC, so dates read the same in any time zone.
    static func richMap() throws -> InnerSystem {
        var system = InnerSystem()
        var day = "2026-10-03"
        var minute = 0
        func at() -> Timestamp {
            defer { minute += 1 }
            return Timestamp(iso8601: "\(day)T12:\(minute < 10 ? "0" : "")\(minute):00Z")!
        }
        func apply(_ change: Change) throws { try system.apply(change, at: at()) }
        func set(_ name: String, _ field: PartField, _ text: String) throws {
            try apply(.setField(name: name, field: .part(field), text: text))
        }

        try apply(.sessionStart(title: "first look"))
        try apply(.addPart(name: "Inner Critic", role: .manager))
        try set("Inner Critic", .age, "about 12")
        try set("Inner Critic", .body, "tight jaw, behind the eyes")
        try set("Inner Critic", .job, "points out every flaw before anyone else can")
        try set("Inner Critic", .intent, "wants me to be safe from being laughed at")
        try set("Inner Critic", .trailhead, "sending work to my boss; Sam going quiet")
        try apply(.addPart(name: "Planner", role: .manager))
        try set("Planner", .job, "lists, calendars, three backup plans")
        try set("Planner", .note, "colour-codes everything (red \\ amber \\ green)")
        try apply(.addPart(name: "People-Pleaser", role: .manager))
        try set("People-Pleaser", .job, "says yes before I have checked what I want")
        try apply(.addPart(name: "The Scroller", role: .firefighter))
        try set("The Scroller", .body, "heavy arms, glazed eyes")
        try set("The Scroller", .note, "mostly after 11 pm 🌙")
        try apply(.addPart(name: "The One Who Leaves", role: .firefighter))
        try set("The One Who Leaves", .job, "goes cold and leaves the room when an argument starts")
        try apply(.addPart(name: "Little One", role: .exile))
        try set("Little One", .age, "6")
        try set("Little One", .feeling, "alone, too much")
        try set("Little One", .burden, "if I need things, people go away")
        try apply(.addPart(name: "The \"Too Much\" Girl", role: .exile))
        try set("The \"Too Much\" Girl", .feeling, "loud, ashamed")
        try apply(.addPart(name: "Tight Chest", role: .unknown))
        try set("Tight Chest", .body, "chest, before phone calls")
        try apply(.relate(from: "Inner Critic", kind: .protects, to: "Little One",
                          reason: "being laughed at, feeling like I'm too much"))
        try apply(.relate(from: "Planner", kind: .protects, to: "Little One", reason: ""))
        try apply(.relate(from: "People-Pleaser", kind: .protects, to: "The \"Too Much\" Girl",
                          reason: "people leaving if I say no"))
        try apply(.relate(from: "The Scroller", kind: .protects, to: "Little One", reason: ""))
        try apply(.relate(from: "The One Who Leaves", kind: .protects, to: "The \"Too Much\" Girl", reason: ""))
        try apply(.relate(from: "Inner Critic", kind: .polarized, to: "The Scroller", reason: ""))
        try apply(.relate(from: "Planner", kind: .allied, to: "Inner Critic", reason: ""))
        try apply(.answer(name: "Inner Critic", question: .protecting, text: "being laughed at, like in sixth grade"))
        try apply(.answer(name: "The Scroller", question: .protecting, text: "the loneliness at night"))
        try apply(.sessionEnd)

        day = "2026-10-17"; minute = 0
        try apply(.sessionStart(title: "with Sam in mind"))
        try apply(.addPattern(name: "Hot and cold", with: "Sam"))
        try apply(.setField(name: "Hot and cold", field: .pattern(.description),
                            text: "I reach for Sam; Sam pulls back; I go cold.\nThen we both wait."))
        try apply(.addPattern(name: "Pursue / withdraw", with: "Sam"))
        try apply(.addPattern(name: "Saying yes to everything", with: "my boss, Dana"))
        try apply(.addPattern(name: "Pleasing my therapist", with: "my therapist"))
        try apply(.addPattern(name: "Waiting to be asked", with: ""))
        try apply(.link(part: "Inner Critic", pattern: "Hot and cold"))
        try apply(.link(part: "The One Who Leaves", pattern: "Hot and cold"))
        try apply(.link(part: "The Scroller", pattern: "Pursue / withdraw"))
        try apply(.link(part: "People-Pleaser", pattern: "Saying yes to everything"))
        try apply(.link(part: "Planner", pattern: "Saying yes to everything"))
        try apply(.link(part: "People-Pleaser", pattern: "Pleasing my therapist"))
        try apply(.link(part: "People-Pleaser", pattern: "Waiting to be asked"))
        try apply(.answer(name: "Inner Critic", question: .afraid, text: "that I'd fall apart and everyone would see"))
        try apply(.answer(name: "Hot and cold", question: .hard, text: "I go quiet instead of saying I'm hurt."))
        try apply(.answer(name: "Hot and cold", question: .choices, text: "When Sam said \"later\" —\nI could have asked when."))
        try apply(.sessionEnd)

        day = "2026-11-21"; minute = 0
        try apply(.sessionStart(title: "after the weekend"))
        try apply(.relate(from: "Tight Chest", kind: .polarized, to: "People-Pleaser", reason: ""))
        try apply(.answer(name: "The One Who Leaves", question: .message, text: "I am tired of being the bad guy."))
        try apply(.relate(from: "Pleasing my therapist", kind: .echoes, to: "Waiting to be asked", reason: ""))
        try apply(.relate(from: "Hot and cold", kind: .echoes, to: "Pleasing my therapist", reason: "the same going quiet"))
        func debrief(_ entry: IncidentEntry, _ text: String) throws {
            try apply(.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: entry, text: text))
        }
        try debrief(.about(.title), "the Sunday call")
        try debrief(.about(.highlight), "It started well; it ended with both of us \"fine\" and silent.")
        try debrief(.moment(1, .happened), "Sam said \"later\" when I asked about the trip.")
        try debrief(.moment(1, .part), "The One Who Leaves")
        try debrief(.moment(1, .did), "I went cold and left the room.")
        try debrief(.moment(1, .options), "Say it hurt.\nAsk when \"later\" is.")
        try debrief(.moment(2, .happened), "We watched TV without talking.")
        try debrief(.moment(2, .part), "a numb, far-away part")
        try debrief(.about(.next), "Say I'm scared before I go cold.")
        try apply(.incident(pattern: "Pleasing my therapist", number: 1, kind: .rupture, entry: .about(.happened),
                            text: "She moved our session and I said it was fine."))
        try apply(.incident(pattern: "Pleasing my therapist", number: 1, kind: .rupture, entry: .about(.felt), text: "dropped"))
        return system
    }

    static let context = ExportContext(mapName: "Maya's map", date: "2026-11-21")

    static func export(_ format: ExportFormat, _ system: InnerSystem, options: ExportOptions = ExportOptions(),
                       file: String? = nil, context: ExportContext = context) throws -> ExportOutput {
        try makeExport(ExportRequest(format: format, file: file, options: options), of: system, context: context)
    }

    static func text(_ format: ExportFormat, _ system: InnerSystem, options: ExportOptions = ExportOptions()) throws -> String {
        String(decoding: try export(format, system, options: options).bytes, as: UTF8.self)
    }

    /// The directory holding the golden files, next to this source file.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/Recorded")

    /// Compares `actual` with the golden file `name`, or (re)writes it when PARTSMAP_RECORD=1.
    static func checkGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PARTSMAP_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(Comment(rawValue: "golden file \(name) is missing — run with PARTSMAP_RECORD=1 to write it"),
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) ?? min(a.count, b.count)
            let was = first < a.count ? String(a[first]) : "<end>"
            let now = first < b.count ? String(b[first]) : "<end>"
            let message = "\(name) differs from its golden file at line \(first + 1):\n  golden: \(was)\n  now:    \(now)\n"
                + "(PARTSMAP_RECORD=1 re-records it if the change is intended)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
