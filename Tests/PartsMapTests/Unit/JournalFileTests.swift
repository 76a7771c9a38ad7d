import Foundation
import Glibc
import Testing

@testable import PartsMap
import TestSupport

/// The map file at the raw level: privacy, durability, locking, damage and recovery.
@Suite struct JournalFileTests {
    // MARK: Creating and reading back

    @Test func createsThePrivateFileAndItsMissingFoldersPrivately() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("a/b/map.parts")

        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }

        #expect(mode(scratch.path("a")) == 0o700)
        #expect(mode(scratch.path("a/b")) == 0o700)
        #expect(mode(path) == 0o600)
        #expect(mode(path + ".lock") == 0o600)
        #expect(try journal.read() == JournalContents(lines: [], tornTail: nil))
    }

    /// The fuzzer reads its inputs from memory: they must read exactly as the same bytes in a file, errors included.
    @Test func bytesInMemoryReadAsTheSameFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let header = Array(JournalFormat.header.utf8) + [0x0A]
        let long = [UInt8](repeating: 0x61, count: JournalFile.maximumLineBytes + 1)
        for bytes: [UInt8] in [[], header, header + Array("add part A".utf8), header + [0x61, 0, 0x0A], header + [0xFF, 0x0A],
                               header + long + [0x0A], header + long, Array(repeating: 0x0A, count: 3)] {
            try write(bytes, to: path)
            let file = try JournalFile.open(path: path, access: .readOnly)
            defer { file.close() }
            let memory = JournalFile.inMemory(bytes, path: path)
            #expect(Result { try memory.read() } .mapError { $0 as! JournalError } == Result { try file.read() } .mapError { $0 as! JournalError })
            #expect(try memory.readPrefix(4096) == file.readPrefix(4096))
            memory.close()
            #expect(throws: JournalError.closed(path: path)) { try memory.read() }
        }
    }

    @Test func leavesAnExistingMapsModeAsItIs() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("shared.parts")
        try write("add part A\n", to: path, mode: 0o644)

        let journal = try JournalFile.open(path: path, access: .readWrite)
        try journal.append("add part B")
        journal.close()

        #expect(mode(path) == 0o644)
        #expect(try contents(path) == Array("add part A\nadd part B\n".utf8))
    }

    @Test func appendedLinesReadBackExactly() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let lines = [
            "add exile \"Little One\" 🧒",
            "set 'Inner Critic' fear that I'll be left — אני לבד",
            "",
            "  leading spaces and a tab\tinside",
            "e\u{301} and é and 👩‍👧 and \u{200F}RTL mark",
            "ends with a carriage return\r",
        ]

        let journal = try JournalFile.open(path: path, access: .readWrite)
        try journal.append(lines[0])
        try journal.append(lines: Array(lines[1...]))
        try journal.append(lines: [])
        #expect(try journal.read() == JournalContents(lines: lines))
        journal.close()

        #expect(try contents(path) == Array(lines.map { $0 + "\n" }.joined().utf8))
        let reader = try JournalFile.open(path: path, access: .readOnly)
        #expect(try reader.read() == JournalContents(lines: lines))
    }

    @Test func aLineThatCouldNotBeReadBackIsNotStoredAndTheJournalStaysUsable() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }

        #expect(throws: JournalError.cannotStore(reason: "it contains a NUL character")) {
            try journal.append(lines: ["fine", "not\u{0}fine"])
        }
        let tooLong = String(repeating: "x", count: JournalFile.maximumLineBytes + 1)
        #expect(throws: JournalError.self) { try journal.append(tooLong) }
        try journal.append("add part A")

        #expect(try journal.read().lines == ["add part A"])
    }

    // MARK: A torn last line

    @Test func aTornTailIsSetAsideExactlyBeforeTheMapIsShortened() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        try write("add part A\nadd part B\nadd exile \"Lit", to: path)

        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }
        let found = try journal.read()
        #expect(found == JournalContents(lines: ["add part A", "add part B"], tornTail: Array("add exile \"Lit".utf8)))

        // Until it is set aside, nothing may be glued onto the torn line.
        #expect(throws: JournalError.tornTailPending(path: path)) { try journal.append("add part C") }

        let sidePath = try journal.setAsideTornTail(found.tornTail!)
        #expect(sidePath.hasPrefix(path + ".torn-"))
        #expect(try contents(sidePath) == found.tornTail!)
        #expect(mode(sidePath) == 0o600)
        #expect(try contents(path) == Array("add part A\nadd part B\n".utf8))

        try journal.append("add part C")
        #expect(try journal.read() == JournalContents(lines: ["add part A", "add part B", "add part C"]))
    }

    @Test func aSecondTornTailNeverOverwritesTheFirstSideFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        try write("only a torn line", to: path)
        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }

        let first = try journal.setAsideTornTail(try journal.read().tornTail!)
        #expect(try contents(path) == [])
        let fd = Glibc.open(path, O_WRONLY | O_APPEND)
        _ = Glibc.write(fd, "again", 5)
        Glibc.close(fd)
        let second = try journal.setAsideTornTail(try journal.read().tornTail!)

        #expect(first != second)
        #expect(try contents(first) == Array("only a torn line".utf8))
        #expect(try contents(second) == Array("again".utf8))
        #expect(try journal.read() == JournalContents(lines: []))
    }

    @Test func aTailThatIsNotWhatTheFileEndsWithIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let original = Array("add part A\ntorn".utf8)
        try write(original, to: path)
        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }

        for wrong in [Array("orn".utf8), Array("A\ntorn".utf8), Array("xorn".utf8), Array(repeating: 0x61, count: 40)] {
            #expect(throws: JournalError.tornTailChanged(path: path)) { try journal.setAsideTornTail(wrong) }
        }
        #expect(try contents(path) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted() == ["map.parts", "map.parts.lock"])
    }

    // MARK: Damage in the middle

    /// Ways a line in the middle of a map can be damaged.
    enum Damage: CaseIterable, CustomTestStringConvertible {
        case nulByte, invalidByte, cutShortSequence, encodedSurrogate, overlongLine

        var bytes: [UInt8] {
            switch self {
            case .nulByte: Array("bad \u{0} byte".utf8)
            case .invalidByte: [0x61, 0xFF, 0x62]
            case .cutShortSequence: [0xC3]
            case .encodedSurrogate: [0xED, 0xA0, 0x80]
            case .overlongLine: Array(repeating: 0x61, count: JournalFile.maximumLineBytes + 1)
            }
        }

        func error(path: String, line: Int) -> JournalError {
            switch self {
            case .nulByte: .nulBytes(path: path, line: line)
            case .invalidByte, .cutShortSequence, .encodedSurrogate: .invalidUTF8(path: path, line: line)
            case .overlongLine: .lineTooLong(path: path, line: line, bytes: bytes.count)
            }
        }

        var testDescription: String { "\(self)" }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedLineStopsReadingWithItsNumberAndChangesNothing(damage: Damage) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let original = Array("add part A\nadd part B\n".utf8) + damage.bytes + Array("\nadd part C\ntorn".utf8)
        try write(original, to: path)
        let expected = damage.error(path: path, line: 3)

        for access in [JournalAccess.readWrite, .readOnly] {
            let journal = try JournalFile.open(path: path, access: access)
            #expect(throws: expected) { try journal.read() }
            journal.close()
        }
        #expect(try contents(path) == original)
        #expect(expected.description.contains("\(path), line 3"))
    }

    @Test func aLineUpToTheLimitIsAccepted() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let longest = String(repeating: "é", count: JournalFile.maximumLineBytes / 2)
        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }
        try journal.append(longest)
        #expect(try journal.read().lines == [longest])
    }

    // MARK: One writer at a time

    @Test func aSecondWriterIsToldWhoHoldsTheMapAndMayStillRead() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let writer = try JournalFile.open(path: path, access: .readWrite)
        try writer.append("add part A")

        // Two open file descriptions in one process conflict under flock, so this is a real second opener.
        do {
            _ = try JournalFile.open(path: path, access: .readWrite)
            Issue.record("a second writer was let in")
        } catch {
            guard case .lockedByAnotherProgram(let lockedPath, let holder?) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(lockedPath == path)
            #expect(holder.pid == getpid())
            #expect(holder.since.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(error.description.contains("pid \(getpid())"))
            #expect(error.description.contains("--read-only"))
        }

        let reader = try JournalFile.open(path: path, access: .readOnly)
        #expect(try reader.read().lines == ["add part A"])
        try writer.append("add part B")
        #expect(try reader.read().lines == ["add part A", "add part B"])
        reader.close()

        writer.close()
        let next = try JournalFile.open(path: path, access: .readWrite)
        defer { next.close() }
        #expect(try next.read().lines == ["add part A", "add part B"])
    }

    @Test func aLockFileLeftByADeadProcessDoesNotBlock() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        try write("pid 999999 since 2001-01-01T00:00:00Z\n", to: path + ".lock")

        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }

        let record = String(decoding: try contents(path + ".lock"), as: UTF8.self)
        #expect(record.hasPrefix("pid \(getpid()) since "))
    }

    @Test func aLockFileThatIsALinkIsNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let victim = scratch.path("notes.txt")
        try write("keep me\n", to: victim)
        #expect(symlink(victim, path + ".lock") == 0)

        #expect(throws: JournalError.self) { try JournalFile.open(path: path, access: .readWrite) }
        #expect(try contents(victim) == Array("keep me\n".utf8))
    }

    @Test func aJournalIsReleasedWhenItGoesAway() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        do {
            let journal = try JournalFile.open(path: path, access: .readWrite)
            try journal.append("add part A")
        }
        let again = try JournalFile.open(path: path, access: .readWrite)
        again.close()
        again.close()
        #expect(throws: JournalError.closed(path: path)) { try again.append("add part B") }
        #expect(throws: JournalError.closed(path: path)) { try again.read() }
    }

    // MARK: Read-only

    @Test func readOnlyNeverWritesAndNeverLocks() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        try write("add part A\ntorn", to: path)

        let reader = try JournalFile.open(path: path, access: .readOnly)
        defer { reader.close() }
        #expect(throws: JournalError.readOnly(path: path)) { try reader.append("add part B") }
        #expect(throws: JournalError.readOnly(path: path)) { try reader.setAsideTornTail(Array("torn".utf8)) }
        #expect(throws: JournalError.readOnly(path: path)) { try reader.compact(to: []) }

        #expect(try contents(path) == Array("add part A\ntorn".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root) == ["map.parts"])
        #expect(throws: JournalError.cannotOpen(path: scratch.path("missing.parts"), reason: "No such file or directory")) {
            try JournalFile.open(path: scratch.path("missing.parts"), access: .readOnly)
        }
    }

    @Test func aReadOnlyMapIsRefusedForChangesWithAHint() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        try write("add part A\n", to: path, mode: 0o400)

        let error = #expect(throws: JournalError.self) { try JournalFile.open(path: path, access: .readWrite) }
        #expect(error.map { if case .cannotOpen(path, _) = $0 { true } else { false } } == true)
        #expect(error?.description.contains("--read-only") == true)
        #expect(mode(path) == 0o400)
        #expect(try JournalFile.open(path: path, access: .readOnly).read().lines == ["add part A"])
    }

    // MARK: Paths that are not maps

    @Test(arguments: [JournalAccess.readWrite, .readOnly])
    func aFolderIsNotAMap(access: JournalAccess) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("folder")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)

        #expect(throws: JournalError.notAFile(path: path)) { try JournalFile.open(path: path, access: access) }
        #expect(throws: JournalError.notAFile(path: path + "/")) { try JournalFile.open(path: path + "/", access: access) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root) == ["folder"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == [])
    }

    @Test func aFileWhereAFolderShouldBeIsACreateError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try write("", to: scratch.path("plain"))
        let path = scratch.path("plain/sub/map.parts")

        #expect(throws: JournalError.cannotCreate(path: scratch.path("plain/sub"), reason: "Not a directory")) {
            try JournalFile.open(path: path, access: .readWrite)
        }
    }

    /// As root, permissions do not stop writing, so the folder is a read-only tmpfs; otherwise it is chmod 0500.
    @Test(.requiresReadOnlyFolder)
    func aReadOnlyFolderIsAClearErrorAndTheMapCanStillBeRead() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let mounted = geteuid() == 0
        if mounted {
            try #require(shell("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", folder))
        }
        defer { if mounted { _ = shell("umount", folder) } }
        let path = folder + "/map.parts"
        try write("add part A\n", to: path)
        if mounted {
            #expect(shell("mount", "-o", "remount,ro", folder))
        } else {
            chmod(folder, 0o500)
        }
        defer { if !mounted { chmod(folder, 0o700) } }

        let refusal = mounted ? "Read-only file system" : "Permission denied"
        #expect(throws: JournalError.cannotCreate(path: folder + "/new.parts", reason: refusal)) {
            try JournalFile.open(path: folder + "/new.parts", access: .readWrite)
        }
        let error = #expect(throws: JournalError.self) { try JournalFile.open(path: path, access: .readWrite) }
        #expect(error.map { if case .cannotCreate(path + ".lock", _) = $0 { true } else { false } } == true)
        #expect(error?.description.contains("--read-only") == true)
        let reader = try JournalFile.open(path: path, access: .readOnly)
        #expect(try reader.read().lines == ["add part A"])
        reader.close()  // before the folder is unmounted
    }

    // MARK: When a change cannot be saved

    @Test(arguments: [
        JournalFile.InjectedFault.write(errno: ENOSPC, afterBytes: 5),
        .write(errno: EFBIG, afterBytes: 0),
        .sync(errno: EIO),
    ])
    func aChangeThatCannotBeSavedLeavesNoTraceAndClosesTheJournal(fault: JournalFile.InjectedFault) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }
        try journal.append("add part A")

        journal.injectedFault = fault
        let code: Int32
        switch fault {
        case .write(let errno, _), .sync(let errno): code = errno
        }
        let reason = String(cString: strerror(code))
        #expect(throws: JournalError.notSaved(reason: reason)) {
            try journal.append(lines: ["add part B", "add part C"])
        }
        #expect(JournalError.notSaved(reason: reason).description == "your last change could not be saved: \(reason)")
        #expect(try contents(path) == Array("add part A\n".utf8))

        #expect(throws: JournalError.closedAfterFailure) { try journal.append("add part D") }
        #expect(throws: JournalError.closedAfterFailure) { try journal.compact(to: ["add part A"]) }
        #expect(try contents(path) == Array("add part A\n".utf8))
        #expect(try journal.read().lines == ["add part A"])
    }

    /// A real full disk: a 64 KiB tmpfs (root only).
    @Test(.requiresTmpfs)
    func aFullDiskKeepsEveryAcknowledgedLineAndNothingElse() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.path("small")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try #require(shell("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", folder))
        defer { _ = shell("umount", folder) }
        let path = folder + "/map.parts"

        let journal = try JournalFile.open(path: path, access: .readWrite)
        var acknowledged: [String] = []
        var failure: JournalError?
        for number in 1...200 {
            let line = "set \"Part \(number)\" note " + String(repeating: "~", count: 1500)
            do {
                try journal.append(line)
                acknowledged.append(line)
            } catch {
                failure = error
                break
            }
        }
        #expect(failure == .notSaved(reason: "No space left on device"))
        #expect(throws: JournalError.closedAfterFailure) { try journal.append("add part X") }
        journal.close()

        let reopened = try JournalFile.open(path: path, access: .readWrite)
        defer { reopened.close() }
        #expect(try reopened.read() == JournalContents(lines: acknowledged))

        // A rewrite that does not fit fails whole: the map as it was, no temporary file left.
        let before = try contents(path)
        #expect(throws: JournalError.self) { try reopened.compact(to: acknowledged + acknowledged) }
        #expect(try contents(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["map.parts", "map.parts.lock"])
    }

    // MARK: Compaction

    @Test func compactionReplacesTheMapPrivatelyAndAppendsGoOnInTheNewFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.parts")
        try write("add part A\nrename A to B\ntorn", to: path, mode: 0o644)
        let oldInode = try inode(path)

        let journal = try JournalFile.open(path: path, access: .readWrite)
        defer { journal.close() }
        // A torn tail is never dropped unseen, not even by a rewrite.
        #expect(throws: JournalError.tornTailPending(path: path)) { try journal.compact(to: ["add part B"]) }
        let sidePath = try journal.setAsideTornTail(Array("torn".utf8))
        try journal.compact(to: ["add part B", "set B age 7"])

        #expect(try contents(path) == Array("add part B\nset B age 7\n".utf8))
        #expect(mode(path) == 0o600)
        #expect(try inode(path) != oldInode)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted()
        #expect(files == ["map.parts", "map.parts.lock", JournalIO.fileName(of: sidePath)])

        try journal.append("add exile C")
        #expect(try contents(path) == Array("add part B\nset B age 7\nadd exile C\n".utf8))
        #expect(try journal.read().lines == ["add part B", "set B age 7", "add exile C"])
        // Still the one writer.
        #expect(throws: JournalError.self) { try JournalFile.open(path: path, access: .readWrite) }
    }

    @Test func aLinkedMapStaysLinkedThroughCompactionAndAtomicWrites() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path("synced"), withIntermediateDirectories: false)
        let target = scratch.path("synced/map.parts")
        let link = scratch.path("map.parts")
        try write("add part A\nadd part A again\n", to: target)
        #expect(symlink(target, link) == 0)

        let journal = try JournalFile.open(path: link, access: .readWrite)
        defer { journal.close() }
        try journal.compact(to: ["add part A"])
        try journal.append("add part B")

        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try contents(target) == Array("add part A\nadd part B\n".utf8))
        #expect(mode(target) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("synced")) == ["map.parts"])

        try writeFileAtomically(Array("exported\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try contents(target) == Array("exported\n".utf8))
    }

    // MARK: Atomic file writes (exports)

    @Test func writingAFileAtomicallyReplacesItWhole() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("map.svg")
        try write("old content that is longer than the new one", to: path, mode: 0o644)

        try writeFileAtomically(Array("<svg/>\n".utf8), to: path)
        #expect(try contents(path) == Array("<svg/>\n".utf8))
        #expect(mode(path) == 0o600)

        try writeFileAtomically([], to: scratch.path("empty.json"))
        #expect(try contents(scratch.path("empty.json")) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted() == ["empty.json", "map.svg"])

        #expect(throws: DestinationError.folder(path: scratch.root, suggestion: nil)) { try writeFileAtomically([1], to: scratch.root) }
        let missing = scratch.path("no/such/out.dot")
        #expect(throws: JournalError.cannotCreate(path: missing, reason: "No such file or directory")) {
            try writeFileAtomically([1], to: missing)
        }
    }

    // MARK: Speed (printed, not asserted)

    @Test func readingAMillionLinesIsFast() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("big.parts")
        let line = "set \"Inner Critic\" note keeps me from being laughed at ###"
        var text = ""
        text.reserveCapacity(1_000_000 * (line.utf8.count + 8))
        for number in 0..<1_000_000 { text += line + String(number % 1000) + "\n" }
        try write(text, to: path)

        let journal = try JournalFile.open(path: path, access: .readOnly)
        defer { journal.close() }
        let clock = ContinuousClock()
        var contents = JournalContents(lines: [])
        let elapsed = try clock.measure { contents = try journal.read() }
        #expect(contents.lines.count == 1_000_000)
        print("JournalFile.read: 1,000,000 lines (\(text.utf8.count / 1_000_000) MB) in \(elapsed)")
    }
}

// MARK: - Helpers

/// A fresh folder of its own for each test; `defer { scratch.remove() }` also keeps it alive to the end.
/// A fresh folder under the temporary directory, for one test.
struct Scratch {
    let root: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/journal-tests-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno)!) }
        root = String(cString: made)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A file's bytes.
func contents(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

private func write(_ text: String, to path: String, mode: mode_t = 0o600) throws {
    try write(Array(text.utf8), to: path, mode: mode)
}

private func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
    guard fd >= 0 else { throw POSIXError(.init(rawValue: errno)!) }
    defer { close(fd) }
    fchmod(fd, mode)
    try FileHandle(fileDescriptor: fd).write(contentsOf: bytes)
}

/// A file's permission bits; nil when it is not there.
func mode(_ path: String) -> mode_t? {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
}

private func inode(_ path: String) throws -> ino_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw POSIXError(.init(rawValue: errno)!) }
    return info.st_ino
}
