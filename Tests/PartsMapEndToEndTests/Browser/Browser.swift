import Foundation

/// Debian's `chromium`, headless, as a person's browser would show and print a page: the DOM after
/// it was read, a screenshot, a printed PDF. As root it needs `--no-sandbox`; each run gets a profile of
/// its own so runs never share state.
struct Browser {
    let scratch: URL

    init(scratch: URL) { self.scratch = scratch }

    /// Runs chromium on `page` with `arguments`; its standard output.
    @discardableResult
    func run(_ arguments: [String], page: URL, seconds: Double = 60) throws -> String {
        let profile = scratch.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString]
        let out = scratch.appendingPathComponent("chromium-out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }

    /// The page's DOM as the browser built it (after any script ran for `budget` ms of virtual time).
    func dom(_ page: URL, budget: Int? = nil) throws -> String {
        try run(["--dump-dom"] + (budget.map { ["--virtual-time-budget=\($0)"] } ?? []), page: page)
    }

    func screenshot(_ page: URL, to png: URL, width: Int = 1000, height: Int = 1400) throws {
        try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars"], page: page)
    }

    func printToPDF(_ page: URL, to pdf: URL) throws {
        try run(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"], page: page)
    }

    /// How much of a PNG is not near-white (0…1): Python's zlib inflates it (no image tools needed).
    static func inkedFraction(_ png: URL) throws -> Double {
        let script = """
            import sys, zlib, struct
            data = open(sys.argv[1], 'rb').read()
            pos, idat, w, h, ct = 8, b'', 0, 0, 0
            while pos < len(data):
                n, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]; pos += 12 + n
                if kind == b'IHDR': w, h, depth, ct = struct.unpack('>IIBB', body[:10])
                if kind == b'IDAT': idat += body
            raw = zlib.decompress(idat); bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ct]; stride = w * bpp
            prev = bytearray(stride); inked = 0; i = 0
            for y in range(h):
                f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
                for x in range(stride):
                    a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 2: line[x] = (line[x] + b) & 255
                    elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                for x in range(0, stride, bpp):
                    if min(line[x:x+min(3, bpp)]) < 200: inked += 1
                prev = line
            print(inked / (w * h))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, png.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The text of each page of a PDF (poppler's pdftotext).
    static func pages(_ pdf: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", pdf.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var pages = String(decoding: output, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}

/// Chromium driven the way DevTools drives it, over its `--remote-debugging-pipe` (descriptors 3 and 4:
/// no port, no network): for a page that changes while it is open, which a one-shot `--dump-dom` can't see.
final class DevToolsBrowser {
    private let pid: pid_t
    private let commands: Int32
    private let replies: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    private var session: String?
    private let profile: URL

    init(page: URL, scratch: URL, width: Int = 800, height: Int = 500) throws {
        profile = scratch.appendingPathComponent("chromium-\(UUID().uuidString)")
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard GNU.pipe2(&toBrowser, O_CLOEXEC) == 0, GNU.pipe2(&fromBrowser, O_CLOEXEC) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        _ = GNU.addclosefrom(&actions, 5)
        let words = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
                     "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", page.absoluteString]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "chromium", &actions, nil, argv, environ)
        close(toBrowser[0])
        close(fromBrowser[1])
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        self.pid = pid
        commands = toBrowser[1]
        replies = fromBrowser[0]
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        close(commands)
        close(replies)
        try? FileManager.default.removeItem(at: profile)
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Sends one DevTools command and waits (up to `seconds`) for its answer; events on the way are skipped.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], seconds: Double = 20) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "chromium closed its pipe") }
            written += n
        }
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            while let end = buffer.firstIndex(of: 0) {
                let reply = try JSONSerialization.jsonObject(with: Data(buffer[..<end])) as? [String: Any] ?? [:]
                buffer.removeSubrange(...end)
                if reply["id"] as? Int == id {
                    if let error = reply["error"] { throw Failure(description: "\(method): \(error)") }
                    return reply["result"] as? [String: Any] ?? [:]
                }
            }
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { throw Failure(description: "no answer to \(method)") }
            var ready = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, left) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "chromium ended") }
            buffer += chunk[..<n]
        }
    }

    /// Attaches to the page the browser opened, so that `evaluate` runs in it.
    func attachToPage() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let targets = try send("Target.getTargets")["targetInfos"] as? [[String: Any]] ?? []
            if let page = targets.first(where: { $0["type"] as? String == "page" }), let id = page["targetId"] as? String {
                session = try send("Target.attachToTarget", ["targetId": id, "flatten": true])["sessionId"] as? String
                return
            }
            usleep(100_000)
        }
        throw Failure(description: "chromium opened no page")
    }

    /// The value of a JavaScript expression in the page, as a string (nil while the page is between loads).
    func evaluate(_ expression: String) -> String? {
        guard let result = try? send("Runtime.evaluate", ["expression": expression, "returnByValue": true]),
              let value = (result["result"] as? [String: Any])?["value"] else { return nil }
        return "\(value)"
    }

    /// Polls `expression` until `done` holds for its value or `seconds` pass; the last value.
    func wait(for expression: String, seconds: Double, until done: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        var last: String?
        while Date() < deadline {
            last = evaluate(expression) ?? last
            if let last, done(last) { return last }
            usleep(200_000)
        }
        return last
    }
}
