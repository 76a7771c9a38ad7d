import ArgumentParser
import Glibc
import LineEditing
import PartsMap

@main
struct PartsMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partsmap",
        abstract: "A private, line-edited notebook for mapping your inner system (IFS parts) and how it shows up in your relationships.",
        discussion: """
            Opens the map FILE (created if missing, private to you) and reads commands: from the \
            keyboard with line editing, Tab completion and history, or one a line from a pipe or \
            script, where the first error stops with a non-zero exit. Inside, `help` lists the commands.

            Without FILE the default map is used: $XDG_DATA_HOME/partsmap/default.parts \
            (~/.local/share/partsmap/default.parts). Inside, `maps` lists the maps kept there and \
            `open NAME` switches to one. History is kept in $XDG_STATE_HOME/partsmap/history \
            (or $PARTSMAP_HISTORY); a line that starts with a space is not kept.

            \(HelpText.notTherapy)
            """,
        version: "partsmap \(PartsMapVersion.string)"
    )

    @Argument(help: "The map file (suggested extension .parts); created if it does not exist.")
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMAND and exit (may be given several times).", valueName: "COMMAND"))
    var commands: [String] = []

    @Flag(name: .customLong("read-only"), help: "Open without taking the map's lock: look and export, change nothing.")
    var readOnly = false

    mutating func run() throws {
        umask(0o077)  // whatever partsmap creates is private, whatever the caller's umask
        CrashGuard.install()  // no memory in crash output, no core file
        signal(SIGPIPE, SIG_IGN)  // `partsmap -c "export dot" | head` ends quietly
        let path = file ?? Paths.defaultMap()
        let interactive = commands.isEmpty && Terminal.isInteractive
        let editor: LineEditor
        let tab = TabCompletion()
        if interactive {
            Interrupt.installHandler()
            editor = TerminalLineEditor(programName: "partsmap", historyFile: Paths.history(),
                                        complete: { tab.source($0) })
        } else {
            editor = PlainLineReader()
        }
        guard let (document, report) = Opening.open(path: path, readOnly: readOnly, ask: interactive ? editor : nil) else {
            throw ExitCode(1)
        }
        let runner = CommandRunner(document: document, mapName: MapFiles.name(of: path), mapDirectory: Paths.dataDirectory())
        runner.standardOutput = Output.out(bytes:)
        defer { runner.document.close() }  // whichever map is open by then (`open` switches)
        Opening.tell(report)

        var repl = REPL(runner: runner, editor: editor, interactive: interactive, tab: tab)
        if !commands.isEmpty {
            for command in commands where !repl.runCommand(command, lineNumber: nil) { throw ExitCode(1) }
            return
        }
        if interactive {
            tab.useCommands(of: runner)
            Output.message(Opening.welcome(runner: runner, path: path), interactive: true)
        }
        let status = repl.run()
        if status != 0 { throw ExitCode(status) }
    }
}
