import Glibc

/// `view [options] [FILE]`, `view off`: the map as a page in the browser, redrawn after every change,
/// undo, redo, session marker and `open` — so the person can watch their system take shape while the
/// therapist types. The page is a private file (0600, in a 0700 folder), opened with the desktop's
/// browser when there is one; no server: the page re-reads its own file.
enum ViewCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "view", group: "Looking",
        forms: ["view [FILE]", "view off", "options: --pattern NAME, --part NAME [--depth N], --role ROLE, --no-legend, --no-self",
                "no FILE: a private page in $XDG_STATE_HOME/partsmap/views"],
        summary: "see the map in a browser while you work: the page redraws itself after every change",
        example: "view")
    static var completion: [Completer.Slot]? { [.file(or: ["off"]), .text] }
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        var probe = scanner
        if let first = try parser.next(&probe), !first.quoted, first.text.lowercased() == "off" {
            try parser.expectEnd(&probe, verb: word)
            scanner = probe
            return .viewOff
        }
        let (options, file) = try ExportCommand.readOptions(&scanner, with: parser, usage: help.forms[0], form: "view")
        return .view(file: file, options: options)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        switch command {
        case .viewOff:
            guard let view = runner.liveView else { return .saying("The view is not on (`view` starts it).") }
            view.stop()
            runner.liveView = nil
            return .saying("Stopped redrawing \(EchoText.path(view.path)); the page stays as it was last drawn.")
        case .view(let file, let options):
            if options.at != nil || options.since != nil {
                throw RunnerError.viewOfThePast
            }
            let path = try file ?? defaultPage(for: runner)
            try WriteDestination.check(path, sparing: runner.document.identity, suggestion: runner.suggestedFileName(for: .html))
            runner.liveView?.stop()
            runner.liveView = nil
            let view = LiveView(path: path, options: options)
            view.flush(runner.system, context: runner.exportContext())  // the first drawing, before the browser opens it
            if let problem = view.takeProblem(), problem.hasPrefix("the view could not") {
                view.stop()
                throw RunnerError.cannotView(problem)
            }
            runner.liveView = view
            var lines = ["Drawing \(EchoText.quoted(runner.mapName)) in \(EchoText.path(path)): the page redraws itself after every change."]
            if let browser = openInBrowser(path) {
                lines.append("Opened it with \(EchoText.path(browser)).")
            } else {
                lines.append("Open it in a browser: file://\(EchoText.path(JournalIO.resolvingLinks(path)))")
            }
            if runner.document.isEncrypted {
                lines.append("The page itself is not encrypted: it is readable only by you (0600), and `view off` leaves it; delete it when you are done.")
            }
            lines.append("`view off` stops the redrawing.")
            return .saying(lines.joined(separator: "\n"))
        default:
            unexpected(command)
        }
    }

    /// `$XDG_STATE_HOME/partsmap/views/NAME.html` (the folder made 0700), or beside the map.
    private static func defaultPage(for runner: CommandRunner) throws -> String {
        let folder = runner.viewDirectory ?? JournalIO.directory(of: runner.document.path)
        do { try JournalIO.createDirectories(folder) } catch {
            throw RunnerError.cannotView("cannot make \(EchoText.path(folder)): \(error.reason)")
        }
        return folder + "/" + runner.mapName + ".html"
    }

    /// `$BROWSER` (its first entry), else `xdg-open`, started on its own — only where there is a display.
    /// Returns what was started, or nil.
    private static func openInBrowser(_ path: String) -> String? {
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard variable("DISPLAY") != nil || variable("WAYLAND_DISPLAY") != nil else { return nil }
        let browser = variable("BROWSER").map { String($0.split(separator: ":").first ?? "") } ?? "xdg-open"
        guard !browser.isEmpty else { return nil }
        // Through a shell that backgrounds it and leaves at once: partsmap never waits for a browser.
        let words = ["/bin/sh", "-c", "\"$0\" \"$1\" >/dev/null 2>&1 </dev/null &", browser, JournalIO.resolvingLinks(path)]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return browser
    }
}
