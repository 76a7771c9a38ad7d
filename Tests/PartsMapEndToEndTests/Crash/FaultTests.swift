import Foundation
import Testing
import TestSupport

/// When the disk or the file system fails: a full disk and a failing flush stop further changes with
/// "your last change could not be saved: …" and never pretend; what was acknowledged stays, whole and
/// loadable. Read-only files and folders, a missing folder, a folder or device where a map should be: each a
/// clear message, and nothing written.
///
/// Faults are real where that is possible (a 64 KiB tmpfs, a read-only mount — as root), and otherwise
/// injected at the C library boundary by a small LD_PRELOAD shim (`FaultShim`), so the binary under test
/// is the one users run.
@Suite struct FaultTests {
    // MARK: A full disk

    @Test(.requiresTmpfs)
    func aFullDiskStopsChangesWithAClearMessageAndKeepsEveryAcknowledgedOne() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let small = try Mount.tmpfs(in: box, size: "64k")
        defer { small.unmount() }
        let map = small.path + "/map.parts"
        #expect(try box.run([map, "-c", "add manager P", "-c", "export json " + small.path + "/out.json"]).status == 0)
        let oldExport = try box.bytes(small.path + "/out.json")

        let note = String(repeating: "~", count: 1500)
        let lines = (1...200).map { "set P note \(note) \($0)" }
        let r = try box.run([map], input: lines.joined(separator: "\n") + "\n", environment: [:])
        let acks = r.stderr.split(separator: "\n").filter { $0 == "Set note of \"P\"." }.count
        #expect(r.status == 1)
        #expect(r.stderr.contains("partsmap: line \(acks + 1): your last change could not be saved: No space left on device"), "\(r.stderr)")
        #expect(acks > 5 && acks < 200)
        // Exactly the acknowledged changes, each a whole line.
        let found = MapFileBytes(try box.bytes(map))
        #expect(found.bodies.count == 1 + acks)
        #expect(found.tail.isEmpty, "a partial line was left behind")
        #expect(found.bodies.last.map { String(decoding: $0, as: UTF8.self).hasSuffix("~ \(acks)") } == true)
        let loaded = try box.run(["--read-only", map, "-c", "show P"])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("~ \(acks)"))

        // Still full: the next change is refused the same way, and the map stays as it was.
        let before = try box.bytes(map)
        let again = try box.run([map, "-c", "set P note \(note) again"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("your last change could not be saved: No space left on device"), "\(again.stderr)")
        #expect(try box.bytes(map) == before)

        // An export that does not fit leaves the old file whole and no temporary file behind.
        let export = try box.run([map, "-c", "export json " + small.path + "/out.json"])
        #expect(export.status == 1)
        #expect(export.stderr.contains("No space left on device"), "\(export.stderr)")
        #expect(try box.bytes(small.path + "/out.json") == oldExport)
        #expect(try box.files(in: small.path) == ["map.parts", "map.parts.lock", "out.json"])
    }

    /// A torn last line found when the disk is full: the copy to the side file fails, so nothing is cut.
    @Test(.requiresTmpfs)
    func aTornTailOnAFullDiskIsNotCutWithoutItsCopy() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let small = try Mount.tmpfs(in: box, size: "64k")
        defer { small.unmount() }
        let map = small.path + "/map.parts"
        let torn = Array("2026-11-21T10:00:00Z set A note half a thou".utf8)
        try Data(Array((JournalFormatHeader.text + "\n2026-11-21T10:00:00Z add manager A\n").utf8) + torn)
            .write(to: URL(fileURLWithPath: map))
        // Fill the rest of the disk.
        let filler = FileHandle(forWritingAtPath: small.path + "/filler") ?? {
            _ = FileManager.default.createFile(atPath: small.path + "/filler", contents: nil)
            return FileHandle(forWritingAtPath: small.path + "/filler")!
        }()
        while (try? filler.write(contentsOf: Data(count: 4096))) != nil {}
        try? filler.close()
        let before = try box.bytes(map)

        let r = try box.run([map, "-c", "list"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
        #expect(try box.bytes(map) == before, "the map was changed")
        #expect(try box.files(in: small.path).filter { $0.contains("torn") }.isEmpty)
        // Read-only still shows what is there.
        let reader = try box.run(["--read-only", map, "-c", "list"])
        #expect(reader.status == 0 && reader.stdout == "A\n", "\(reader.stderr)")
    }

    // MARK: A failing flush, a failing write

    @Test(.requires("a C compiler (clang) for the fault-injection shim", if: FaultShim.path != nil))
    func aFailingFlushStopsChangesWithAClearMessage() throws {
        let shim = try #require(FaultShim.path)
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let r = try box.run([box.map], input: "add manager B\nadd manager C\nadd manager D\n",
                            environment: ["LD_PRELOAD": shim, "FAULT_FDATASYNC_FAILS_FROM": "2"])
        #expect(r.status == 1)
        #expect(r.stderr == "Added manager \"B\".\npartsmap: line 2: your last change could not be saved: Input/output error\n", "\(r.stderr)")
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\nB\n")
        #expect(MapFileBytes(try box.bytes(box.map)).tail.isEmpty)
    }

    @Test(.requires("a C compiler (clang) for the fault-injection shim", if: FaultShim.path != nil))
    func aWriteThatFailsHalfwayLeavesNoPartOfTheLine() throws {
        let shim = try #require(FaultShim.path)
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let before = try box.bytes(box.map)
        let long = String(repeating: "words that take more than one write ", count: 400)
        let r = try box.run([box.map], input: "set A note \(long)\nadd manager B\n",
                            environment: ["LD_PRELOAD": shim, "FAULT_WRITE_FAILS_FROM": "1"])
        #expect(r.status == 1)
        #expect(r.stderr == "partsmap: line 1: your last change could not be saved: No space left on device\n", "\(r.stderr)")
        #expect(try box.bytes(box.map) == before, "part of the failed line stayed")
        #expect(try box.run([box.map, "-c", "show A"]).stdout.contains("note") == false)
    }

    /// At the keyboard the program goes on after the failure, so: every later change is refused too, and
    /// the map in memory is what the file holds (the failed change is not shown as made).
    @Test(.requires("a C compiler (clang) for the fault-injection shim", if: FaultShim.path != nil), .requires("script"))
    func afterAFailureATerminalSessionRefusesEveryFurtherChange() throws {
        let shim = try #require(FaultShim.path)
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        let typed = ["add manager B", "add manager C", "list", "\u{4}"]
        let transcript = try PseudoTerminal.run(box, [box.map], typing: typed,
                                                environment: ["LD_PRELOAD": shim, "FAULT_FDATASYNC_FAILS_FROM": "1"])
        let failure = transcript.range(of: "your last change could not be saved: Input/output error")
        let refusal = transcript.range(of: "the map takes no more changes after one could not be saved")
        #expect(failure != nil && refusal != nil && failure!.upperBound < refusal!.lowerBound, "\(transcript)")
        #expect(!transcript.contains("Added manager"), "\(transcript)")
        #expect(transcript.contains("\nA\r\n") || transcript.contains("\nA\n"), "list shows only what is saved: \(transcript)")
        #expect(try box.run([box.map, "-c", "list"]).stdout == "A\n")
    }

    // MARK: Read-only files and folders

    @Test func aReadOnlyMapFileIsAClearMessageAndCanBeReadWithReadOnly() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager A")
        chmod(box.map, 0o400)
        let before = try box.bytes(box.map)
        let r = try box.run([box.map, "-c", "add manager B"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("the file is read-only; open it with --read-only"), "\(r.stderr)")
        #expect(r.stderr.contains("chmod u+w"))
        #expect(try box.bytes(box.map) == before)
        #expect(try box.mode(box.map) == 0o400)
        let reader = try box.run(["--read-only", box.map, "-c", "list"])
        #expect(reader.status == 0 && reader.stdout == "A\n", "\(reader.stderr)")
        let change = try box.run(["--read-only", box.map, "-c", "add manager B"])
        #expect(change.status == 1)
        #expect(change.stderr.contains("is open read-only: nothing can be changed"), "\(change.stderr)")
    }

    /// As root, permissions do not stop writing, so the folder is a read-only mount; otherwise chmod 0500.
    @Test(.requiresReadOnlyFolder)
    func aReadOnlyFolderIsAClearMessageAndItsMapCanBeRead() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let folder: String
        var mount: Mount?
        if geteuid() == 0 {
            let mounted = try Mount.tmpfs(in: box, size: "1m")
            mount = mounted
            folder = mounted.path
        } else {
            folder = box.dir.appendingPathComponent("folder").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        }
        defer { mount?.unmount() }
        #expect(try box.run([folder + "/map.parts", "-c", "add manager A"]).status == 0)
        try? FileManager.default.removeItem(atPath: folder + "/map.parts.lock")
        if let mount { #expect(mount.remountReadOnly()) } else { chmod(folder, 0o500) }
        defer { chmod(folder, 0o700) }
        let refusal = mount == nil ? "Permission denied" : "Read-only file system"

        let new = try box.run([folder + "/new.parts", "-c", "add manager B"])
        #expect(new.status == 1)
        #expect(new.stderr.contains("cannot create \(folder)/new.parts: \(refusal)"), "\(new.stderr)")
        let existing = try box.run([folder + "/map.parts", "-c", "add manager B"])
        #expect(existing.status == 1)
        #expect(existing.stderr.contains(refusal) && existing.stderr.contains("--read-only"), "\(existing.stderr)")
        let reader = try box.run(["--read-only", folder + "/map.parts", "-c", "list"])
        #expect(reader.status == 0 && reader.stdout == "A\n", "\(reader.stderr)")
    }

    // MARK: Paths that cannot be maps

    @Test func aMissingFolderIsCreatedPrivatelyForChangesAndReportedForReading() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let map = box.dir.appendingPathComponent("missing/folder/map.parts").path
        let reader = try box.run(["--read-only", map, "-c", "list"])
        #expect(reader.status == 1)
        #expect(reader.stderr == "partsmap: cannot open \(map): No such file or directory\n", "\(reader.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.dir.appendingPathComponent("missing").path))

        #expect(try box.run([map, "-c", "add manager A"]).status == 0)
        #expect(try box.mode(box.dir.appendingPathComponent("missing").path) == 0o700)
        #expect(try box.mode(box.dir.appendingPathComponent("missing/folder").path) == 0o700)
        #expect(try box.mode(map) == 0o600)
    }

    @Test(arguments: ["folder", "folder/", "fifo", "/dev/null"])
    func aFolderOrSpecialFileIsNotAMap(path: String) throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try FileManager.default.createDirectory(at: box.dir.appendingPathComponent("folder"), withIntermediateDirectories: false)
        #expect(mkfifo(box.dir.appendingPathComponent("fifo").path, 0o600) == 0)
        let listing = try box.files()
        for readOnly in [false, true] {
            let r = try box.run((readOnly ? ["--read-only"] : []) + [path, "-c", "list"])
            #expect(r.status == 1)
            #expect(r.stderr == "partsmap: \(path) is a folder or other special file, not a map file; give the path of a map file\n",
                    "\(r.stderr)")
        }
        #expect(try box.files() == listing, "something was created")
        #expect(try box.files(in: box.dir.appendingPathComponent("folder").path) == [])
    }

    @Test func aPathThroughAFileIsAClearMessage() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try Data("notes\n".utf8).write(to: box.dir.appendingPathComponent("notes.txt"))
        for readOnly in [false, true] {
            let r = try box.run((readOnly ? ["--read-only"] : []) + ["notes.txt/map.parts", "-c", "list"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("notes.txt/map.parts: Not a directory"), "\(r.stderr)")
        }
        #expect(try box.bytes(box.dir.appendingPathComponent("notes.txt").path) == Array("notes\n".utf8))
    }
}

// MARK: - Helpers

/// A small tmpfs mounted inside a sandbox (root only: a test that mounts one has `.requiresTmpfs`).
struct Mount {
    let path: String

    static func tmpfs(in box: Sandbox, size: String) throws -> Mount {
        let path = box.dir.appendingPathComponent("mnt-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try #require(shell("mount", "-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path), "cannot mount a tmpfs at \(path)")
        return Mount(path: path)
    }

    func remountReadOnly() -> Bool { shell("mount", "-o", "remount,ro", path) }

    func unmount() { _ = shell("umount", "-l", path) }
}

/// An LD_PRELOAD library that makes the C library's `fdatasync` and `write` fail on map files
/// (`*.parts`) on demand:
/// - `FAULT_FDATASYNC_FAILS_FROM=N`: the Nth flush of a map and every later one fail with EIO;
/// - `FAULT_WRITE_FAILS_FROM=N`: the Nth write to a map writes half its bytes, then it and every later
///   one fail with ENOSPC.
/// Compiled once per test run with the toolchain's clang; nil without one (the tests that need it skip).
enum FaultShim {
    static let source = #"""
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>

        static long setting(const char *name) {
            const char *value = getenv(name);
            return value ? atol(value) : 0;
        }

        /* Whether fd is a map file: its path ends in ".parts". */
        static int is_map(int fd) {
            char link[64], target[4096];
            snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n < 6) return 0;
            target[n] = 0;
            return strcmp(target + n - 6, ".parts") == 0;
        }

        static long syncs, writes;

        int fdatasync(int fd) {
            static int (*real)(int);
            if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
            long from = setting("FAULT_FDATASYNC_FAILS_FROM");
            if (from > 0 && is_map(fd) && ++syncs >= from) { errno = EIO; return -1; }
            return real(fd);
        }

        ssize_t write(int fd, const void *buffer, size_t count) {
            static ssize_t (*real)(int, const void *, size_t);
            if (!real) real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
            long from = setting("FAULT_WRITE_FAILS_FROM");
            if (from > 0 && is_map(fd) && ++writes >= from) {
                if (writes == from && count > 1) return real(fd, buffer, count / 2);
                errno = ENOSPC;
                return -1;
            }
            return real(fd, buffer, count);
        }
        """#

    static let path: String? = {
        let folder = NSTemporaryDirectory() + "/partsmap-fault-shim-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = folder + "/fault.c", library = folder + "/fault.so"
        guard (try? FaultShim.source.write(toFile: source, atomically: false, encoding: .utf8)) != nil else { return nil }
        let clangs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/clang" }
            + ["/opt/swift/usr/bin/clang", "/usr/bin/clang", "/usr/bin/cc"]
        for clang in clangs where FileManager.default.isExecutableFile(atPath: clang) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: clang)
            process.arguments = ["-shared", "-fPIC", "-O2", "-o", library, source, "-ldl"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return library }
        }
        return nil
    }()
}

/// partsmap in a pseudo-terminal (util-linux `script`), with its own environment: for what only an
/// interactive session does. Lines are typed one by one, a little apart; returns what the terminal showed
/// (escape sequences removed).
enum PseudoTerminal {
    static func run(_ box: Sandbox, _ arguments: [String], typing lines: [String],
                    environment extra: [String: String], shellPrefix: String = "") throws -> String {
        let command = shellPrefix + "exec " + ([Sandbox.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.environment = box.environment.merging(extra.merging(["TERM": "xterm"]) { $1 }) { $1 }
        process.currentDirectoryURL = box.dir
        let input = Pipe()
        let outputURL = box.dir.appendingPathComponent("pty-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Type only once partsmap has said something (its prompt or question): a terminal being set up may
        // drop what was typed ahead.
        let started = Date()
        while Date().timeIntervalSince(started) < 10,
              ((try? FileManager.default.attributesOfItem(atPath: outputURL.path)[.size] as? Int) ?? 0) == 0 {
            usleep(20_000)
        }
        usleep(300_000)
        for line in lines {
            input.fileHandleForWriting.write(Data((line == "\u{4}" ? line : line + "\r").utf8))
            usleep(300_000)
        }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        try output.close()
        let transcript = try Data(contentsOf: outputURL)
        let text = String(decoding: transcript, as: UTF8.self)
        return text.replacing(/\u{1B}\[[0-9;?]*[A-Za-z]/, with: "").replacingOccurrences(of: "\r\n", with: "\n")
    }
}
