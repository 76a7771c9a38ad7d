import Foundation
import Testing
@testable import PartsMap

/// The exports of a rich example map, byte for byte. A change to how diagrams or handouts look
/// shows up here as a diff to review (PARTSMAP_RECORD=1 re-records).
@Suite struct ExportGoldenTests {
    @Test func dot() throws {
        try ExportFixtures.checkGolden(ExportFixtures.text(.dot, ExportFixtures.richMap()), "example.dot")
    }

    @Test func dotPatternView() throws {
        var options = ExportOptions()
        options.pattern = "hot and cold"
        try ExportFixtures.checkGolden(ExportFixtures.text(.dot, ExportFixtures.richMap(), options: options), "example-pattern.dot")
    }

    @Test func dotIncident() throws {
        var options = ExportOptions()
        options.incident = "hot and cold:1"
        try ExportFixtures.checkGolden(ExportFixtures.text(.dot, ExportFixtures.richMap(), options: options), "example-incident.dot")
    }

    @Test func dotOpenRupture() throws {
        var options = ExportOptions()
        options.incident = "Pleasing my therapist"
        try ExportFixtures.checkGolden(ExportFixtures.text(.dot, ExportFixtures.richMap(), options: options), "example-rupture.dot")
    }

    @Test func mermaid() throws {
        try ExportFixtures.checkGolden(ExportFixtures.text(.mermaid, ExportFixtures.richMap()), "example.mmd")
    }

    @Test func json() throws {
        try ExportFixtures.checkGolden(ExportFixtures.text(.json, ExportFixtures.richMap()), "example.json")
    }

    @Test func markdown() throws {
        try ExportFixtures.checkGolden(ExportFixtures.text(.markdown, ExportFixtures.richMap()), "example.md")
    }
}
