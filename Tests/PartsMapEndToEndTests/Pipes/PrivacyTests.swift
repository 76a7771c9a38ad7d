import Foundation
import Testing
import TestSupport

/// What stays private: maps 0600 and their folders 0700 from the moment they are created, whatever the
/// umask, and through every rewrite (a torn tail cut off, exports, history); nothing of a map in a temporary
/// file outside its folder; no map content in --help, usage errors or crash output.
@Suite struct PrivacyTests {
    /// Starts partsmap with umask 000, the most permissive a caller could have.
    static let umask000 = ["/bin/sh", "-c", "umask 000; exec \"$@\"", "sh"]

    @Test func mapsAndTheirFoldersArePrivateFromCreationWhateverTheUmask() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        // The default map: $XDG_DATA_HOME/partsmap/default.parts, with $XDG_DATA_HOME missing too.
        let r = try box.run(["-c", "add manager A"], environment: [:], launcher: Self.umask000)
        #expect(r.status == 0, "\(r.stderr)")
        let data = box.dir.appendingPathComponent("data").path
        #expect(try box.mode(data) == 0o700)
        #expect(try box.mode(data + "/partsmap") == 0o700)
        #expect(try box.mode(data + "/partsmap/default.parts") == 0o600)
        #expect(try box.mode(data + "/partsmap/default.parts.lock") == 0o600)
        #expect(try box.files(in: data + "/partsmap") == ["default.parts", "default.parts.lock"])

        let nested = box.dir.appendingPathComponent("clients/anna/2026/map.parts").path
        #expect(try box.run([nested, "-c", "add manager A"], environment: [:], launcher: Self.umask000).status == 0)
        for folder in ["clients", "clients/anna", "clients/anna/2026"] {
            #expect(try box.mode(box.dir.appendingPathComponent(folder).path) == 0o700, "\(folder)")
        }
        #expect(try box.mode(nested) == 0o600)
    }

    @Test(.requires("dot"))
    func everyRewriteKeepsItPrivate() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let umask = Self.umask000
        #expect(try box.run([box.map, "-c", "add manager A"], environment: [:], launcher: umask).status == 0)

        // A torn tail set aside: the map is still 0600, the side file 0600.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: box.map))
        handle.seekToEndOfFile()
        handle.write(Data("2026-11-21T10:00:00Z add exile Ha".utf8))
        try handle.close()
        #expect(try box.run([box.map, "-c", "list"], environment: [:], launcher: umask).status == 0)
        #expect(try box.mode(box.map) == 0o600)
        let side = try #require(try box.files().first { $0.hasPrefix("map.parts.torn-") })
        #expect(try box.mode(box.dir.appendingPathComponent(side).path) == 0o600)

        // Exports: new files 0600, and files that were 0644 become 0600 when rewritten.
        let formats = [("json", "out.json"), ("dot", "out.dot"), ("mermaid", "out.mmd"), ("svg", "out.svg"), ("markdown", "handout.md"),
                       ("html", "handout.html")]
        for (_, file) in formats.prefix(2) {
            let path = box.dir.appendingPathComponent(file).path
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o644)
        }
        let exported = try box.run([box.map] + formats.flatMap { ["-c", "export \($0.0) \($0.1)"] }, environment: [:], launcher: umask)
        #expect(exported.status == 0, "\(exported.stderr)")
        for file in formats.map(\.1) + ["handout.svg"] {
            #expect(try box.mode(box.dir.appendingPathComponent(file).path) == 0o600, "\(file)")
        }
        #expect(try box.files().filter { $0.hasPrefix(".") }.isEmpty, "temporary files left")
        // The view's page: 0600, in folders of its own made 0700.
        let viewed = try box.run([box.map, "-c", "view"], environment: [:], launcher: umask)
        #expect(viewed.status == 0, "\(viewed.stderr)")
        let views = box.dir.appendingPathComponent("state/partsmap/views")
        #expect(try box.mode(views.path) == 0o700 && box.mode(views.deletingLastPathComponent().path) == 0o700)
        #expect(try box.mode(views.appendingPathComponent("map.html").path) == 0o600)
    }

    /// History holds what was typed: 0600 in a 0700 folder; a line typed with a leading space and the
    /// answers given in a conversation are never in it.
    @Test(.requires("script"))
    func historyIsPrivateAndKeepsOutWhatShouldStayOut() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        // The answer goes to the first question (where it is felt), then a lone "." ends the conversation.
        let typed = ["add manager Critic", " set Critic note LEADINGSPACESECRET", "ask Critic", "ANSWERSECRET", ".", "\u{4}"]
        let transcript = try PseudoTerminal.run(box, [box.map], typing: typed, environment: [:], shellPrefix: "umask 000; ")
        #expect(transcript.contains("Added manager \"Critic\""), "\(transcript)")
        let state = box.dir.appendingPathComponent("state").path
        let history = state + "/partsmap/history"
        #expect(try box.mode(state + "/partsmap") == 0o700)
        #expect(try box.mode(history) == 0o600)
        let kept = try String(contentsOfFile: history, encoding: .utf8)
        #expect(kept.contains("add\\040manager\\040Critic") || kept.contains("add manager Critic"), "\(kept)")
        #expect(!kept.contains("LEADINGSPACESECRET"), "\(kept)")
        #expect(!kept.contains("ANSWERSECRET"), "\(kept)")
        // Both are in the map, where they belong.
        #expect(try box.run([box.map, "-c", "show Critic"]).stdout.contains("ANSWERSECRET"))
        #expect(try box.files(in: state + "/partsmap") == ["history"])
    }

    /// A whole session — changes, a conversation, a torn tail set aside, every export (Graphviz too) —
    /// with TMPDIR pointed at an empty folder: it stays empty, HOME stays empty, and (strace watching) no
    /// file is created, renamed or linked anywhere but in the map's folder.
    @Test(.requires("strace, allowed to trace", if: Tools.canTrace), .requires("dot"))
    func nothingOfAMapIsWrittenOutsideItsFolder() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let work = box.dir.appendingPathComponent("work").path
        let temporary = box.dir.appendingPathComponent("tmp").path
        let home = box.dir.appendingPathComponent("home").path
        for folder in [work, temporary, home] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false) }
        let map = work + "/map.parts"
        try Data((JournalFormatHeader.text + "\n2026-11-21T10:00:00Z add manager Critic\n2026-11-21T10:00:01Z set Critic no").utf8)
            .write(to: URL(fileURLWithPath: map))
        let session = ["add exile \"Little One\"", "ask Critic protecting being laughed at", "ask Critic", "a tight jaw", ".",
                       "relate Critic protects \"Little One\"", "undo", "redo", "export json out.json", "export dot out.dot",
                       "export mermaid out.mmd", "export svg out.svg", "export png out.png", "export pdf out.pdf", "export markdown out.md",
                       "export html out.html", "view view.html", "add part Sleepy", "view off"]
        let environment = ["TMPDIR": temporary, "TMP": temporary, "TEMP": temporary, "HOME": home,
                           "XDG_CACHE_HOME": home + "/.cache"]

        let trace = box.dir.appendingPathComponent("trace").path
        let strace = ["/usr/bin/strace", "-f", "-qq", "-o", trace, "-e",
                      "trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,socket,connect,bind"]
        let r = try box.run([map], input: session.joined(separator: "\n") + "\n", environment: environment, in: work,
                            launcher: strace)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try box.files(in: temporary) == [], "something was written to TMPDIR")
        #expect(try box.files(in: home) == [], "something was written to HOME")

        var outside: [String] = []
        for line in try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n") {
            guard !line.contains("= -1 "), !line.contains("resumed>") || line.contains(" = ") else { continue }
            let creates = line.contains("O_CREAT") || line.contains("mkdir") || line.contains("rename")
                || line.contains("link(") || line.contains("linkat(") || line.contains("creat(")
            guard creates else { continue }
            for match in line.matches(of: /"([^"]*)"/) {
                let path = String(match.1)
                let absolute = path.hasPrefix("/") ? path : work + "/" + path
                if !URL(fileURLWithPath: absolute).standardizedFileURL.path.hasPrefix(work + "/") { outside.append(String(line)) }
            }
        }
        #expect(outside.isEmpty, "created outside the map's folder:\n\(outside.joined(separator: "\n"))")
        // Nothing leaves the machine, not even over loopback: no network socket at all (the view included).
        let network = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("AF_INET") || $0.contains("AF_INET6") || $0.contains("connect(") || $0.contains("bind(") }
        #expect(network.isEmpty, "network calls:\n\(network.joined(separator: "\n"))")
        #expect(FileManager.default.fileExists(atPath: work + "/view.html") && FileManager.default.fileExists(atPath: work + "/out.html"))
    }

    @Test func helpVersionAndUsageErrorsShowNoMapContent() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager SECRETNAME", "ask SECRETNAME protecting SECRETANSWER")
        for arguments in [[box.map, "--help"], ["--help"], [box.map, "--version"], [box.map, "--bogus"], [box.map, "-c"],
                          [box.map, "extra", "arguments"]] {
            let r = try box.run(arguments)
            #expect(!(r.stdout + r.stderr).contains("SECRET"), "\(arguments): \(r.stdout)\(r.stderr)")
        }
    }

    /// A crash shows no map content. The Swift runtime's backtracer prints 16 bytes of memory at every
    /// register, and a register often points at what was just read ("add manager SECR…"): partsmap must
    /// say a fixed sentence instead, and write no core file (it would hold the whole map).
    @Test(arguments: [SIGSEGV, SIGABRT, SIGBUS, SIGQUIT])
    func crashOutputShowsNoMapContentAndNoCoreIsWritten(signal: Int32) throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let child = try Child(box, [box.map])
        child.send("add manager SECRETNAME\nask SECRETNAME protecting SECRETANSWER is here\n")
        #expect(child.nextErrorLine() == "Added manager \"SECRETNAME\".")
        #expect(child.nextErrorLine()?.hasPrefix("Kept") == true)
        let limits = try String(contentsOfFile: "/proc/\(child.pid)/limits", encoding: .utf8)
        #expect(limits.contains(/Max core file size\s+0\s+0/), "\(limits)")
        kill(child.pid, signal)
        let ended = child.waitForExit(seconds: 10)
        #expect(ended, "partsmap went on after signal \(signal)")
        if !ended { child.kill() }
        let crashOutput = child.remainingErrorLines().joined(separator: "\n")
        child.finish()
        // Not four characters in a row of the name or the answer.
        for secret in ["SECRETNAME", "SECRETANSWER"] {
            let characters = Array(secret)
            for start in 0...(characters.count - 4) {
                let window = String(characters[start..<start + 4])
                #expect(!crashOutput.contains(window), "crash output shows \"\(window)\":\n\(crashOutput)")
            }
        }
        #expect(crashOutput.contains("partsmap crashed"), "\(crashOutput)")
        #expect(try box.files().allSatisfy { !$0.hasPrefix("core") })
        #expect(try box.run([box.map, "-c", "list"]).stdout == "SECRETNAME\n")
    }
}
