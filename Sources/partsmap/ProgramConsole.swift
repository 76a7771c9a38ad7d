import LineEditing
import PartsMap

/// The program's side of a conversation and of the typed-line history: a terminal (libedit, with Tab)
/// or a pipe, the one `ask` reads answers from and `history` acts on. It also counts the lines read, so
/// an error in a script names its line (answers in a conversation count too).
final class ProgramConsole: Console {
    unowned let runner: CommandRunner
    let editor: LineEditor
    let interactive: Bool
    let tab: TabCompletion
    /// Whether the lines typed at the prompt are kept in history (for Up, now and in later runs).
    /// `history off` / `history on` set it; `--no-history` or `PARTSMAP_HISTORY=off` start with it
    /// false. Outside a terminal nothing is kept whatever it says.
    var keepsHistory: Bool
    /// Where history is kept on disk (also when it is off: `history clear` empties it).
    let historyFile: String
    /// The lines Up recalls, shared with the editor; nil outside a terminal.
    let historyStore: TypedLineStore?
    /// Lines read so far.
    var lineNumber = 0
    /// Where command output is shown: in colour and through a pager at a terminal.
    let screen = Screen()

    init(runner: CommandRunner, editor: LineEditor, interactive: Bool, tab: TabCompletion,
         historyFile: String, historyStore: TypedLineStore?, keepsHistory: Bool) {
        self.runner = runner
        self.editor = editor
        self.interactive = interactive
        self.tab = tab
        self.historyFile = historyFile
        self.historyStore = historyStore
        self.keepsHistory = keepsHistory
    }

    func say(_ text: String) { Output.message(text, interactive: interactive) }

    /// Answers are never kept in history; Ctrl-C or the end of the input stops the conversation.
    func readAnswer(prompt: String, completion: StepCompletion) -> String? {
        tab.use(completion, of: runner)
        defer { tab.useCommands(of: runner) }
        switch editor.readLine(prompt: prompt) {
        case .interrupted, .endOfInput:
            return nil
        case .line(let answer):
            lineNumber += 1
            return answer
        }
    }

    /// Keeps a line typed at the prompt for Up, unless history is off, the map is encrypted (typed lines
    /// are its contents in plain words), the line starts with a space, or it is about history itself.
    func keep(_ line: String, aboutTypedLines: Bool) {
        guard interactive, keepsHistory, !runner.document.isEncrypted, !line.hasPrefix(" "), !aboutTypedLines else { return }
        editor.addToHistory(line)
    }

    /// Does what was asked and says what it did, in plain words.
    func typedLines(_ request: TypedLinesRequest) throws -> String {
        if request == .clear { return try clearHistory() }
        guard interactive else {
            let consequence = [.off: ", so there is nothing to turn off", .on: ", so `history on` changes nothing here"][request] ?? ""
            return """
                History is not kept here: partsmap keeps nothing of commands read from a pipe, a file or -c\(consequence).
                At the keyboard, the lines you type are kept in \(historyFile)\(keepsHistory ? "" : " once `history on` is given").
                """
        }
        if runner.document.isEncrypted, request != .off {
            // Typed lines are the map's contents in plain words: kept, they would undo the encryption.
            return """
                History is off while an encrypted map is open: nothing you type is kept, so the map stays only in its encrypted file.
                What was kept before, from plain maps, stays in \(historyFile) until `history clear`.
                """
        }
        let already = (request == .on) == keepsHistory && request != .status
        if request != .status { keepsHistory = request == .on }
        if keepsHistory {
            return """
                History is \(already ? "already on" : "on"): the lines you type are kept for Up, in \(historyFile) \
                (only you can read it).
                Start a line with a space to leave it out. `history off` stops keeping lines; `history clear` forgets them.
                """
        }
        let what = request == .off && !already ? "from now on is kept, not even this line" : "now is kept"
        return """
            History is \(already ? "already off" : "off"): nothing you type \(what).
            What was kept before stays in \(historyFile) until `history clear`; `history on` keeps lines again.
            """
    }

    func paging(_ request: PagingRequest) -> String { screen.paging(request) }

    /// Empties the history in memory and the file (atomically, still 0600).
    private func clearHistory() throws -> String {
        let store = historyStore ?? TypedLineStore(path: historyFile, programName: "partsmap")
        if let problem = store.clear() { throw HistoryFailure(problem: problem) }
        let recall = interactive ? ", and Up brings back nothing from before" : ""
        return "Forgot the saved history: \(historyFile) is empty now\(recall)."
    }
}

/// `history clear` could not empty the file.
struct HistoryFailure: Error, CustomStringConvertible {
    let problem: String
    var description: String { "could not forget the saved history: \(problem)" }
}
