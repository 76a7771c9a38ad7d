import Foundation
@_exported import SeededRandom
import Testing

/// What a test needs from the machine beyond Swift: a program on PATH, root that can mount a tmpfs,
/// strace allowed to trace. Where one is missing the test shows as skipped, with the reason — except on
/// CI (`CI=true`), whose `.ci/run` installs them all: there it fails, so a CI that forgot one is noticed.
public enum Tools {
    /// Whether `program` is an executable file in a folder of PATH.
    public static func has(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    public static var onCI: Bool { ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased()) }

    /// Root, and the kernel lets it mount a tmpfs (a container may not).
    public static let canMountTmpfs: Bool = {
        guard geteuid() == 0 else { return false }
        var template = Array((NSTemporaryDirectory() + "/partsmap-mount-probe-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { return false }
        let folder = String(cString: made)
        defer { rmdir(folder) }
        guard shell("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder) else { return false }
        return shell("umount", folder)
    }()

    /// strace is installed and may trace here (ptrace can be forbidden in a container).
    public static let canTrace: Bool = has("strace") && shell("strace", "-f", "-qq", "-o", "/dev/null", "true")

    /// Whether a test that needs `what` runs: yes when `available`; off CI, no (skipped); on CI, an error,
    /// which fails the test.
    public static func check(_ available: Bool, _ what: String, onCI: Bool = Tools.onCI) throws -> Bool {
        if available { return true }
        if onCI { throw Missing(what: what) }
        return false
    }

    public struct Missing: Error, CustomStringConvertible {
        public var what: String
        public var description: String { "CI=true, but this test needs \(what), which this machine lacks: install it in .ci/run" }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where `program` is on PATH (on CI, fails without it).
    public static func requires(_ program: String) -> Self {
        requires(program, if: Tools.has(program))
    }

    /// Runs the test only where `available` holds (on CI, fails where it does not); `what` names the need.
    public static func requires(_ what: String, if available: @autoclosure @escaping @Sendable () -> Bool) -> Self {
        .enabled(if: try Tools.check(available(), what), Comment(rawValue: "needs \(what)"))
    }

    /// Root that can mount a small tmpfs: a real full disk, a real read-only folder.
    public static var requiresTmpfs: Self { requires("root that can mount a tmpfs", if: Tools.canMountTmpfs) }

    /// A folder the test can make read-only: chmod does for a user; root, whom permissions do not stop,
    /// needs a tmpfs remounted read-only.
    public static var requiresReadOnlyFolder: Self {
        requires("a read-only folder (as root: a tmpfs mount)", if: geteuid() != 0 || Tools.canMountTmpfs)
    }
}

/// Runs a command quietly; true when it succeeded.
public func shell(_ arguments: String...) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}
