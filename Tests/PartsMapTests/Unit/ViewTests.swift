import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// `view` in the library: the page is drawn at once, then once per burst of changes, in the background;
/// it is never drawn over a map, nor of another time.
@Suite(.requires("dot")) struct ViewTests {
    let dir = NSTemporaryDirectory() + "partsmap-view-\(UUID().uuidString)"

    func runner() throws -> CommandRunner {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (document, _) = try MapDocument.open(path: dir + "/m.parts", access: .readWrite)
        let runner = CommandRunner(document: document, mapName: "m")
        runner.viewDirectory = dir + "/views"
        _ = try runner.run("add manager Inner Critic")
        return runner
    }

    @Test func aBurstOfChangesGivesOneRedrawAndTheLastDrawingHoldsThemAll() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = try runner()
        let reply = try runner.run("view")
        #expect(reply.message.contains("views/m.html") && reply.message.contains("Open it in a browser: file://"))
        let view = try #require(runner.liveView)
        #expect(view.drawings == 1, "drawn at once, before the browser opens it")
        for n in 1...10 { _ = try runner.run("add exile \"Little One \(n)\"") }
        let deadline = Date().addingTimeInterval(10)
        while view.drawings < 2, Date() < deadline { usleep(20_000) }
        usleep(400_000)  // long enough for any further drawing to have started
        #expect(view.drawings == 2, "ten changes in a row, one redraw")
        let page = try String(contentsOfFile: dir + "/views/m.html", encoding: .utf8)
        #expect(page.contains("Little One 10") && page.contains("location.reload"))
        runner.close()
    }

    @Test func theViewIsNeverDrawnOverAMapNorOfAnotherTime() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = try runner()
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/m.parts"))
        #expect(throws: DestinationError.self) { try runner.run("view \(dir)/m.parts") }
        #expect(throws: RunnerError.viewOfThePast) { try runner.run("view --at 1") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/m.parts")) == before)
        #expect(runner.liveView == nil)
        #expect(try runner.run("view off").message.contains("not on"))
    }

    @Test func viewOffStopsTheRedrawingAndLeavesThePage() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = try runner()
        _ = try runner.run("view \(dir)/page.html")
        #expect(try runner.run("view off").message.contains("Stopped redrawing"))
        _ = try runner.run("add part Sleepy")
        usleep(400_000)
        let page = try String(contentsOfFile: dir + "/page.html", encoding: .utf8)
        #expect(page.contains("Inner Critic") && !page.contains("Sleepy"))
    }
}
