import LineEditing
import PartsMap

/// `history [off|on|clear]`: the lines typed at the prompt, which the REPL keeps (the map never does).
extension REPL {
    /// A `history` command is never kept itself, so `history off` leaves no trace of the switch.
    func isHistoryCommand(_ line: String) -> Bool {
        if case .history? = try? runner.parse(line) { return true }
        return false
    }

    /// Does what was asked and says what it did, in plain words.
    mutating func answer(_ request: HistoryRequest) throws -> String {
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

    /// Empties the history in memory and the file (atomically, still 0600).
    private func clearHistory() throws -> String {
        let store = historyStore ?? HistoryStore(path: historyFile, programName: "partsmap")
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
