import Foundation
import Testing
import TestSupport

/// A debrief at the keyboard: Tab offers the parts at "Which part of you was active?", the chosen
/// part is linked to the pattern, and Ctrl-C stops keeping what was said.
@Suite(.requires("tmux")) struct DebriefTerminalTests {
    @Test func tabOffersThePartsAtTheActivePartQuestion() throws {
        let box = try Sandbox()
        try box.script("add firefighter The One Who Leaves", "add manager Pursuer", "add pattern Hot and cold with Sam")
        let t = TerminalTests.Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("debrief Hot and cold the Sunday call")
        try t.press("Enter")
        try t.waitFor("Give a brief highlight of how it went.")
        try t.type("quiet")
        try t.press("Enter")
        try t.waitFor("What happened first?")
        try t.type("Sam said later")
        try t.press("Enter")
        try t.waitFor("Which part of you was active?")
        try t.type("The O")
        try t.press("Tab")
        try t.waitFor("… The One Who Leaves")
        try t.press("Enter")
        try t.waitFor("Linked \"The One Who Leaves\" to \"Hot and cold\".")
        try t.waitFor("What did you do?")
        try t.type("half an ans")
        try t.press("C-c")
        try t.waitFor("Kept 3 answers in debrief 1 of \"Hot and cold\".")
        #expect(try t.quitWithCtrlD() == "0")
        let card = try box.run([box.map, "-c", "show Hot and cold --incident 1"]).stdout
        #expect(card.contains("\"The One Who Leaves (firefighter)\""), "\(card)")
        #expect(!card.contains("half an ans"))
        let pattern = try box.run([box.map, "-c", "show Hot and cold"]).stdout
        #expect(pattern.contains("Parts that show up in it: The One Who Leaves (firefighter)"))
    }
}
