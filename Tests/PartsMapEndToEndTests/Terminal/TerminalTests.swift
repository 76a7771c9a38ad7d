import Foundation
import Testing
import TestSupport

/// What only a terminal shows: Tab, Up across a restart, UTF-8 editing, Ctrl-C, Ctrl-D —
/// partsmap run inside tmux and typed at like a person would.
@Suite(.serialized, .requires("tmux")) struct TerminalTests {
    struct Tmux {
        let socket = "partsmap-test-\(UUID().uuidString.prefix(8))"
        let box: Sandbox

        /// Runs a tmux command and returns what it printed. Spawned and reaped directly: the tmux
        /// server that the first call starts outlives its client, which Foundation's Process waits for.
        @discardableResult
        func tmux(_ arguments: String...) throws -> String { try tmuxArguments(arguments) }

        @discardableResult
        func tmuxArguments(_ arguments: [String]) throws -> String {
            let outPath = box.dir.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: outPath) }
            // CI may run with no TERM and no UTF-8 locale: tmux needs both to pass ✨ through.
            let quoted = (["env", "TERM=xterm-256color", "LANG=C.UTF-8", "tmux", "-u", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            // The tmux server outlives this call: it must not inherit other tests' pipes (close every
            // descriptor past 2 first), or processes reading them would wait for an end that never comes.
            let closeInherited = "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; "
            let command = closeInherited + quoted.joined(separator: " ") + " >'\(outPath)' 2>/dev/null </dev/null"
            var pid: pid_t = 0
            let words: [String] = ["/bin/bash", "-c", command]
            let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            guard posix_spawn(&pid, "/bin/bash", nil, nil, argv, environ) == 0 else { throw CancellationError() }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        }

        /// Starts partsmap on the map in a fresh pane. The shell around it ignores SIGINT so that
        /// Ctrl-C reaches partsmap alone (partsmap installs its own handler), and writes partsmap's
        /// exit status to a file (tmux 3.3 sometimes loses a dead pane's status).
        /// `arguments` follow the map; `environment` adds to the sandbox's. `prompt`: what to wait
        /// for (nil: nothing, e.g. when a passphrase is asked first).
        /// `launcher`: a command partsmap is started through (strace, for the power-loss checker).
        func start(_ arguments: [String] = [], environment: [String: String] = [:], file: String = "map.parts",
                   launcher: [String] = [], waitingFor prompt: String? = "map> ") throws {
            let env = box.environment.merging(["TERM": "xterm-256color"]) { $1 }.merging(environment) { $1 }
                .sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            try? FileManager.default.removeItem(at: statusFile)
            let words = arguments.map { " '\($0)'" }.joined()
            let through = launcher.map { "'\($0)' " }.joined()
            let command = "trap '' INT; env \(env) \(through)'\(Sandbox.binary)' '\(file)'\(words); echo $? > '\(statusFile.path)'; sleep 60"
            try tmux("new-session", "-d", "-x", "100", "-y", "30", "-c", box.dir.path, "sh", "-c", command)
            if let prompt { try waitFor(prompt) }
        }

        var statusFile: URL { box.dir.appendingPathComponent("status") }

        func screen() throws -> String { try tmux("capture-pane", "-p", "-J") }

        func type(_ text: String) throws { try tmux("send-keys", "-l", "--", text) }
        func press(_ key: String) throws { try tmux("send-keys", key) }

        /// Polls the screen until `text` shows, instead of sleeping blindly.
        func waitFor(_ text: String, timeout: Double = 10) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if try screen().contains(text) { return }
                usleep(50_000)
            }
            Issue.record("timed out waiting for \(text.debugDescription); screen:\n\(try screen())")
            throw CancellationError()
        }

        func lastLine(containing prefix: String) throws -> String? {
            try screen().split(separator: "\n").last(where: { $0.contains(prefix) }).map(String.init)
        }

        /// Presses Ctrl-D and returns partsmap's exit status. A Ctrl-D that lands while the
        /// terminal is still in canonical mode (between a command's output and libedit taking the
        /// terminal back) is consumed by the tty driver, so it is pressed again if need be.
        func quitWithCtrlD() throws -> String? {
            for _ in 0..<5 {
                try press("C-d")
                if let status = try exitStatus(timeout: 2, quiet: true) { return status }
            }
            return try exitStatus()
        }

        /// partsmap's exit status once it has exited.
        func exitStatus(timeout: Double = 10, quiet: Bool = false) throws -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let status = try? String(contentsOf: statusFile, encoding: .utf8), status.hasSuffix("\n") {
                    return status.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                usleep(50_000)
            }
            if !quiet { Issue.record("partsmap did not exit; screen:\n\(try screen())\n\(terminalState())") }
            return nil
        }

        /// What a failure needs to be understood: the pane's processes (state and where each waits) and
        /// its terminal's settings — whether partsmap is stopped, waiting, or reading with ^D not as end of input.
        func terminalState() -> String {
            let tty = ((try? tmux("display-message", "-p", "#{pane_tty}")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tty.isEmpty else { return "(no pane tty)" }
            let path = box.dir.appendingPathComponent("tty-state-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let script = "ps -o pid,ppid,pgid,tpgid,stat,wchan:24,args -t '\(tty)'; stty -a -F '\(tty)'"
            let words = ["/bin/sh", "-c", script + " >'\(path)' 2>&1 </dev/null"]
            let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return "(could not run ps)" }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return "pane \(tty):\n" + ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        }

        func stop() { _ = try? tmux("kill-server") }
    }

    @Test func aPersonAtTheKeyboard() throws {
        let box = try Sandbox()
        try box.script("add manager Inner Critic", "add exile Little One")
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()

        // Tab completes a name with a space in it, quoted.
        try t.type("show Inn")
        try t.press("Tab")
        try t.waitFor("map> show \"Inner Critic\" ")
        try t.press("Enter")
        try t.waitFor("Inner Critic — manager")

        // UTF-8 is typed and erased as whole characters.
        try t.type("add exile Kritikerin ✨✨")
        try t.press("BSpace")
        try t.press("Enter")
        try t.waitFor("Added exile \"Kritikerin ✨\".")

        // Ctrl-C drops a half-typed line; the program goes on.
        try t.type("add manager Half Typed")
        try t.press("C-c")
        try t.type("list")
        try t.press("Enter")
        try t.waitFor("Kritikerin ✨\nmap> ")
        #expect(!(try t.screen().contains("Added manager \"Half")))

        // Ctrl-D on an empty line leaves with status 0.
        #expect(try t.quitWithCtrlD() == "0")
        #expect(try box.run([box.map, "-c", "list"]).stdout == "Inner Critic\nLittle One\nKritikerin ✨\n")

        // Up recalls the previous command across a restart.
        t.stop()
        let again = Tmux(box: box)
        defer { again.stop() }
        try again.start()
        try again.press("Up")
        try again.waitFor("map> list")
        try again.press("C-u")
        try again.press("Up")
        try again.waitFor("map> add exile Kritikerin ✨")
        try again.press("C-u")
        #expect(try again.quitWithCtrlD() == "0")
        let history = box.dir.appendingPathComponent("state/partsmap/history").path
        #expect(try box.mode(history) == 0o600)
    }

    /// Tab completes file names where a path goes: into a folder (no space after its `/`), then to a map.
    @Test func tabCompletesFileNamesForOpenAndExport() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager Inner Critic")
        try FileManager.default.createDirectory(at: box.dir.appendingPathComponent("clients"), withIntermediateDirectories: true)
        _ = try box.run([box.dir.appendingPathComponent("clients/bea.parts").path, "-c", "add manager Planner"])
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("open cli")
        try t.press("Tab")
        try t.waitFor("map> open clients/")
        try t.type("b")
        try t.press("Tab")
        try t.waitFor("map> open clients/bea.parts ")
        try t.press("Enter")
        try t.waitFor("Opened \"bea\"")
        try t.type("export svg ~/cli")
        try t.press("Tab")
        try t.waitFor("bea> export svg ~/clients/")
        try t.press("C-c")
        #expect(try t.quitWithCtrlD() == "0")
    }

    /// More than 100 names to offer and nothing to insert: Tab asks before it fills the screen, as
    /// readline does; n leaves the line as it was, y lists them all.
    @Test func tabAsksBeforeListingMoreThanAHundredNames() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let adds = (0..<120).map { "add manager \(letters[$0 % 26])part\($0)" }
        _ = try box.run([box.map], input: adds.joined(separator: "\n") + "\n")
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("show ")
        try t.press("Tab")
        try t.waitFor("Display all 120 possibilities? (y or n)")
        try t.press("n")
        // The line is drawn again below the question, as it was.
        try t.waitFor("(y or n) \nmap> show ")
        #expect(!(try t.screen().contains("Apart0")))
        try t.press("Tab")
        try t.waitFor("Display all 120 possibilities? (y or n)")
        try t.press("y")
        try t.waitFor("Zpart103")
        try t.waitFor("map> show ")
        try t.type("Zpart103")
        try t.press("Enter")
        try t.waitFor("Zpart103 — manager")
        #expect(try t.quitWithCtrlD() == "0")
    }

    @Test func aLineStartingWithASpaceIsNotKept() throws {
        let box = try Sandbox()
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("list")
        try t.press("Enter")
        try t.type(" add manager Secret")
        try t.press("Enter")
        try t.waitFor("Added manager \"Secret\".")
        try t.press("Up")
        try t.waitFor("map> list")
        try t.press("C-u")
        #expect(try t.quitWithCtrlD() == "0")
        let history = try String(contentsOfFile: box.dir.appendingPathComponent("state/partsmap/history").path, encoding: .utf8)
        #expect(!history.contains("Secret"))
    }
}
