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
        try render(format: format, searchPath: searchPath) { feed in
            var dot = dot
            dot.withUTF8(feed)
        }
    }

    /// Renders the DOT that `writeDOT` hands its sink a piece at a time: each piece goes to dot as it is
    /// made, so a large map's DOT is never held whole (nor copied into dot's input).
    static func render(format: ExportFormat, searchPath: String?,
                       writingDOT writeDOT: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) throws(ExportError) -> Rendered {
        var arguments = ["-T\(format.rawValue)"]
        // Sharper for print than Graphviz's 96 dpi default; SVG and PDF are vector anyway.
        if format == .png { arguments.append("-Gdpi=144") }
        let process = try Running(arguments: arguments, searchPath: searchPath)
        writeDOT { process.send($0) }
        let result = try process.finish()
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
        let process = try Running(arguments: arguments, searchPath: searchPath, program: program)
        input.withUnsafeBufferPointer { process.send($0) }
        return try process.finish()
    }

    /// A renderer started with its standard input, output and error on socket pairs, fed a piece at a
    /// time: each `send` waits (in one `poll` loop) until its piece is taken, reading what the renderer
    /// writes meanwhile, so neither side can fill a pipe and stall the other.
    final class Running {
        private let program: String
        private let executable: String
        private let pid: pid_t
        // Parent's ends; -1 once closed.
        private var inputFD: Int32
        private var outputFD: Int32
        private var errorFD: Int32
        /// The renderer stopped reading (it failed, or has all it wants): the rest of the input is dropped,
        /// and its status and messages say why.
        private var inputRefused = false
        private var stdout: [UInt8] = []
        private var stderr: [UInt8] = []
        private var buffer = [UInt8](repeating: 0, count: 65_536)

        init(arguments: [String], searchPath: String?, program: String = "dot") throws(ExportError) {
            guard let executable = Graphviz.locate(searchPath: searchPath, program: program) else {
                throw program == "dot" ? .dotMissing : .rendererMissing(program)
            }
            self.program = program
            self.executable = executable
            func failure(_ what: String, _ code: Int32 = errno) -> ExportError {
                .dotNotStarted(path: executable, reason: "\(what): \(String(cString: strerror(code)))")
            }

            // Socket pairs rather than pipes: created close-on-exec in one step (so a dot started
            // at the same time by another thread cannot inherit them), and writing with
            // MSG_NOSIGNAL cannot raise SIGPIPE in this process if dot stops reading early.
            // [0]: the parent's end, [1]: the child's.
            var pairs: [[Int32]] = []
            let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            for _ in 0..<3 {
                var pair: [Int32] = [-1, -1]
                guard socketpair(AF_UNIX, type, 0, &pair) == 0 else {
                    let code = errno
                    for fd in pairs.joined() { close(fd) }
                    throw failure("socketpair", code)
                }
                pairs.append(pair)
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            for (index, pair) in pairs.enumerated() { posix_spawn_file_actions_adddup2(&actions, pair[1], Int32(index)) }

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
            for pair in pairs { close(pair[1]) }
            guard spawned == 0 else {
                for pair in pairs { close(pair[0]) }
                throw failure("posix_spawn", spawned)
            }
            self.pid = pid
            (inputFD, outputFD, errorFD) = (pairs[0][0], pairs[1][0], pairs[2][0])
        }

        /// Hands `bytes` to the renderer's standard input, reading its output meanwhile.
        func send(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            var written = 0
            while written < bytes.count, inputFD >= 0, !inputRefused {
                guard pump(waitingToSend: true) else { continue }
                let sent = Glibc.send(inputFD, base + written, min(bytes.count - written, 65_536), Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                if sent > 0 {
                    written += sent
                } else if sent < 0, errno == EAGAIN || errno == EINTR {
                    // try again when poll says so
                } else {
                    inputRefused = true
                }
            }
        }

        /// Ends the input, reads the rest of what the renderer writes, and waits for it.
        func finish() throws(ExportError) -> Finished {
            if inputFD >= 0 { close(inputFD); inputFD = -1 }
            while outputFD >= 0 || errorFD >= 0 { _ = pump(waitingToSend: false) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                if errno != EINTR {
                    throw .dotNotStarted(path: executable, reason: "waitpid: \(String(cString: strerror(errno)))")
                }
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

        /// One wait on the descriptors still open: reads whatever output is ready. True when the input
        /// can take more (only asked when `waitingToSend`).
        private func pump(waitingToSend: Bool) -> Bool {
            var fds = [
                pollfd(fd: waitingToSend ? inputFD : -1, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errorFD, events: Int16(POLLIN), revents: 0),
            ]
            // Negative descriptors are ignored by poll.
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno != EINTR { inputRefused = true; closeOutputs() }
                return false
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
            return fds[0].revents != 0
        }

        private func closeOutputs() {
            if outputFD >= 0 { close(outputFD); outputFD = -1 }
            if errorFD >= 0 { close(errorFD); errorFD = -1 }
        }

        deinit {
            if inputFD >= 0 { close(inputFD) }
            closeOutputs()
        }
    }
}
