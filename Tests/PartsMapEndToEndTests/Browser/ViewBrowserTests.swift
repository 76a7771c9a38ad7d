import Foundation
import TestSupport
import Testing

/// `view` with a real browser watching: a change typed into a running partsmap shows on the open page
/// by itself, within seconds, the reader's place on the page kept.
@Suite(.requires("chromium"), .requires("dot"))
struct ViewBrowserTests {
    @Test func theOpenPageShowsANewPartWithoutAnyoneReloadingIt() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        // Enough on the map for the page to scroll.
        try box.run([box.map], input: (1...12).map { "add manager \"Planner \($0)\"\n" }.joined())
        let child = try Child(box, [box.map])
        defer { child.kill() }
        child.send("view\n")
        var page: String?
        while let line = child.nextErrorLine() {
            if let range = line.range(of: "file://") { page = String(line[range.lowerBound...]) }
            if line.contains("`view off`") { break }
        }
        let url = try #require(page.flatMap(URL.init(string:)), "view said where its page is")
        #expect((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let browser = try DevToolsBrowser(page: url, scratch: box.dir)
        try browser.attachToPage()
        let first = browser.wait(for: "document.body ? document.body.innerText : ''", seconds: 20) { $0.contains("Planner 12") }
        #expect(first?.contains("Planner 12") == true, "the page shows the map")
        let place = Double(browser.evaluate("window.scrollTo(0, 400), window.scrollY") ?? "") ?? 0
        #expect(place > 100, "the page is long enough to scroll (scrollY \(place))")

        let started = Date()
        child.send("add exile \"Little One Who Waits\"\n")
        #expect(child.nextErrorLine()?.contains("Added exile") == true)
        let shown = browser.wait(for: "document.body ? document.body.innerText : ''", seconds: 20) { $0.contains("Little One Who Waits") }
        let took = Date().timeIntervalSince(started)
        #expect(shown?.contains("Little One Who Waits") == true, "the new part reached the open page by itself")
        print("view: the new part showed on the open page after \(String(format: "%.1f", took)) s")
        #expect(took < 10, "about two seconds, not \(took)")
        let loads = Int(browser.evaluate("document.documentElement.getAttribute('data-loads')") ?? "") ?? 0
        #expect(loads > 1, "the page reloaded itself (\(loads) loads)")
        let scrolled = Double(browser.evaluate("window.scrollY") ?? "") ?? -1
        // Kept, not reset to the top (the diagram above may have grown or shrunk a little).
        #expect(abs(scrolled - place) < 40, "the reader's place is kept across the reload (scrollY \(scrolled), was \(place))")
        child.closeInput()
        #expect(child.waitForExit(seconds: 10))
    }
}
