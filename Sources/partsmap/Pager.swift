import Glibc
import LineEditing

/// Runs a pager on text, as psql does: the pager gets the text on a pipe for its standard input, and
/// partsmap ignores Ctrl-C until it has finished — Ctrl-C belongs to the pager then, and never ends
/// partsmap. A command of plain words (`less -FRX`) is started itself, as git does, so the process
/// partsmap waits for is the pager: a shell between them would die of the Ctrl-C that less only takes
/// as "stop", and partsmap would go back to the prompt with less still on the screen. A command with
/// anything a shell reads (quotes, `|`, `$`…) goes through `sh -c`.
enum Pager {
    enum Outcome {
        /// The pager showed it (or the person left it early).
        case shown
        /// The pager could not be started, or its command was not found (exit 127): nothing was shown.
        case notShown
    }

    static func page(_ text: String, through command: String) -> Outcome {
        var ends: [Int32] = [0, 0]
        // Close-on-exec: the pager must not hold its own input open, nor `dot` (started by the view
        // meanwhile) the pipe's reading end, which would keep a write waiting after the pager has gone.
        guard pipe(&ends) == 0 else { return .notShown }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        // The pager gets the usual signals back: partsmap ignores SIGPIPE, and SIGINT while it waits.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // Ctrl-C goes to the whole foreground group: partsmap lets it pass until the pager is done.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        var before = sigaction()
        sigaction(SIGINT, &ignore, &before)
        defer {
            sigaction(SIGINT, &before, nil)
            _ = Interrupt.takePending()
        }

        let words = plainWords(command) ?? ["sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Like git: a bare `less` from $PAGER still shows the colours and quits when the text fits.
        let less = getenv("LESS") == nil ? strdup("LESS=FRX") : nil
        defer { free(less) }
        var envp: [UnsafeMutablePointer<CChar>?] = less.map { [$0] } ?? []
        var index = 0
        while let entry = environ[index] {
            envp.append(entry)
            index += 1
        }
        envp.append(nil)

        // A pager killed before it could put the terminal back (a Ctrl-C as it starts) would leave it raw
        // for whatever reads next; the settings from before it are put back once it has gone.
        var settings = termios()
        let saved = tcgetattr(STDIN_FILENO, &settings) == 0
        defer { if saved { _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &settings) } }

        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, words[0], &actions, &attributes, argv, envp)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return .notShown
        }
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }  // the person left the pager before the end
                offset += n
            }
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        return exited && (status >> 8) & 0xFF == 127 ? .notShown : .shown
    }

    /// The words of a command that needs no shell (letters, digits and `-+_./,:@` between blanks); nil otherwise.
    static func plainWords(_ command: String) -> [String]? {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let plain = words.allSatisfy { word in
            word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-+_./,:@".unicodeScalars.contains($0) }
        }
        return plain && !words.isEmpty ? words : nil
    }
}
