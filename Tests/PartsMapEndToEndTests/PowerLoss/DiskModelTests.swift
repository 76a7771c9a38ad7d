import Foundation
import Testing

/// The power-loss model on hand-written traces: it must produce the states a careless program would lose
/// data in, or the checker could pass a program that never flushes anything.
struct DiskModelTests {
    /// A log line as strace -y -xx writes it.
    static func hex(_ text: String) -> String { text.utf8.map { String(format: "\\x%02x", $0) }.joined() }
    static func quoted(_ text: String) -> String { "\"" + hex(text) + "\"" }
    static func fd(_ n: Int, _ path: String) -> String { "\(n)<\(hex(path))>" }

    let root: String
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("diskmodel-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: root + "/map"))
    }

    func model(_ lines: [String]) throws -> DiskModel {
        defer { try? FileManager.default.removeItem(atPath: root) }
        var model = try DiskModel(root: root)
        try model.record(try StraceLog.parse(lines.map { "100 " + $0 }.joined(separator: "\n")), cwd: root)
        return model
    }

    func open(_ name: String, _ flags: String, as n: Int) -> String {
        "openat(AT_FDCWD<\(Self.hex(root))>, \(Self.quoted(root + "/" + name)), \(flags), 0600) = \(Self.fd(n, root + "/" + name))"
    }

    func said(_ text: String) -> String { "write(2<\(Self.hex("/dev/pts/1"))>, \(Self.quoted(text)), \(text.utf8.count)) = \(text.utf8.count)" }

    func contents(_ state: DiskModel.CrashState, _ name: String) -> String? {
        (state.files[name] ?? nil).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func anAppendNotFlushedMayBeLostOrTornAndOneFlushedMayNot() throws {
        let model = try model([
            open("map", "O_RDWR|O_APPEND|O_CLOEXEC", as: 3),
            "write(\(Self.fd(3, root + "/map")), \(Self.quoted("one\n")), 4) = 4",
            said("Added one."),
            "write(\(Self.fd(3, root + "/map")), \(Self.quoted("two\n")), 4) = 4",
            "fdatasync(\(Self.fd(3, root + "/map"))) = 0",
            said("Added two."),
        ])
        let states = model.crashStates()
        let afterOne = states.filter { $0.said == ["Added one."] }.compactMap { contents($0, "map") }
        #expect(afterOne.contains("old\n"), "an unflushed append can be lost")
        #expect(afterOne.contains("old\none"), "or torn short of its line break")
        #expect(afterOne.contains("old\n\0\0\0\0two\n"), "or lost while a later write landed")
        let afterTwo = states.filter { $0.said.count == 2 }.compactMap { contents($0, "map") }
        #expect(!afterTwo.isEmpty && afterTwo.allSatisfy { $0 == "old\none\ntwo\n" })
    }

    @Test func aRenameIsUndoneUntilItsFolderIsFlushed() throws {
        let temp = ".map.tmp"
        let model = try model([
            open(temp, "O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC", as: 3),
            "write(\(Self.fd(3, root + "/" + temp)), \(Self.quoted("new\n")), 4) = 4",
            "fsync(\(Self.fd(3, root + "/" + temp))) = 0",
            "rename(\(Self.quoted(root + "/" + temp)), \(Self.quoted(root + "/map"))) = 0",
            said("Renamed."),
            "openat(AT_FDCWD<\(Self.hex(root))>, \(Self.quoted(root)), O_RDONLY|O_CLOEXEC|O_DIRECTORY) = \(Self.fd(4, root))",
            "fsync(\(Self.fd(4, root))) = 0",
            said("Flushed."),
        ])
        let states = model.crashStates()
        let beforeSync = states.filter { $0.said == ["Renamed."] }.compactMap { contents($0, "map") }
        #expect(Set(beforeSync) == ["old\n", "new\n"])
        let afterSync = states.filter { $0.said.count == 2 }
        #expect(!afterSync.isEmpty && afterSync.allSatisfy { contents($0, "map") == "new\n" && $0.files[temp] == nil })
    }

    @Test func aFileInANewFolderIsLostWithTheFolderUntilTheParentIsFlushed() throws {
        let model = try model([
            "mkdir(\(Self.quoted(root + "/new")), 0700) = 0",
            "openat(AT_FDCWD<\(Self.hex(root))>, \(Self.quoted(root + "/new/map")), O_RDWR|O_CREAT|O_EXCL, 0600) = \(Self.fd(3, root + "/new/map"))",
            "write(\(Self.fd(3, root + "/new/map")), \(Self.quoted("x\n")), 2) = 2",
            "fsync(\(Self.fd(3, root + "/new/map"))) = 0",
            "openat(AT_FDCWD<\(Self.hex(root))>, \(Self.quoted(root + "/new")), O_RDONLY|O_DIRECTORY) = \(Self.fd(4, root + "/new"))",
            "fsync(\(Self.fd(4, root + "/new"))) = 0",
            said("Saved."),
        ])
        let saved = model.crashStates().filter { !$0.said.isEmpty }
        #expect(saved.contains { $0.files["new/map"] == nil }, "the folder's own name was never flushed")
    }

    @Test func callsSplitByAnotherProcessAreJoined() throws {
        let calls = try StraceLog.parse("""
            7 write(\(Self.fd(3, "/x")), \(Self.quoted("ab")), 2 <unfinished ...>
            8 close(4) = 0
            7 <... write resumed>) = 2
            7 +++ exited with 0 +++
            """)
        #expect(calls.map(\.name) == ["close", "write"])
        #expect(try calls[1].bytes(1) == Array("ab".utf8))
        #expect(calls[1].returned == 2)
    }
}
