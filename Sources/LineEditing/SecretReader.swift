#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a secret (a passphrase) on the controlling terminal, `/dev/tty`, with echo off —
/// so it works when standard input is a pipe, and nothing typed is shown, kept in history or
/// left on the screen. Ctrl-C or Ctrl-D gives up.
public enum SecretReader {
    public enum Answer: Equatable {
        case secret([UInt8])
        /// Ctrl-C, Ctrl-D or the terminal went away.
        case cancelled
        /// There is no terminal to ask on.
        case noTerminal
    }

    /// Whether there is a controlling terminal to ask on.
    public static var hasTerminal: Bool {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    /// Writes `text` on the terminal (a hint between tries); nothing when there is none.
    public static func say(_ text: String) {
        let fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return }
        writeAll(fd, Array(text.utf8))
        close(fd)
    }

    public static func ask(_ prompt: String) -> Answer {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return .noTerminal }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return .noTerminal }
        var quiet = saved
        // Canonical input (the terminal's own erase and kill keys work), no echo, but the
        // newline is echoed so the next line starts where it should.
        quiet.c_lflag &= ~tcflag_t(ECHO | ECHOE | ECHOK)
        quiet.c_lflag |= tcflag_t(ICANON | ECHONL | ISIG)
        // Ctrl-C must interrupt the read (no SA_RESTART) rather than end the program with
        // echo still off; the handler before is put back afterwards.
        var interrupt = sigaction()
        interrupt.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&interrupt.sa_mask)
        interrupt.sa_flags = 0
        var before = sigaction()
        sigaction(SIGINT, &interrupt, &before)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            sigaction(SIGINT, &before, nil)
        }
        writeAll(fd, Array(prompt.utf8))
        var secret: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let got = read(fd, &byte, 1)
            if got == 1 {
                if byte == 0x0A { break }
                secret.append(byte)
                if secret.count > 4096 { break }  // nobody types that much; a stuck key or paste
                continue
            }
            // Ctrl-C (EINTR), Ctrl-D on an empty line (0) or an error: nothing is kept.
            secret.removeAll()
            writeAll(fd, Array("\n".utf8))
            return .cancelled
        }
        if secret.last == 0x0D { secret.removeLast() }
        return .secret(secret)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
