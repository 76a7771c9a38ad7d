import LineEditing
import PartsMap

/// The read-run-print loop: it only reads lines and prints replies. The same path serves a terminal,
/// a pipe and `-c`; only where messages go and whether an error stops differ. Conversations (`ask`) and
/// the typed-line history go through the console, which the runner reaches itself.
struct REPL {
    let runner: CommandRunner
    let console: ProgramConsole
    var interactive: Bool { console.interactive }

    init(runner: CommandRunner, console: ProgramConsole) {
        self.runner = runner
        self.console = console
        runner.console = console
    }

    var prompt: String {
        "\(runner.mapName)\(runner.document.isReadOnly ? " (read-only)" : "")> "
    }

    /// Reads and runs lines until the input ends or `quit`; returns the exit status.
    func run() -> Int32 {
        while true {
            switch console.editor.readLine(prompt: prompt) {
            case .endOfInput:
                if interactive { Output.out("\n") }
                return 0
            case .interrupted:
                continue
            case .line(let line):
                console.lineNumber += 1
                let content = line.drop(while: { $0 == " " || $0 == "\t" })
                if content.isEmpty || content.hasPrefix("#") { continue }  // scripts may carry comments
                if case .some(let quit) = runLine(line, lineNumber: console.lineNumber) {
                    if quit { return 0 }
                } else if !interactive {
                    return 1
                }
            }
        }
    }

    /// Runs one `-c` command; false if it failed.
    func runCommand(_ line: String, lineNumber: Int?) -> Bool {
        runLine(line, lineNumber: lineNumber) != nil
    }

    /// Runs a line and shows its reply. nil: it failed (the error has been shown); otherwise whether to quit.
    /// The line is read once; a line that does not read is kept in history too, so Up can mend it.
    private func runLine(_ line: String, lineNumber: Int?) -> Bool? {
        do {
            let read: CommandRunner.ReadLine
            do { read = try runner.read(line) } catch {
                console.keep(line, aboutTypedLines: false)
                throw error
            }
            console.keep(line, aboutTypedLines: read.isAboutTypedLines)
            let reply = try runner.run(read)
            console.screen.show(reply.output, styles: reply.styles)
            Output.message(reply.message, interactive: interactive)
            return reply.quit
        } catch {
            if interactive {
                Output.error("\(error)")
            } else if lineNumber != nil {
                Output.error("partsmap: line \(console.lineNumber): \(error)")
            } else {
                Output.error("partsmap: \(error)")
            }
            return nil
        }
    }
}
