import Glibc

/// What partsmap says if it crashes: a fixed sentence, never a memory dump (the Swift backtracer prints
/// 16 bytes at every register, which can hold map text), and no core file. PARTSMAP_BACKTRACE=1 keeps the
/// runtime's backtracer for debugging.
enum CrashGuard {
    static func install() {
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        if let value = getenv("PARTSMAP_BACKTRACE"), String(cString: value) == "1" { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            // Only async-signal-safe calls here: a constant message, then out.
            let message: StaticString = "partsmap crashed. Every change it acknowledged is saved in your map.\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(128 + signal)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGSYS, SIGQUIT] {
            sigaction(signal, &action, nil)
        }
    }
}
