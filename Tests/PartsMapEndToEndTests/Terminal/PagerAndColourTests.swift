import Foundation
import Testing
import TestSupport

/// What only a person at a terminal gets: output taller than the screen through a pager, and headings
/// and role words in colour — and, in a pipe, neither.
@Suite(.serialized, .requires("tmux")) struct PagerAndColourTests {
    typealias Tmux = TerminalTests.Tmux

    /// A map whose `show` is taller than the 30-row pane.
    func bigMap() throws -> Sandbox {
        let box = try Sandbox()
        let lines = (1...40).map { "add \($0 % 3 == 0 ? "exile" : "manager") Part \($0)" }
        #expect(try box.run([box.map], input: lines.joined(separator: "\n") + "\n").status == 0)
        return box
    }

    /// A pager that marks each line it shows, then says it is done (or waits, to be interrupted).
    func fakePager(in box: Sandbox, waits: Bool = false) throws -> String {
        let path = box.dir.appendingPathComponent(waits ? "waiting-pager" : "marking-pager").path
        let script = "#!/bin/sh\nsed 's/^/PAGED /'\necho 'PAGER DONE'\n" + (waits ? "echo 'PAGER WAITING'\nexec sleep 30\n" : "")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// Waits until the prompt is the last thing on the screen (it may show higher up from before).
    func waitForPrompt(_ t: Tmux) throws {
        for _ in 0..<200 {
            let last = try t.screen().split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if last?.trimmingCharacters(in: .whitespaces).hasSuffix("map>") == true { return }
            usleep(50_000)
        }
        Issue.record("the prompt did not come back; screen:\n\(try t.screen())")
        throw CancellationError()
    }

    @Test func longOutputGoesThroughThePagerAndShortOutputDoesNot() throws {
        let box = try bigMap()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start(environment: ["PARTSMAP_PAGER": try fakePager(in: box)])
        try t.enter("show")
        try t.waitFor("PAGER DONE\nmap> ")
        #expect(try t.screen().contains("PAGED   Part 40"))
        try t.press("C-l")
        try t.enter("show Part 1")
        try t.waitFor("Part 1 — manager\nmap> ")
        #expect(!(try t.screen().contains("PAGED")), "a card that fits is not paged")
        #expect(try t.quitWithCtrlD() == "0")
    }

    @Test func pagerOffAndOnAndAnEmptyPartsmapPager() throws {
        let box = try bigMap()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start(environment: ["PARTSMAP_PAGER": try fakePager(in: box)])
        try t.enter("pager off")
        try t.waitFor("The pager is off")
        try t.enter("show")
        try t.waitFor("  Part 39\nmap> ")
        #expect(!(try t.screen().contains("PAGED")))
        try t.enter("pager on")
        try t.waitFor("The pager is on")
        try t.enter("list")
        try t.waitFor("PAGER DONE\nmap> ")
        #expect(try t.quitWithCtrlD() == "0")

        // PARTSMAP_PAGER set but empty: no pager at all.
        let none = Tmux(box: box)
        defer { none.stop() }
        try none.start(environment: ["PARTSMAP_PAGER": "", "PAGER": try fakePager(in: box)])
        try none.enter("show")
        try none.waitFor("  Part 39\nmap> ")
        #expect(!(try none.screen().contains("PAGED")))
        try none.enter("pager")
        try none.waitFor("There is no pager: $PARTSMAP_PAGER is empty")
        #expect(try none.quitWithCtrlD() == "0")
    }

    /// Ctrl-C belongs to the pager while it runs: it ends the pager, never partsmap.
    @Test(.requires("less")) func ctrlCInThePagerReturnsToThePrompt() throws {
        let box = try bigMap()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start(environment: ["PARTSMAP_PAGER": try fakePager(in: box, waits: true)])
        try t.enter("show")
        try t.waitFor("PAGER WAITING")
        try t.press("C-c")
        try waitForPrompt(t)
        try t.enter("add manager Still Here")
        try t.waitFor("Added manager \"Still Here\".")
        #expect(try t.quitWithCtrlD() == "0")

        // The real less: Ctrl-C in it, then q, and the prompt is back with partsmap still running.
        let less = Tmux(box: box)
        defer { less.stop() }
        try less.start(environment: ["PARTSMAP_PAGER": "less -FRX"])
        try less.enter("show")
        try less.waitFor("Managers:")
        try less.press("C-c")
        // less drops what was typed ahead when it takes a Ctrl-C: G again until it has gone to the end.
        for _ in 0..<20 where !(try less.screen().contains("(END)")) {
            try less.press("G")
            usleep(300_000)
        }
        try less.waitFor("(END)")
        try less.press("q")
        try waitForPrompt(less)
        try less.enter("list exiles")
        try less.waitFor("Part 39\nmap> ")
        #expect(try less.quitWithCtrlD() == "0")
    }

    @Test func colourAtATerminalButNotWithNoColorOrADumbTerminal() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        #expect(try box.script("add manager Inner Critic", "add exile Little One").status == 0)
        func shown(_ environment: [String: String], prompt: String? = "map> ", after command: String = "show") throws -> String {
            let t = Tmux(box: box)
            defer { t.stop() }
            try t.start(environment: environment, waitingFor: prompt)
            try t.enter(command)
            try t.waitFor("Little One")
            defer { _ = try? t.quitWithCtrlD() }  // the next one opens the same map
            return try t.tmux("capture-pane", "-p", "-e", "-J")
        }
        func line(_ text: String, in screen: String) -> String {
            screen.split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? ""
        }
        // An empty NO_COLOR is no request (whatever the test runner's environment holds).
        let coloured = try shown(["NO_COLOR": ""])
        // The managers' heading in the managers' blue, the exiles' in their yellow; the title bold.
        #expect(line("Managers:", in: coloured).contains("38;5;32m"), "\(coloured.debugDescription)")
        #expect(line("Exiles:", in: coloured).contains("38;5;178m"))
        #expect(line("Map \"map\"", in: coloured).contains("\u{1B}[1m") || line("Map \"map\"", in: coloured).contains("\u{1B}[1;"))
        let listed = try shown(["NO_COLOR": ""], after: "list")
        #expect(line("Inner Critic", in: listed).contains("38;5;32m"))
        #expect(!(try shown(["NO_COLOR": "1"])).contains("\u{1B}[38;5"), "NO_COLOR: no colour")
        #expect(!(try shown(["TERM": "dumb"], prompt: nil)).contains("\u{1B}[38;5"), "TERM=dumb: no colour")
    }

    /// In a pipe (or -c to a file) nothing is paged and not one escape code is written, whatever the
    /// environment asks for.
    @Test func nothingOfThePagerOrColourInAPipe() throws {
        let box = try bigMap()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let asking = ["TERM": "xterm-256color", "PARTSMAP_PAGER": try fakePager(in: box), "PAGER": try fakePager(in: box)]
        for result in [try box.run([box.map, "-c", "show", "-c", "show Part 3", "-c", "list", "-c", "help", "-c", "changes", "-c", "timeline"], adding: asking),
                       try box.run([box.map], input: "show\nlist\nhelp\npager\nshow Part 3\n", adding: asking)] {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("  Part 40\n") && result.stdout.contains("Part 3 — exile"))
            #expect(!result.bytes.stdout.contains(0x1B) && !result.bytes.stderr.contains(0x1B), "no escape code in a pipe")
            #expect(!result.stdout.contains("PAGED"))
        }
    }
}

extension TerminalTests.Tmux {
    /// Types a line and presses Enter.
    func enter(_ line: String) throws {
        try type(line)
        try press("Enter")
    }
}
