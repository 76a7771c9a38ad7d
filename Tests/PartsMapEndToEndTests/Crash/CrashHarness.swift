import Foundation
import Testing
import TestSupport

/// What the crash, fault, damage and privacy tests share: a partsmap driven through pipes that can be
/// killed at any moment, scripted sessions of varied changes, and ways to look at a map file's bytes.

/// partsmap started on a map, reading commands from a pipe, its acknowledgements read from standard error.
///
/// Spawned directly (posix_spawn) with close-on-exec pipes and every other descriptor closed in the child:
/// a long-lived partsmap must never hold another test's pipe open (nor another process hold its own), or
/// a reader waiting for the end of a pipe would wait for the wrong process.
final class Child: @unchecked Sendable {
    let pid: pid_t
    private var input: Int32
    private let errors: Int32
    private var buffer: [UInt8] = []
    private let writer = DispatchGroup()
    private var waited: Int32?

    init(_ box: Sandbox, _ arguments: [String], environment: [String: String] = [:]) throws {
        Child.ignoreSIGPIPE
        var inPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard GNU.pipe2(&inPipe, O_CLOEXEC) == 0 else { throw POSIXError(.EMFILE) }
        guard GNU.pipe2(&errPipe, O_CLOEXEC) == 0 else {
            close(inPipe[0])
            close(inPipe[1])
            throw POSIXError(.EMFILE)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        _ = GNU.addclosefrom(&actions, 3)
        _ = GNU.addchdir(&actions, box.dir.path)
        let words = [Sandbox.binary] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = box.environment.merging(environment) { $1 }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + env).forEach { free($0) } }
        // As from a shell: no signal blocked (the test's threads block most) and every one at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Sandbox.binary, &actions, &attributes, argv, env)
        close(inPipe[0])
        close(errPipe[1])
        guard spawned == 0 else {
            close(inPipe[1])
            close(errPipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL)
        }
        self.pid = pid
        input = inPipe[1]
        errors = errPipe[0]
    }

    deinit {
        if waited == nil { kill() }
        close(errors)
    }

    /// Writing to a pipe whose reader was killed must fail with EPIPE, not kill the test process.
    static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Sends `text` from another thread (it may be far more than a pipe holds), then closes standard input
    /// when `close`. Stops quietly when the child is gone.
    func send(_ text: String, thenClose close: Bool = false) {
        let fd = input
        let bytes = Array(text.utf8)
        writer.enter()
        // A thread of its own: the shared dispatch pool may be taken up by tests blocked reading their pipes.
        let thread = Thread { [writer] in
            defer { writer.leave() }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
        thread.start()
        if close {
            writer.wait()
            closeInput()
        }
    }

    func closeInput() {
        if input >= 0 { Glibc.close(input) }
        input = -1
    }

    /// The next line of standard error, nil at its end.
    func nextErrorLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(errors, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer += chunk[..<n]
        }
    }

    /// Every line still to come on standard error (the child must be ending or gone).
    func remainingErrorLines() -> [String] {
        var lines: [String] = []
        while let line = nextErrorLine() { lines.append(line) }
        return lines
    }

    func kill() {
        Glibc.kill(pid, SIGKILL)
        finish()
    }

    /// Whether the child ended within `seconds` (it is reaped then).
    func waitForExit(seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while waited == nil {
            var status: Int32 = 0
            let got = waitpid(pid, &status, WNOHANG)
            if got == pid { waited = status } else if got < 0 && errno != EINTR { return false }
            else if ContinuousClock.now > deadline { return false } else { usleep(10_000) }
        }
        return true
    }

    /// Waits for the child to end and for the writer to give up.
    func finish() {
        if waited == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            waited = status
        }
        writer.wait()
        closeInput()
    }

    /// The wait status: killed by a signal, or the exit code.
    var killedBySIGKILL: Bool { waited.map { $0 & 0x7F == SIGKILL } ?? false }
    var exitCode: Int32? { waited.flatMap { $0 & 0x7F == 0 ? ($0 >> 8) & 0xFF : nil } }
}

/// glibc functions the Glibc module does not show (they need _GNU_SOURCE), looked up at run time.
enum GNU {
    private static func function<T>(_ name: String, as type: T.Type) -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("glibc has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }

    static let pipe2 = function("pipe2", as: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    static let addclosefrom = function("posix_spawn_file_actions_addclosefrom_np",
                                       as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    static let addchdir = function("posix_spawn_file_actions_addchdir_np",
                                   as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
}

/// A session of `count` changes a person could make, each valid where it comes (so a script runs to its
/// end): parts of every role, patterns, fields and answers with long and non-Latin text, relations, links,
/// renames, removals, sessions, undo and redo. Names and texts are written in double quotes, escaped.
struct SessionScript {
    var lines: [String] = []

    /// What the map holds, as far as the script needs to know to stay valid.
    private struct Model {
        var parts: [String: String] = [:]  // name → role word
        var patterns: Set<String> = []
        var relations: Set<[String]> = []
        var links: Set<[String]> = []
    }

    static let flavours = ["Inner Critic", "Kleine 🧒🏽", "שלום", "Mom's Girl", "\"Quoted\"", "back\\slash",
                           "Planner ✨", "Numbing", "e\u{301}té", "مرحبا", "Pleaser 😶‍🌫️", "Little One"]
    static let texts = ["being laughed at", "that I'd be left alone — אני לבד", "🧒🏽 a tight chest, here",
                        "\"quoted\" words and a back\\slash", "tab\there and\nline breaks", "about twelve",
                        "Nein, das ist zu viel", "مرحبا بالعالم", "   spaces around   ", "#not a comment", "--dash",
                        "protects with because to from", "e\u{301} and é and 👩‍👧", "\u{200F}RTL mark"]

    init(count: Int, seed: UInt64, longTextEvery: Int = 90) {
        var rng = SeededGenerator(seed: seed)
        var model = Model()
        var undo: [Model] = []
        var redo: [Model] = []
        var sessionOpen = false
        var counter = 0

        func quoted(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        func newName() -> String {
            counter += 1
            return "\(Self.flavours.randomElement(using: &rng)!) \(counter)"
        }
        func text() -> String {
            if Int.random(in: 0..<longTextEvery, using: &rng) == 0 {
                // 384–960 KiB: written in many pages, so a kill can cut the write short (a torn line).
                let paragraph = "Sometimes it feels like too much — אני לבד — and the jaw goes tight 🧒🏽. "
                let size = Int.random(in: 384...960, using: &rng) * 1024
                return String(repeating: paragraph, count: size / paragraph.utf8.count + 1)
            }
            return (0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.texts.randomElement(using: &rng)! }.joined(separator: " ")
        }

        while lines.count < count {
            let names = model.parts.keys.sorted()
            let protectors = names.filter { ["manager", "firefighter"].contains(model.parts[$0]) }
            let exiles = names.filter { model.parts[$0] == "exile" }
            let patterns = model.patterns.sorted()
            var line: String?
            var changed = model
            switch Int.random(in: 0..<20, using: &rng) {
            case 0, 1, 2:
                let role = ["manager", "firefighter", "exile", "part"].randomElement(using: &rng)!
                let name = newName()
                changed.parts[name] = role
                line = "add \(role) \(quoted(name))"
            case 3:
                let name = newName()
                changed.patterns.insert(name)
                line = "add pattern \(quoted(name)) with \(quoted("Sam and " + Self.texts.randomElement(using: &rng)!.replacingOccurrences(of: "\n", with: " ")))"
            case 4, 5:
                if let name = names.randomElement(using: &rng) {
                    let field = ["age", "body", "feeling", "job", "intent", "fear", "burden", "trailhead", "note"].randomElement(using: &rng)!
                    line = "set \(quoted(name)) \(field) \(quoted(text()))"
                }
            case 6, 7:
                if let name = protectors.randomElement(using: &rng) {
                    line = "ask \(quoted(name)) protecting \(quoted(text()))"
                } else if let name = names.randomElement(using: &rng) {
                    line = "ask \(quoted(name)) body \(quoted(text()))"
                }
            case 8:
                if let a = protectors.randomElement(using: &rng), let b = exiles.randomElement(using: &rng),
                   !model.relations.contains([a, b]) {
                    changed.relations.insert([a, b])
                    line = Bool.random(using: &rng)
                        ? "relate \(quoted(a)) protects \(quoted(b)) because \(quoted(text()))"
                        : "relate \(quoted(a)) protects \(quoted(b))"
                }
            case 9:
                if let part = names.randomElement(using: &rng), let pattern = patterns.randomElement(using: &rng),
                   !model.links.contains([part, pattern]) {
                    changed.links.insert([part, pattern])
                    line = "link \(quoted(part)) to \(quoted(pattern))"
                }
            case 10:
                if let old = names.randomElement(using: &rng) {
                    let new = newName()
                    changed.parts[new] = changed.parts.removeValue(forKey: old)
                    changed.relations = Set(changed.relations.map { $0.map { $0 == old ? new : $0 } })
                    changed.links = Set(changed.links.map { [$0[0] == old ? new : $0[0], $0[1]] })
                    line = "rename \(quoted(old)) to \(quoted(new))"
                }
            case 11:
                if names.count > 3, let name = names.randomElement(using: &rng) {
                    changed.parts[name] = nil
                    changed.relations = changed.relations.filter { !$0.contains(name) }
                    changed.links = changed.links.filter { $0[0] != name }
                    line = "remove \(quoted(name))"
                }
            case 12, 13:
                if let previous = undo.popLast() {
                    redo.append(model)
                    model = previous
                    lines.append("undo")
                }
                continue
            case 14:
                if let next = redo.popLast() {
                    undo.append(model)
                    model = next
                    lines.append("redo")
                }
                continue
            case 15:
                lines.append(sessionOpen ? "session end" : "session start \(quoted(Self.texts.randomElement(using: &rng)!.replacingOccurrences(of: "\n", with: " ")))")
                sessionOpen.toggle()
                continue
            default:
                if let name = names.randomElement(using: &rng) {
                    line = "ask \(quoted(name)) body \(quoted(text()))"
                }
            }
            guard let line else { continue }
            undo.append(model)
            redo.removeAll()
            model = changed
            lines.append(line)
        }
    }
}

/// A map file's bytes, read as partsmap's journal: header, records, and whatever follows the last newline.
struct MapFileBytes {
    var header: String?
    /// Each record line, as the bytes of its body (the change, without the time in front).
    var bodies: [[UInt8]] = []
    var times: [String] = []
    var tail: [UInt8] = []

    init(_ bytes: [UInt8]) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        tail = lines.removeLast()
        for line in lines {
            if line.first == UInt8(ascii: "#") {
                header = String(decoding: line, as: UTF8.self)
                continue
            }
            times.append(String(decoding: line.prefix(20), as: UTF8.self))
            bodies.append(Array(line.dropFirst(21)))
        }
    }

    static func isTimestamp(_ s: String) -> Bool { s.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil }
}

extension Sandbox {
    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    func files(in folder: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder ?? dir.path).sorted()
    }

    /// Runs partsmap as `run(_:input:)` does, with extra environment variables (TMPDIR, LD_PRELOAD…) and
    /// from `folder` (default: the sandbox).
    /// `launcher`: a command partsmap is started through (`["/bin/sh", "-c", "umask 000; exec \"$@\"", "sh"]`).
    @discardableResult
    func run(_ arguments: [String], input: String = "", environment extra: [String: String],
             in folder: String? = nil, launcher: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher.first ?? Sandbox.binary)
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [Sandbox.binary] + arguments
        process.environment = environment.merging(extra) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: folder ?? dir.path)
        let outURL = dir.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let stdout = try FileHandle(forWritingTo: outURL), stderr = try FileHandle(forWritingTo: errURL)
        let inURL = dir.appendingPathComponent("stdin-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inURL)
        defer { try? FileManager.default.removeItem(at: inURL) }
        let stdin = try FileHandle(forReadingFrom: inURL)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        try stdin.close()
        return Result(status: process.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }
}

/// ISO times and dates in an export, replaced: two runs of the same changes differ only in when they ran.
/// (A hand-written scan: a regular expression over megabytes of answers is slow.)
func withoutTimes(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    func digits(_ at: Int, _ count: Int) -> Bool {
        at + count <= bytes.count && bytes[at..<at + count].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
    func byte(_ at: Int, _ c: Character) -> Bool { at < bytes.count && bytes[at] == c.asciiValue! }
    var i = 0
    while i < bytes.count {
        // yyyy-mm-dd, then optionally Thh:mm:ssZ or " hh:mm"
        if digits(i, 4), byte(i + 4, "-"), digits(i + 5, 2), byte(i + 7, "-"), digits(i + 8, 2) {
            var end = i + 10
            if byte(end, "T"), digits(end + 1, 2), byte(end + 3, ":"), digits(end + 4, 2), byte(end + 6, ":"),
               digits(end + 7, 2), byte(end + 9, "Z") {
                end += 10
            } else if byte(end, " "), digits(end + 1, 2), byte(end + 3, ":"), digits(end + 4, 2) {
                end += 6
            }
            out += Array("<time>".utf8)
            i = end
            continue
        }
        out.append(bytes[i])
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// The number of crash-harness kills: `PARTSMAP_CRASH_KILLS` if set, otherwise `reduced` (what `swift test`
/// and CI run). The full run: `PARTSMAP_CRASH_KILLS=240 swift test --filter Crash`.
func crashKills(reduced: Int) -> Int {
    if let value = ProcessInfo.processInfo.environment["PARTSMAP_CRASH_KILLS"], let kills = Int(value), kills > 0 { return kills }
    return reduced
}
