import LineEditing
import PartsMap

/// The read-run-print loop. The same path serves a terminal, a pipe and `-c`; only where
/// messages go and whether an error stops differ.
struct REPL {
    let runner: CommandRunner
    let editor: LineEditor
    let interactive: Bool

    var prompt: String {
        "\(runner.mapName)\(runner.document.isReadOnly ? " (read-only)" : "")> "
    }

    /// Reads and runs lines until the input ends or `quit`; returns the exit status.
    mutating func run() -> Int32 {
        var lineNumber = 0
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
                if interactive, !line.hasPrefix(" ") { editor.addToHistory(line) }
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
            return reply.quit
        } catch {
            if interactive {
                Output.error("\(error)")
            } else if let lineNumber {
                Output.error("partsmap: line \(lineNumber): \(error)")
            } else {
                Output.error("partsmap: \(error)")
            }
            return nil
        }
    }
}
