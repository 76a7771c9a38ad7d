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
            `open NAME` switches to one.

            What you type at the keyboard is kept, for Up, in $XDG_STATE_HOME/partsmap/history \
            (or $PARTSMAP_HISTORY), readable only by you; a line that starts with a space is not kept. \
            --no-history or PARTSMAP_HISTORY=off keeps nothing; inside, `history off`, `history on` and \
            `history clear` do the same as you go.

            --encrypt seals the map with a passphrase (ChaCha20-Poly1305, key from scrypt); opening an \
            encrypted map asks for it without showing it, or reads it from the file named by \
            PARTSMAP_PASSPHRASE_FILE (for scripts). While it is open, nothing typed is kept in history.

            \(HelpText.notTherapyUnwrapped)
            """,
        version: "partsmap \(PartsMapVersion.string)"
    )

    @Argument(help: "The map file (suggested extension .parts); created if it does not exist.")
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMAND and exit (may be given several times).", valueName: "COMMAND"))
    var commands: [String] = []

    @Flag(name: .customLong("read-only"), help: "Open without taking the map's lock: look and export, change nothing.")
    var readOnly = false

    @Flag(name: .customLong("encrypt"), help: "Encrypt the map (asks a new passphrase without showing it) before going on.")
    var encrypt = false

    @Flag(name: .customLong("decrypt"), help: "Turn an encrypted map back into plain text before going on.")
    var decrypt = false

    mutating func validate() throws {
        if encrypt && decrypt { throw ValidationError("--encrypt and --decrypt cannot be given together") }
        if readOnly && (encrypt || decrypt) { throw ValidationError("--read-only cannot encrypt or decrypt a map") }
    }

    @Flag(name: .customLong("no-history"), help: "Keep nothing you type in history this time (`history on` inside turns it back on).")
    var noHistory = false

    /// For scripts/install: print the man page, made from these definitions and the command table.
    @Flag(name: .customLong("generate-manual"), help: ArgumentHelp(visibility: .private))
    var generateManual = false

    mutating func run() throws {
        if generateManual { return Output.out(try Manual.page()) }
        umask(0o077)  // whatever partsmap creates is private, whatever the caller's umask
        CrashGuard.install()  // no memory in crash output, no core file
        signal(SIGPIPE, SIG_IGN)  // `partsmap -c "export dot" | head` ends quietly
        let path = file ?? Paths.defaultMap()
        let interactive = commands.isEmpty && Terminal.isInteractive
        let editor: LineEditor
        let tab = TabCompletion()
        let historyFile = Paths.history()
        var history: TypedLineStore?
        if interactive {
            Interrupt.installHandler()
            let store = TypedLineStore(path: historyFile, programName: "partsmap")
            history = store
            editor = TerminalLineEditor(programName: "partsmap", history: store, complete: { tab.source($0) })
        } else {
            editor = PlainLineReader()
        }
        let passphrases = Passphrases.source()
        guard let (document, report) = Opening.open(path: path, readOnly: readOnly, ask: interactive ? editor : nil,
                                                    passphrases: passphrases) else {
            throw ExitCode(1)
        }
        let runner = CommandRunner(document: document, mapName: MapFiles.name(of: path), mapDirectory: Paths.dataDirectory())
        runner.passphrases = passphrases
        runner.standardOutput = Output.out(bytes:)
        runner.viewDirectory = Paths.viewDirectory()
        defer { runner.close() }  // whichever map is open by then (`open` switches), its view drawn last
        Opening.tell(report)

        let console = ProgramConsole(runner: runner, editor: editor, interactive: interactive, tab: tab, historyFile: historyFile,
                                     historyStore: history, keepsHistory: !noHistory && !Paths.historyStartsOff)
        let repl = REPL(runner: runner, console: console)
        if encrypt, runner.document.isEncrypted {
            Output.message("\(EchoText.path(path)) is already encrypted (inside, `encrypt` gives it a new passphrase).", interactive: interactive)
        } else if encrypt || decrypt {
            guard repl.runCommand(encrypt ? "encrypt" : "decrypt", lineNumber: nil) else { throw ExitCode(1) }
            if encrypt, !runner.document.isEncrypted { throw ExitCode(1) }  // the person stopped at the prompt
        }
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
