#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// Line editing with libedit (its native `<histedit.h>` API) on a terminal.
///
/// - emacs keys, then `~/.editrc` (so it can switch to vi keys or rebind anything), then Tab
///   bound to the program's completion command `<programName>-complete` (bound after
///   `~/.editrc` so Tab completes in vi mode too). Ctrl-R searches history backwards.
/// - Up/Down recall history; history is loaded at init and saved after every `addToHistory`
///   (see `TypedLineStore`).
/// - Ctrl-C abandons the half-typed line (`.interrupted`, after writing `^C` and a newline);
///   Ctrl-D on an empty line is `.endOfInput` (after writing a newline).
/// - The prompt may contain invisible sequences (e.g. colours) between two `"\u{1}"`
///   characters, which libedit then leaves out when it measures the prompt.
///
/// Call `Interrupt.installHandler()` once first, so Ctrl-C does not end the program. The
/// editor's own output goes to standard output, or to standard error when only that is a
/// terminal (so `partsmap > file` still shows prompts).
public final class TerminalLineEditor: LineEditor {
    private let editLine: OpaquePointer?
    private let history: TypedLineStore
    private let complete: (String) -> Completions
    private let output: UnsafeMutablePointer<FILE>
    private let outputDescriptor: Int32
    /// The current prompt as a C string, alive as long as libedit may ask for it.
    private var prompt: UnsafeMutablePointer<CChar>
    /// Used only if libedit could not be set up at all.
    private lazy var fallback = PlainLineReader(fileDescriptor: 0)

    /// - Parameters:
    ///   - programName: the name `~/.editrc` lines may be prefixed with (`partsmap:bind ...`).
    ///   - historyFile: the history file (nil = history in memory only). Its directory is
    ///     created 0700 if missing, the file 0600.
    ///   - complete: asked on Tab with the text of the line up to the cursor.
    public convenience init(programName: String, historyFile: String?,
                            complete: @escaping (String) -> Completions) {
        self.init(programName: programName, history: TypedLineStore(path: historyFile, programName: programName),
                  complete: complete)
    }

    /// The same, with a history the caller keeps too (to clear it, say).
    public init(programName: String, history: TypedLineStore,
                complete: @escaping (String) -> Completions) {
        Terminal.useUTF8Locale()  // libedit drops every non-ASCII key without it
        self.complete = complete
        self.history = history
        prompt = strdup("")
        if isatty(1) == 0 && isatty(2) != 0 {
            output = cel_stderr()
            outputDescriptor = 2
        } else {
            output = cel_stdout()
            outputDescriptor = 1
        }
        editLine = el_init(programName, cel_stdin(), output, cel_stderr())
        guard let el = editLine else { return }

        cel_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        cel_set_prompt(el, { el in
            guard let el, let editor = TerminalLineEditor.from(el) else {
                return cel_empty_string()
            }
            return editor.prompt
        }, 1)
        cel_set_editor(el, "emacs")
        cel_set_signal(el, 1)
        cel_set_history(el, history.handle)
        cel_bind(el, "^R", "em-inc-search-prev")
        // Named "<programName>-complete", so ~/.editrc can bind more keys to it.
        let completeCommand = "\(programName)-complete"
        cel_add_function(el, completeCommand, "Complete the word before the cursor", { el, _ in
            guard let el, let editor = TerminalLineEditor.from(el) else {
                return UInt8(CC_ERROR)
            }
            return editor.completeAtCursor(el)
        })
        el_source(el, nil)  // ~/.editrc (or $EDITRC); may switch to vi keys, which resets bindings

        cel_bind(el, "^I", completeCommand)
    }

    deinit {
        if let editLine {
            el_end(editLine)  // restores the terminal
        }
        free(prompt)
    }

    public func readLine(prompt text: String) -> LineInput {
        guard let el = editLine else { return fallback.readLine(prompt: text) }
        free(prompt)
        prompt = strdup(text)
        _ = Interrupt.takePending()  // a Ctrl-C before this prompt is stale now

        var count: Int32 = 0
        errno = 0
        guard let characters = el_wgets(el, &count) else {
            if count == -1 && errno == EINTR {
                _ = Interrupt.takePending()
                abandonLine(el)
                return .interrupted
            }
            // Ctrl-D on an empty line (or the terminal went away): leave a clean line behind.
            write("\n")
            return .endOfInput
        }
        var scalars = String.UnicodeScalarView()
        var length = Int(count)
        while length > 0 && (characters[length - 1] == 0x0A || characters[length - 1] == 0x0D) {
            length -= 1
        }
        scalars.reserveCapacity(length)
        for index in 0..<length {
            scalars.append(Unicode.Scalar(UInt32(bitPattern: characters[index])) ?? "\u{FFFD}")
        }
        return .line(String(scalars))
    }

    public func addToHistory(_ line: String) {
        history.add(line)
    }

    // MARK: - Internals

    private static func from(_ el: OpaquePointer) -> TerminalLineEditor? {
        guard let data = cel_get_clientdata(el) else { return nil }
        return Unmanaged<TerminalLineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    private func write(_ text: String) {
        _ = text.withCString { fputs($0, output) }
        fflush(output)
    }

    /// The dropped line stays on screen, marked `^C`; the next prompt starts on a fresh line
    /// with an empty buffer.
    private func abandonLine(_ el: OpaquePointer) {
        var text = ""
        if let info = el_wline(el)?.pointee {
            text = printableTail(info) ?? ""
        }
        write(text + "^C\n")
        el_reset(el)
    }

    /// The text from the cursor to the end of the line, if writing it again moves the terminal's
    /// cursor to the end of the line (that is, it holds no control characters).
    private func printableTail(_ info: LineInfoW) -> String? {
        guard let cursor = info.cursor, let end = info.lastchar, cursor < end else { return "" }
        var scalars = String.UnicodeScalarView()
        var position = cursor
        while position < end {
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: position.pointee)),
                  scalar.value >= 0x20, scalar.value != 0x7F, !(0x80..<0xA0).contains(scalar.value)
            else { return nil }
            scalars.append(scalar)
            position += 1
        }
        return String(scalars)
    }

    /// The Tab command.
    private func completeAtCursor(_ el: OpaquePointer) -> UInt8 {
        guard let info = el_wline(el)?.pointee, let buffer = info.buffer, let cursor = info.cursor
        else { return UInt8(CC_ERROR) }
        var typed = String.UnicodeScalarView()
        var position = buffer
        while position < cursor {
            typed.append(Unicode.Scalar(UInt32(bitPattern: position.pointee)) ?? "\u{FFFD}")
            position += 1
        }
        let typedText = String(typed)
        let completions = complete(typedText)
        switch CompletionAction(typed: typedText, completions: completions) {
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        case let .insert(deleting, text, addSpace):
            if deleting > 0 { el_deletestr(el, Int32(deleting)) }
            if !text.isEmpty && !insert(text, into: el) { return UInt8(CC_REFRESH_BEEP) }
            if addSpace {
                if let info = el_wline(el)?.pointee, let cursor = info.cursor,
                   let end = info.lastchar, cursor < end, cursor.pointee == 0x20 {
                    el_cursor(el, 1)  // a space is already there: step over it
                } else {
                    _ = insert(" ", into: el)
                }
            }
            return UInt8(CC_REFRESH)
        case let .list(candidates):
            showList(candidates, after: info)
            return UInt8(CC_REDISPLAY)
        case let .askToList(count):
            // The terminal is in raw mode here: end lines with "\r\n".
            write((printableTail(info) ?? "") + "\r\nDisplay all \(count) possibilities? (y or n) ")
            var key: CChar = 0
            // y or a space lists, as in readline; anything else (n, Ctrl-C, Ctrl-D) does not.
            if el_getc(el, &key) == 1, key == 0x79 || key == 0x59 || key == 0x20 {
                showList(completions.candidates, after: nil)
            } else {
                write("\r\n")
            }
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Lays the candidates out in columns under the line (`after`: the line, to step past the
    /// rest of it first); libedit redraws the line below them.
    private func showList(_ candidates: [String], after info: LineInfoW?) {
        var columns = Int(cel_window_columns(outputDescriptor))
        if columns <= 0, let el = editLine { columns = Int(cel_terminal_columns(el)) }
        if columns <= 0 { columns = 80 }
        // The terminal is in raw mode here: end lines with "\r\n".
        var text = info.map { (printableTail($0) ?? "") + "\r\n" } ?? "\r\n"
        for row in columnLayout(candidates, width: columns) {
            text += row + "\r\n"
        }
        write(text)
    }

    private func insert(_ text: String, into el: OpaquePointer) -> Bool {
        var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        return el_winsertstr(el, wide) == 0
    }
}
