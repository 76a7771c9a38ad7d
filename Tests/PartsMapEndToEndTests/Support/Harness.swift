import Foundation
import Testing

/// Runs the built `partsmap` as a user's shell or script would, each test in its own folder
/// with its own HOME and XDG directories, so nothing leaks between tests or into the machine.
struct Sandbox {
    let dir: URL
    var map: String { dir.appendingPathComponent("map.parts").path }

    init() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("partsmap-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("partsmap").path
    }

    var environment: [String: String] {
        [
            "HOME": dir.path, "XDG_DATA_HOME": dir.appendingPathComponent("data").path,
            "XDG_STATE_HOME": dir.appendingPathComponent("state").path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8", "TERM": "dumb", "TZ": "UTC",
        ]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both streams as written, before decoding (which would hide invalid UTF-8).
        var bytes: (stdout: Data, stderr: Data)

        init(status: Int32, stdout: Data, stderr: Data) {
            self.status = status
            self.stdout = String(decoding: stdout, as: UTF8.self)
            self.stderr = String(decoding: stderr, as: UTF8.self)
            bytes = (stdout, stderr)
        }
    }

    /// Runs partsmap with `arguments`, `input` on standard input; `adding` goes into its environment.
    @discardableResult
    func run(_ arguments: [String], input: String = "", adding extra: [String: String] = [:]) throws -> Result {
        try run(Sandbox.binary, arguments, input: input, adding: extra)
    }

    /// Runs `program` the same way (another program the test needs to see through the sandbox's eyes).
    @discardableResult
    func run(_ program: String, _ arguments: [String], input: String = "", adding extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        process.currentDirectoryURL = dir
        // Output goes to files, so a large output can never block the child on a full pipe.
        let outURL = dir.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: outURL), stderr = try FileHandle(forWritingTo: errURL)
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return Result(status: process.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }

    /// Runs a script on the map file.
    @discardableResult
    func script(_ lines: String...) throws -> Result { try run([map], input: lines.joined(separator: "\n") + "\n") }

    func mapBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: map)) }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
}
