import Foundation
import Testing
@testable import LineEditing

/// A fresh directory under the temporary directory, removed by `cleanUp`.
private struct Scratch {
    let root: String
    init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("lineediting-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    func path(_ relative: String) -> String { root + "/" + relative }
    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
}

private func mode(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// A process ID that no process has: a child that has been started and reaped.
private func deadProcessID() -> pid_t {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
    defer { free(argv[0]) }
    guard posix_spawn(&pid, "/bin/true", nil, nil, argv, nil) == 0 else { return 999_999 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return pid
}

private func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

@Suite struct TypedLineStoreTests {
    @Test func createsDirectories0700AndFile0600OnFirstSave() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("state/partsmap/history")
        let store = TypedLineStore(path: file, programName: "test")
        #expect(mode(scratch.path("state")) == nil)  // nothing written before there is history
        store.add("new part Critic")
        #expect(mode(scratch.path("state")) == 0o700)
        #expect(mode(scratch.path("state/partsmap")) == 0o700)
        #expect(mode(file) == 0o600)
        #expect(contents(file)?.hasPrefix("_HiStOrY_V2_\n") == true)
        // No temporary files left behind.
        #expect((try? FileManager.default.contentsOfDirectory(atPath: scratch.path("state/partsmap"))) == ["history"])
    }

    @Test func survivesARestart() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("history")
        let lines = ["new part \"Inner Critic\"", "note Kritikerin ✨ sagt hallo", "back\\slash", "x"]
        do {
            let store = TypedLineStore(path: file, programName: "test")
            for line in lines { store.add(line) }
            #expect(store.entries() == lines)
        }
        let again = TypedLineStore(path: file, programName: "test")
        #expect(again.entries() == lines)
    }

    @Test func dropsConsecutiveDuplicatesAndEmptyLines() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = TypedLineStore(path: scratch.path("history"), programName: "test")
        for line in ["a", "a", "", "b", "a", "a"] { store.add(line) }
        #expect(store.entries() == ["a", "b", "a"])
        #expect(TypedLineStore(path: scratch.path("history"), programName: "test").entries() == ["a", "b", "a"])
    }

    @Test func keepsAtMostAThousandEntries() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("history")
        let store = TypedLineStore(path: file, programName: "test")
        for i in 1...1005 { store.add("line \(i)") }
        let entries = store.entries()
        #expect(entries.count == 1000)
        #expect(entries.first == "line 6")
        #expect(entries.last == "line 1005")
        #expect(TypedLineStore(path: file, programName: "test").entries() == entries)
    }

    @Test func tightensTheModeOfAnExistingFile() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("history")
        try "_HiStOrY_V2_\nold\\040line\n".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o644)
        let store = TypedLineStore(path: file, programName: "test")
        #expect(store.entries() == ["old line"])
        store.add("new")
        #expect(mode(file) == 0o600)
        #expect(TypedLineStore(path: file, programName: "test").entries() == ["old line", "new"])
    }

    @Test func neverOverwritesNorEmptiesAForeignFile() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("notes.txt")
        try "my precious notes\n".write(toFile: file, atomically: false, encoding: .utf8)
        let store = TypedLineStore(path: file, programName: "test")
        store.add("show")
        #expect(contents(file) == "my precious notes\n")
        #expect(store.entries() == ["show"])  // still kept in memory
        // Nor emptied by clear, which says why.
        #expect(store.clear()?.contains("\(file) is not a libedit history file; left it as it is") == true)
        #expect(contents(file) == "my precious notes\n")
        #expect(store.entries().isEmpty)
    }

    @Test func writesThroughASymbolicLink() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let target = scratch.path("real-history")
        let link = scratch.path("history")
        #expect(symlink(target, link) == 0)
        let store = TypedLineStore(path: link, programName: "test")
        store.add("hello")
        var info = stat()
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(contents(target) == "_HiStOrY_V2_\nhello\n")
    }

    @Test func clearEmptiesMemoryAndFileAndKeepsItPrivate() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("history")
        let store = TypedLineStore(path: file, programName: "test")
        store.add("set Critic fear being seen")
        chmod(file, 0o644)  // loosened by hand: clearing tightens it again
        let inode = try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? UInt64
        #expect(store.clear() == nil)
        #expect(store.entries().isEmpty)
        #expect(contents(file) == "_HiStOrY_V2_\n")
        #expect(mode(file) == 0o600)
        // Replaced by a rename, not rewritten in place.
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? UInt64 != inode)
        #expect(TypedLineStore(path: file, programName: "test").entries().isEmpty)
        store.add("after")
        #expect(TypedLineStore(path: file, programName: "test").entries() == ["after"])
        #expect((try? FileManager.default.contentsOfDirectory(atPath: scratch.root)) == ["history"])
    }

    @Test func clearSaysWhyTheFileCouldNotBeEmptied() {
        let store = TypedLineStore(path: "/proc/partsmap-cannot-exist/history", programName: "test")
        store.add("one")
        #expect(store.clear()?.contains("cannot save history to /proc/partsmap-cannot-exist/history") == true)
        #expect(store.entries().isEmpty)
    }

    /// A partsmap killed while saving leaves `history.tmp-PID` behind; the next save removes it
    /// once its process is gone, and leaves alone one whose process still runs or that is brand new.
    @Test func removesTemporaryFilesLeftByAKilledSave() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("history")
        let dead = deadProcessID()
        let old = Date(timeIntervalSinceNow: -Double(TypedLineStore.staleAfterSeconds) - 5)
        func leave(_ name: String, modified: Date) throws {
            #expect(FileManager.default.createFile(atPath: scratch.path(name), contents: Data("_HiStOrY_V2_\nsecret\n".utf8),
                                                   attributes: [.posixPermissions: 0o600]))
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: scratch.path(name))
        }
        try leave("history.tmp-\(dead)", modified: old)  // killed mid-save: goes
        try leave("history.tmp-\(getppid())", modified: old)  // its process runs: stays
        try leave("history.tmp-\(dead + 1_000_000)", modified: Date())  // maybe another machine's, mid-save: stays for now
        try leave("notes.tmp-\(dead)", modified: old)  // not ours: stays
        let store = TypedLineStore(path: file, programName: "test")
        store.add("one")
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted()
        #expect(left == ["history", "history.tmp-\(dead + 1_000_000)", "history.tmp-\(getppid())", "notes.tmp-\(dead)"].sorted())
        // Many killed saves do not pile up: each save sweeps them all.
        for offset in 0..<5 { try leave("history.tmp-\(dead + Int32(offset) * 7_000_000)", modified: old) }
        store.add("two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter { $0.hasPrefix("history.tmp-") }.count == 2)
    }

    /// Whatever the umask, the folders made are 0700 and the file 0600, on every save and on clear.
    @Test func privateUnderUmask000() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("state/partsmap/history")
        // umask is per process: keep the window short; other tests' own files set their modes explicitly.
        let saved = umask(0)
        let store = TypedLineStore(path: file, programName: "test")
        store.add("one")
        let afterAdd = (mode(scratch.path("state")), mode(scratch.path("state/partsmap")), mode(file))
        _ = store.clear()
        let afterClear = mode(file)
        umask(saved)
        #expect(afterAdd.0 == 0o700)
        #expect(afterAdd.1 == 0o700)
        #expect(afterAdd.2 == 0o600)
        #expect(afterClear == 0o600)
    }

    @Test func withoutAFileHistoryStaysInMemory() {
        let store = TypedLineStore(path: nil, programName: "test")
        store.add("one")
        store.add("two")
        #expect(store.entries() == ["one", "two"])
    }

    @Test func unwritableDirectoryIsNotFatal() {
        let store = TypedLineStore(path: "/proc/partsmap-cannot-exist/history", programName: "test")
        store.add("one")
        #expect(store.entries() == ["one"])
    }
}

@Suite struct TerminalLineEditorTests {
    /// Without a terminal libedit does not edit, but the editor must still set up, keep
    /// history through EL_HIST, and tear down cleanly.
    @Test func setsUpAndKeepsHistoryWithoutATerminal() {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let file = scratch.path("dir/history")
        do {
            let editor = TerminalLineEditor(programName: "partsmap-test", historyFile: file) { _ in .none }
            editor.addToHistory("new part Critic")
            editor.addToHistory("new part Critic")
            editor.addToHistory("note ✨")
        }
        #expect(contents(file) == "_HiStOrY_V2_\nnew\\040part\\040Critic\nnote\\040✨\n")
        #expect(mode(file) == 0o600)
        #expect(mode(scratch.path("dir")) == 0o700)
    }
}

@Suite(.serialized) struct InterruptAndTerminalTests {
    @Test func ctrlCSetsAPendingInterruptInsteadOfKilling() {
        Interrupt.installHandler()
        #expect(Interrupt.takePending() == false)
        // Test threads block SIGINT, so send it to the process: some thread that does not
        // block it runs the handler.
        kill(getpid(), SIGINT)
        for _ in 0..<100 where !Interrupt.isPending { usleep(10_000) }
        #expect(Interrupt.isPending)
        #expect(Interrupt.takePending() == true)
        #expect(Interrupt.takePending() == false)
    }

    @Test func installHandlerSwitchesToAUTF8Locale() {
        Interrupt.installHandler()
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).lowercased()
        #expect(codeset == "utf-8" || codeset == "utf8")
    }

    @Test func handlerDoesNotRestartReads() {
        Interrupt.installHandler()
        var action = sigaction()
        #expect(sigaction(SIGINT, nil, &action) == 0)
        #expect(action.sa_flags & Int32(SA_RESTART) == 0)
    }

    @Test func dumbTerminalIsNotInteractive() {
        let saved = getenv("TERM").map { String(cString: $0) }
        setenv("TERM", "dumb", 1)
        #expect(Terminal.isInteractive == false)
        if let saved { setenv("TERM", saved, 1) } else { unsetenv("TERM") }
        if isatty(0) == 0 {
            #expect(Terminal.isInteractive == false)
        }
    }
}
