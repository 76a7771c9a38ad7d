import Foundation
import Testing

/// Every worked example in sessions/ loads, renders, and the SVG committed beside it is current.
/// Re-render them all with `PARTSMAP_RECORD=1 swift test --filter ExamplesTests`.
@Suite struct ExamplesTests {
    static let sessions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions")

    static func maps() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasSuffix(".parts") }.sorted()
    }

    /// Diagrams beyond each map's own: (map, export options, diagram), shown in README.md.
    static let moreDiagrams = [("therapist-guided.parts", "--since 3", "therapist-guided-since-3.svg")]

    @Test func everyExampleRendersAndItsDiagramIsCurrent() throws {
        let box = try Sandbox()
        let maps = try Self.maps()
        #expect(maps.count >= 3)
        let diagrams = maps.map { ($0, "", $0.replacingOccurrences(of: ".parts", with: ".svg")) } + Self.moreDiagrams
        for (name, options, diagram) in diagrams {
            let map = Self.sessions.appendingPathComponent(name).path
            let committed = Self.sessions.appendingPathComponent(diagram)
            let fresh = box.dir.appendingPathComponent("fresh.svg")
            let (status, stderr) = try Self.renderInUTC(map, options: options, to: fresh.path, in: box)
            #expect(status == 0, "\(name): \(stderr)")
            let rendered = try Data(contentsOf: fresh)
            if ProcessInfo.processInfo.environment["PARTSMAP_RECORD"] != nil {
                try rendered.write(to: committed)
            } else {
                #expect(try Data(contentsOf: committed) == rendered, "\(diagram) is out of date — re-render with PARTSMAP_RECORD=1")
            }
        }
    }

    /// `export svg` run in UTC: a diagram is dated by its map's last session, and the date is
    /// local, so pinning the zone gives the same bytes on every machine.
    static func renderInUTC(_ map: String, options: String, to svg: String, in box: Sandbox) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary)
        process.arguments = ["--read-only", map, "-c", "export svg \(options) \(svg)"]
        process.environment = box.environment.merging(["TZ": "UTC"]) { $1 }
        let errors = box.dir.appendingPathComponent("render-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let handle = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Each example loads without a word of complaint, grew over several sessions that each
    /// left something, and can be looked back on session by session.
    @Test func everyExampleLoadsAndCanBeLookedBackOn() throws {
        let box = try Sandbox()
        for name in try Self.maps() {
            let map = Self.sessions.appendingPathComponent(name).path
            let r = try box.run(["--read-only", map, "-c", "show", "-c", "sessions", "-c", "timeline", "-c", "changes 1",
                                 "-c", "diff 1", "-c", "show --at 1", "-c", "export dot --since 1"])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(name): \(r.stderr)")
            #expect(!r.stdout.contains("(nothing that lasted"), "\(name): every session leaves something")
            #expect(r.stdout.contains("new since session 1") || r.stdout.contains("new or newly answered since session 1"), "\(name)")
            let sessions = try box.run(["--read-only", map, "-c", "sessions"]).stdout
            #expect(sessions.split(separator: "\n").count >= 3, "\(name): more than one sitting")
            #expect(!sessions.contains("(changes outside a marked session)"), "\(name): every sitting is marked")
        }
    }

    /// The examples are written with care: the folder's README introduces each one, and none
    /// uses words that judge a part.
    @Test func everyExampleIsIntroducedAndWrittenWithCare() throws {
        let readme = try String(contentsOf: Self.sessions.appendingPathComponent("README.md"), encoding: .utf8)
        for name in try Self.maps() {
            #expect(readme.contains(name) && readme.contains(name.replacingOccurrences(of: ".parts", with: ".svg")), "\(name)")
            let text = try String(contentsOf: Self.sessions.appendingPathComponent(name), encoding: .utf8).lowercased()
            for word in ["bad part", "toxic", "disorder", "sick part", "pathological"] {
                #expect(!text.contains(word), "\(name) says \"\(word)\"")
            }
        }
    }
}
