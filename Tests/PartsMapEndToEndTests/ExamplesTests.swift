import Foundation
import Testing

/// Every worked example in sessions/ loads, renders, and the SVG committed beside it is current.
/// Re-render them all with `PARTSMAP_RECORD=1 swift test --filter ExamplesTests`.
@Suite struct ExamplesTests {
    static let sessions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions")

    @Test func everyExampleRendersAndItsDiagramIsCurrent() throws {
        let box = try Sandbox()
        let maps = try FileManager.default.contentsOfDirectory(atPath: Self.sessions.path).filter { $0.hasSuffix(".parts") }.sorted()
        #expect(!maps.isEmpty)
        for name in maps {
            let map = Self.sessions.appendingPathComponent(name).path
            let committed = Self.sessions.appendingPathComponent(name.replacingOccurrences(of: ".parts", with: ".svg"))
            let fresh = box.dir.appendingPathComponent("fresh.svg")
            let r = try box.run(["--read-only", map, "-c", "export svg \(fresh.path)"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let rendered = try Data(contentsOf: fresh)
            if ProcessInfo.processInfo.environment["PARTSMAP_RECORD"] != nil {
                try rendered.write(to: committed)
            } else {
                #expect(try Data(contentsOf: committed) == rendered, "\(name): its SVG is out of date — re-render with PARTSMAP_RECORD=1")
            }
        }
    }
}
