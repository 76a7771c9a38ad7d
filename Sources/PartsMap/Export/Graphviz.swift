import Glibc

/// Runs Graphviz's `dot` to render DOT text: found on the search path, fed the DOT on its
/// standard input while its output and messages are read at the same time (one `poll` loop,
/// so neither side can fill a pipe and stall the other). A failure, or success with nothing
/// written, is an error carrying dot's own words — never a silent empty file.
enum Graphviz {
    struct Rendered {
        var bytes: [UInt8]
        /// What dot said on standard error although it succeeded.
        var warnings: [String]
    }

    static func render(_ dot: String, format: ExportFormat, searchPath: String?) throws(ExportError) -> Rendered {
        var arguments = ["-T\(format.rawValue)"]
        // Sharper for print than Graphviz's 96 dpi default; SVG and PDF are vector anyway.
        if format == .png { arguments.append("-Gdpi=144") }
        let result = try run(arguments: arguments, input: Array(dot.utf8), searchPath: searchPath)
        let said = String(decoding: result.stderr, as: UTF8.self)
        guard result.status == 0 else { throw .dotFailed(status: result.status, stderr: said) }
        guard !result.stdout.isEmpty else { throw .dotEmptyOutput(stderr: said) }
        let warnings = said.split(whereSeparator: \.isNewline).map { "Graphviz: " + $0 }
        return Rendered(bytes: result.stdout, warnings: warnings)
    }

    /// Where `dot` (or another `program`) is: the first executable of that name in the `:`-separated directories.
    static func locate(searchPath: String?, program: String = "dot") -> String? {
        let path = searchPath ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let dir = directory.isEmpty ? "." : String(directory)
            let candidate = dir.hasSuffix("/") ? dir + program : dir + "/" + program
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    struct Finished {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Runs `dot ARGUMENTS` (or another `program`: `rsvg-convert` for charts) with `input` on its standard input.
    static func run(arguments: [String], input: [UInt8], searchPath: String?, program: String = "dot") throws(ExportError) -> Finished {
        guard let executable = locate(searchPath: searchPath, program: program) else {
            throw program == "dot" ? .dotMissing : .rendererMissing(program)
        }
        func failure(_ what: String, _ code: Int32 = errno) -> ExportError {
            .dotNotStarted(path: executable, reason: "\(what): \(String(cString: strerror(code)))")
        }

        // Socket pairs rather than pipes: created close-on-exec in one step (so a dot started
        // at the same time by another thread cannot inherit them), and writing with
        // MSG_NOSIGNAL cannot raise SIGPIPE in this process if dot stops reading early.
        var inputPair: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        for index in 0..<3 {
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, type, 0, &pair) == 0 else {
                let code = errno
                for fd in inputPair + outputPipe + errorPipe where fd >= 0 { close(fd) }
                throw failure("socketpair", code)
            }
            switch index {
            case 0: inputPair = pair
            case 1: outputPipe = pair
            default: errorPipe = pair
            }
        }
        // Parent's ends: inputPair[0] (write), outputPipe[0], errorPipe[0].
        // Child's ends: inputPair[1], outputPipe[1], errorPipe[1].
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        for fd in [inputPair[1], outputPipe[1], errorPipe[1]] { close(fd) }
        guard spawned == 0 else {
            for fd in [inputPair[0], outputPipe[0], errorPipe[0]] { close(fd) }
            throw failure("posix_spawn", spawned)
        }

        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var written = 0
        var inputFD: Int32 = inputPair[0]
        var outputFD: Int32 = outputPipe[0]
        var errorFD: Int32 = errorPipe[0]
        if input.isEmpty { close(inputFD); inputFD = -1 }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while outputFD >= 0 || errorFD >= 0 {
            var fds = [
                pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errorFD, events: Int16(POLLIN), revents: 0),
            ]
            // Negative descriptors are ignored by poll.
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if inputFD >= 0, fds[0].revents != 0 {
                let sent = input.withUnsafeBytes { raw in
                    send(inputFD, raw.baseAddress! + written, min(raw.count - written, 65_536),
                         Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                }
                if sent > 0 {
                    written += sent
                } else if sent < 0, errno == EAGAIN || errno == EINTR {
                    // try again when poll says so
                } else {
                    written = input.count  // dot stopped reading; its status and messages will say why
                }
                if written >= input.count { close(inputFD); inputFD = -1 }
            }
            for (index, isOutput) in [(1, true), (2, false)] where fds[index].revents != 0 {
                let fd = isOutput ? outputFD : errorFD
                let count = read(fd, &buffer, buffer.count)
                if count > 0 {
                    if isOutput { stdout += buffer[0..<count] } else { stderr += buffer[0..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(fd)
                    if isOutput { outputFD = -1 } else { errorFD = -1 }
                }
            }
        }
        if inputFD >= 0 { close(inputFD) }
        if outputFD >= 0 { close(outputFD) }
        if errorFD >= 0 { close(errorFD) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { throw failure("waitpid") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let exitCode: Int32
        if status & 0x7F == 0 {
            exitCode = (status >> 8) & 0xFF
        } else {
            exitCode = 128 + (status & 0x7F)
            let signalName = String(cString: strsignal(status & 0x7F))
            stderr += Array("\(program) was stopped by a signal (\(signalName))\n".utf8)
        }
        return Finished(status: exitCode, stdout: stdout, stderr: stderr)
    }
}
