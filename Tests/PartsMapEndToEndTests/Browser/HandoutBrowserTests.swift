import Foundation
import TestSupport
import Testing

/// `export html` in a real browser: what a person sees on screen and on paper.
@Suite(.requires("chromium"), .requires("dot"), .requires("pdftotext"), .requires("python3"))
struct HandoutBrowserTests {
    /// Names a browser could mistake for markup, or draw wrongly.
    static let nastyNames = ["</svg><script>alert(1)</script>", "Tom & \"Jerry\" <b>", "Kleine 🧒🏽", "שלום עליכם",
                             "it's <!-- not a comment -->"]

    func mapWithNastyNames(_ box: Sandbox) throws {
        let long = String(repeating: "so much to say — אני לבד 🧒🏽 ", count: 700)  // about 20 KiB
        var script = ["add manager \"Inner Critic\"", "add exile \"Little One\"", "\"Inner Critic\" protects \"Little One\"",
                      "add pattern \"Pursue and withdraw\" with Sam", "link \"Inner Critic\" to \"Pursue and withdraw\"",
                      "ask \"Inner Critic\" protecting \(long)"]
        for (index, name) in Self.nastyNames.enumerated() {
            let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            script.append("add \(["manager", "firefighter", "exile", "part", "exile"][index]) \(quoted)")
            script.append("set \(quoted) note written by \(quoted)")
        }
        let result = try box.script(script.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func theHandoutShowsEveryNameAsTextOnScreen() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try mapWithNastyNames(box)
        let page = box.dir.appendingPathComponent("handout.html")
        #expect(try box.run([box.map, "-c", "export html handout.html"]).status == 0)
        let browser = Browser(scratch: box.dir)
        let dom = try browser.dom(page)
        // The DOM holds each name as text (escaped as a serializer writes text), never as markup.
        #expect(!dom.contains("<script"), "a name became a script element")
        for name in Self.nastyNames + ["Inner Critic", "Little One", "Pursue and withdraw"] {
            let asText = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            #expect(dom.contains(asText), "\(name) is not on the page as text")
        }
        #expect(dom.contains("<svg"), "the diagram is inline")
        for fetch in ["<link", " src=", "@import", "url(", "<iframe"] { #expect(!dom.contains(fetch), "the page fetches nothing: \(fetch)") }
        let png = box.dir.appendingPathComponent("handout.png")
        try browser.screenshot(page, to: png)
        let inked = try Browser.inkedFraction(png)
        #expect(inked > 0.02 && inked < 0.9, "the screenshot is blank or solid: \(inked) of it inked")
    }

    @Test func thePrintedHandoutHasTheDiagramOnItsOwnPageThenTheCards() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try mapWithNastyNames(box)
        let page = box.dir.appendingPathComponent("handout.html")
        #expect(try box.run([box.map, "-c", "export html handout.html"]).status == 0)
        let pdf = box.dir.appendingPathComponent("handout.pdf")
        try Browser(scratch: box.dir).printToPDF(page, to: pdf)
        let pages = try Browser.pages(pdf)
        #expect(pages.count >= 3, "the diagram's page, then the cards and patterns")
        #expect(pages.first?.contains("Legend") == true, "the first page holds the diagram")
        #expect(pages.first?.contains("What it has said") == false, "the diagram's page holds no card")
        let cards = pages.dropFirst().joined()
        for name in ["Inner Critic", "Little One", "Pursue and withdraw", "Kleine", "Tom & \"Jerry\" <b>"] {
            #expect(cards.contains(name), "\(name) is not on the printed cards")
        }
        #expect(cards.contains("Parts") && cards.contains("Relationship patterns"))
    }
}
