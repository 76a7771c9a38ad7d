import Foundation
import Testing
import TestSupport

/// The check-in at a real terminal: Tab offers the parts at "which part is around today", and
/// `trends` draws block characters where the terminal and locale can show them.
@Suite(.serialized, .requires("tmux")) struct CheckinTerminalTests {
    @Test func tabOffersThePartsInACheckinAndTrendsDrawBlocks() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager Inner Critic", "add exile Little One")
        let t = TerminalTests.Tmux(box: box)
        defer { t.stop() }
        try t.start(environment: ["LANG": "C.UTF-8"])
        try t.type("checkin")
        try t.press("Enter")
        try t.waitFor("Which part is around today?")
        try t.type("Inn")
        try t.press("Tab")
        try t.waitFor("… Inner Critic")
        try t.press("Enter")
        try t.waitFor("How strongly is \"Inner Critic\" here today, 0–10?")
        try t.type("7")
        try t.press("Enter")
        try t.waitFor("were you blended with it?")
        try t.type("y")
        try t.press("Tab")
        try t.waitFor("… yes")
        try t.press("Enter")
        try t.waitFor("What set it off?")
        try t.type("the deadline")
        try t.press("Enter")
        try t.waitFor("Another part around today?")
        try t.press("Enter")
        try t.waitFor("How much Self-energy is here now, 0–10?")
        try t.type("5")
        try t.press("Enter")
        try t.waitFor("A note for today?")
        try t.press("Enter")
        try t.waitFor("Checked in: \"Inner Critic\" 7 (blended), Self-energy 5. Thank you.")
        try t.type("trends")
        try t.press("Enter")
        try t.waitFor("Inner Critic  ▆  now 7")
        #expect(try t.screen().contains("Self-energy   ▅  now 5"))
        #expect(try t.quitWithCtrlD() == "0")
        let card = try box.run([box.map, "-c", "show Inner Critic"]).stdout
        #expect(card.contains("7/10, blended (it had taken over) — set off by \"the deadline\""))
    }
}
