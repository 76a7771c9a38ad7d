#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine
import Synchronization

/// Facts about the terminal we run on.
public enum Terminal {
    /// Whether standard input is a terminal we should edit on: `isatty(0)` and `TERM` is not
    /// `"dumb"`.
    public static var isInteractive: Bool {
        guard isatty(0) != 0 else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// The rows and columns of the terminal on `descriptor`; zeros when it is not one (or will not say).
    public static func size(of descriptor: Int32) -> (rows: Int, columns: Int) {
        (Int(cel_window_rows(descriptor)), Int(cel_window_columns(descriptor)))
    }

    /// Columns `scalar` takes on the terminal (`wcwidth`): 2 for wide characters, 0 for combining marks
    /// and controls, 1 for what the C library does not know.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let width = cel_wcwidth(wchar_t(bitPattern: scalar.value))
        return width >= 0 ? Int(width) : (scalar.value >= 0x20 && scalar.value != 0x7F ? 1 : 0)
    }

    /// Makes the C library's character set UTF-8, which libedit needs to accept non-ASCII keys:
    /// `setlocale(LC_ALL, "")`, falling back to `C.UTF-8` when the environment's codeset is not
    /// UTF-8. Does nothing when the current codeset already is UTF-8. Returns whether it is
    /// UTF-8 afterwards. The fallback sets only `LC_CTYPE`, keeping the rest of the
    /// environment's locale.
    @discardableResult
    public static func useUTF8Locale() -> Bool {
        if codesetIsUTF8() { return true }
        if setlocale(LC_ALL, "") != nil, codesetIsUTF8() { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if setlocale(LC_CTYPE, name) != nil, codesetIsUTF8() { return true }
        }
        return false
    }

    private static func codesetIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}

/// The pending Ctrl-C, set by the SIGINT handler (async-signal-safe: a lock-free atomic).
private let interruptPending = Atomic<Bool>(false)

/// Ctrl-C handling. A no-op SIGINT handler (without `SA_RESTART`) keeps Ctrl-C from killing the
/// program: inside `TerminalLineEditor.readLine` it abandons the line; elsewhere it only sets a
/// flag that long-running code polls with `takePending()`.
public enum Interrupt {
    /// Call once before creating a `TerminalLineEditor`: switches the locale to UTF-8 (see
    /// `Terminal.useUTF8Locale()`) and installs the SIGINT handler.
    public static func installHandler() {
        Terminal.useUTF8Locale()
        // Initialise the flag before a signal can touch it.
        interruptPending.store(false, ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            interruptPending.store(true, ordering: .sequentiallyConsistent)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocking read returns EINTR
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last call (or since the last prompt); clears it.
    public static func takePending() -> Bool {
        interruptPending.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Whether Ctrl-C was pressed since it was last taken, without clearing it.
    public static var isPending: Bool {
        interruptPending.load(ordering: .sequentiallyConsistent)
    }
}
