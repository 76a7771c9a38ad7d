import LineEditing
import PartsMap

/// The read-run-print loop. The same path serves a terminal, a pipe and `-c`; only where
/// messages go and whether an error stops differ.
struct REPL {
    let runner: CommandRunner
    let editor: LineEditor
    let interactive: Bool
    let tab: TabCompletion
    /// Whether the lines typed at the prompt are kept in history (for Up, now and in later runs).
    /// `history off` / `history on` set it; `--no-history` or `PARTSMAP_HISTORY=off` start with it
    /// false. Set it to false to keep nothing typed from then on (say, in an encrypted map).
    /// Outside a terminal nothing is kept whatever it says.
    var keepsHistory: Bool
    /// Where history is kept on disk (also when it is off: `history clear` empties it).
    let historyFile: String
    /// The lines Up recalls, shared with the editor; nil outside a terminal.
    let historyStore: HistoryStore?
    /// Lines read so far, for error messages in scripts (answers in a conversation count too).
    private var lineNumber = 0

    init(runner: CommandRunner, editor: LineEditor, interactive: Bool, tab: TabCompletion,
         historyFile: String, historyStore: HistoryStore? = nil, keepsHistory: Bool = true) {
        self.runner = runner
        self.editor = editor
        self.interactive = interactive
        self.tab = tab
        self.historyFile = historyFile
        self.historyStore = historyStore
        self.keepsHistory = keepsHistory
    }

    var prompt: String {
        "\(runner.mapName)\(runner.document.isReadOnly ? " (read-only)" : "")> "
    }

    /// Reads and runs lines until the input ends or `quit`; returns the exit status.
    mutating func run() -> Int32 {
        while true {
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                if interactive { Output.out("\n") }
                return 0
            case .interrupted:
                continue
            case .line(let line):
                lineNumber += 1
                let content = line.drop(while: { $0 == " " || $0 == "\t" })
                if content.isEmpty || content.hasPrefix("#") { continue }  // scripts may carry comments
                if interactive, keepsHistory, !runner.document.isEncrypted, !line.hasPrefix(" "), !isHistoryCommand(line) {
                    editor.addToHistory(line)
                }
                if case .some(let quit) = runLine(line, lineNumber: lineNumber) {
                    if quit { return 0 }
                } else if !interactive {
                    return 1
                }
            }
        }
    }

    /// Runs one `-c` command; false if it failed.
    mutating func runCommand(_ line: String, lineNumber: Int?) -> Bool {
        runLine(line, lineNumber: lineNumber) != nil
    }

    /// Runs a line and shows its reply. nil: it failed (the error has been shown); otherwise whether to quit.
    private mutating func runLine(_ line: String, lineNumber: Int?) -> Bool? {
        do {
            let reply = try runner.run(line)
            Output.out(reply.output)
            Output.message(reply.message, interactive: interactive)
            if let request = reply.history { Output.message(try answer(request), interactive: interactive) }
            if let name = reply.conversationWith { try converse(with: name) }
            return reply.quit
        } catch {
            if interactive {
                Output.error("\(error)")
            } else if lineNumber != nil {
                Output.error("partsmap: line \(self.lineNumber): \(error)")
            } else {
                Output.error("partsmap: \(error)")
            }
            return nil
        }
    }

    /// The guided conversation of `ask NAME`: each step said, each answer read from the same
    /// input (so a script can answer), each resulting change saved before the next question.
    /// Ctrl-C or a lone "." ends it, keeping what was said. Answers are never kept in history.
    private mutating func converse(with name: String) throws {
        var conversation = try Conversation.begin(with: name, in: runner.system)
        defer { tab.useCommands(of: runner) }
        while !conversation.isFinished {
            Output.message(conversation.step.say, interactive: interactive)
            tab.use(conversation.step.completion, of: runner)
            switch editor.readLine(prompt: "  … ") {
            case .interrupted, .endOfInput:
                Output.message(conversation.stop(), interactive: interactive)
                return
            case .line(let answer):
                lineNumber += 1
                for change in conversation.respond(answer, in: runner.system) {
                    try runner.document.perform(.change(change))
                }
                if conversation.isFinished { Output.message(conversation.step.say, interactive: interactive) }
            }
        }
    }
}
