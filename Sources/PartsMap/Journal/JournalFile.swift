import Glibc

/// A map file as lines of text: what `JournalFile.read()` found.
public struct JournalContents: Sendable, Equatable {
    /// The complete lines, without their "\n" (a trailing "\r" is kept as-is: the parser decides).
    public var lines: [String]
    /// The bytes after the last "\n" — a line cut short by a power loss mid-write — or nil when the file ends
    /// with a complete line. Not in `lines`.
    public var tornTail: [UInt8]?

    public init(lines: [String], tornTail: [UInt8]? = nil) {
        self.lines = lines
        self.tornTail = tornTail
    }
}

/// The map file at the raw level: lines of text appended one change at a time, each on stable storage
/// before `append` returns. Knows nothing of what the lines say.
///
/// Open for changes (`.readWrite`) it holds an exclusive lock, so one program writes at a time; a second
/// opener is told who holds it and may open the map `.readOnly`. After a change could not be saved the
/// journal refuses all further changes rather than pretend one was saved.
public final class JournalFile {
    /// No map line is ever this long; a longer one means the file is not a map.
    public static let maximumLineBytes = 1 << 20

    public let path: String
    public let access: JournalAccess

    private var fd: Int32
    /// The bytes of a journal read from memory instead of a file (`inMemory`); nil for a file.
    private var memory: [UInt8]?
    private let lock: JournalLock?
    /// Set when a change could not be saved: from then on nothing more is written.
    private var failed = false
    /// The file does not end in "\n": appending would glue a new line onto a torn one.
    private var endsMidLine: Bool

    /// A test hook: makes the next append fail as a full or failing disk would.
    enum InjectedFault {
        /// `write` fails with `errno` after writing the first `afterBytes` bytes.
        case write(errno: Int32, afterBytes: Int)
        /// Everything is written, then the flush fails with `errno`.
        case sync(errno: Int32)
    }
    var injectedFault: InjectedFault?

    private init(path: String, access: JournalAccess, fd: Int32, lock: JournalLock?, endsMidLine: Bool) {
        self.path = path
        self.access = access
        self.fd = fd
        self.lock = lock
        self.endsMidLine = endsMidLine
    }

    /// A read-only journal over `bytes` instead of a file, read by the same code as a file holding them: the
    /// fuzzer checks millions of maps without writing one. `path` only names it in errors.
    static func inMemory(_ bytes: [UInt8], path: String) -> JournalFile {
        let journal = JournalFile(path: path, access: .readOnly, fd: -1, lock: nil, endsMidLine: false)
        journal.memory = bytes
        return journal
    }

    /// Opens (readWrite: creates if missing) the map at `path`.
    ///
    /// `.readWrite`: missing folders are created 0700 (parents too), a new file 0600 with O_CREAT|O_EXCL; an
    /// existing file's mode is left as it is. The lock is `flock(LOCK_EX|LOCK_NB)` on `<path>.lock` (0600),
    /// which records `pid <n> since <iso>`, so a second opener gets `.lockedByAnotherProgram` naming the
    /// holder — and on the map file itself, so that one reaching it by another name is refused too (without
    /// the holder's name). A lock file left by a dead process does not block. A file nobody may write (no `w`
    /// in its mode) is refused, even for root, with a hint to use --read-only.
    ///
    /// `.readOnly`: no lock, never writes; a missing file is `.cannotOpen`.
    public static func open(path: String, access: JournalAccess) throws(JournalError) -> JournalFile {
        guard !path.isEmpty else { throw .cannotOpen(path: path, reason: "the path is empty") }
        let existing = JournalIO.status(ofPath: path)
        if let existing, !JournalIO.isRegularFile(existing) { throw .notAFile(path: path) }

        switch access {
        case .readOnly:
            let fd: Int32
            do {
                fd = try JournalIO.open(path, O_RDONLY)
            } catch {
                throw .cannotOpen(path: path, reason: error.reason)
            }
            return try checked(JournalFile(path: path, access: access, fd: fd, lock: nil, endsMidLine: false))

        case .readWrite:
            if existing == nil {
                do {
                    try JournalIO.createDirectories(JournalIO.directory(of: path))
                } catch {
                    throw .cannotCreate(path: JournalIO.directory(of: path), reason: error.reason)
                }
            }
            let lock = try JournalLock.acquire(for: path, mapExists: existing != nil)
            let fd: Int32
            do {
                fd = try lockMapFile(path, try openForAppending(path))
            } catch {
                lock.releaseAfterFailedOpen()
                throw error
            }
            let journal = JournalFile(path: path, access: access, fd: fd, lock: lock, endsMidLine: false)
            return try checked(journal)
        }
    }

    /// Takes the flock on the map file itself as well as on `<path>.lock`: the lock file is found by the name
    /// the map was opened by, so a second writer reaching the same file by another name (a symbolic link, a
    /// hard link) would get a lock file of its own. Compaction locks each new file before it takes the map's
    /// name; if the file was replaced between our open and our flock, the new one is opened and locked.
    private static func lockMapFile(_ path: String, _ opened: Int32) throws(JournalError) -> Int32 {
        var fd = opened
        for _ in 0..<100 {
            do {
                try JournalIO.lockExclusively(fd)
            } catch {
                Glibc.close(fd)
                if error.code == EWOULDBLOCK { throw .lockedByAnotherProgram(path: path, holder: nil) }
                throw .cannotOpen(path: path, reason: error.reason)
            }
            guard let current = JournalIO.status(ofPath: path), let mine = try? JournalIO.fileStatus(fd),
                  current.st_ino != mine.st_ino || current.st_dev != mine.st_dev
            else { return fd }
            Glibc.close(fd)
            do {
                fd = try JournalIO.open(path, O_RDWR | O_APPEND)
            } catch {
                throw .cannotOpen(path: path, reason: error.reason)
            }
        }
        Glibc.close(fd)
        throw .lockedByAnotherProgram(path: path, holder: nil)
    }

    /// Opens the existing map for appending, or creates it 0600 and makes its name durable.
    private static func openForAppending(_ path: String) throws(JournalError) -> Int32 {
        let flags = O_RDWR | O_APPEND
        let created: Int32
        do {
            created = try JournalIO.open(path, flags | O_CREAT | O_EXCL, mode: 0o600)
        } catch where error.code == EEXIST {
            do {
                return try JournalIO.open(path, flags)
            } catch {
                switch error.code {
                case EISDIR: throw .notAFile(path: path)
                case EACCES, EPERM, EROFS: throw readOnlyFile(path, error.reason)
                default: throw .cannotOpen(path: path, reason: error.reason)
                }
            }
        } catch {
            throw error.code == EISDIR ? .notAFile(path: path) : .cannotCreate(path: path, reason: error.reason)
        }
        do {
            try JournalIO.syncDirectory(JournalIO.directory(of: path))
        } catch {
            Glibc.close(created)
            unlink(path)
            throw .cannotCreate(path: path, reason: error.reason)
        }
        return created
    }

    private static func readOnlyFile(_ path: String, _ reason: String) -> JournalError {
        .cannotOpen(
            path: path,
            reason: "\(reason) — the file is read-only; open it with --read-only to look at it without "
                + "changing it, or make it writable (chmod u+w) to edit")
    }

    /// Verifies what was opened is a regular file (the path may have changed since `stat`), that a map opened
    /// for changes may be written, and whether it ends mid-line. Closes it when not.
    private static func checked(_ journal: JournalFile) throws(JournalError) -> JournalFile {
        let info: Glibc.stat
        do {
            info = try JournalIO.fileStatus(journal.fd)
        } catch {
            journal.closeAfterFailedOpen()
            throw .cannotOpen(path: journal.path, reason: error.reason)
        }
        guard JournalIO.isRegularFile(info) else {
            journal.closeAfterFailedOpen()
            throw .notAFile(path: journal.path)
        }
        guard journal.access == .readWrite else { return journal }
        // Root may write any file; still honour a map its owner marked read-only.
        if info.st_mode & 0o222 == 0 {
            journal.closeAfterFailedOpen()
            throw readOnlyFile(journal.path, "Permission denied")
        }
        if info.st_size > 0 {
            do {
                journal.endsMidLine = try JournalIO.read(journal.fd, count: 1, at: Int(info.st_size) - 1) != [0x0A]
            } catch {
                journal.closeAfterFailedOpen()
                throw .cannotRead(path: journal.path, reason: error.reason)
            }
        }
        return journal
    }

    /// The file's first `count` bytes, or all of it when shorter: enough to tell a sealed map by its header.
    public func readPrefix(_ count: Int) throws(JournalError) -> [UInt8] {
        if let memory { return Array(memory.prefix(count)) }
        guard fd >= 0 else { throw .closed(path: path) }
        do { return try JournalIO.read(fd, count: count, at: 0) } catch { throw .cannotRead(path: path, reason: error.reason) }
    }

    /// Reads the whole file and splits it into lines. Fails on the first line (1-based) that is not UTF-8,
    /// holds a NUL byte or is over 1 MiB; the bytes after the last "\n" are returned as they are (over 1 MiB of
    /// them is `.lineTooLong` too).
    public func read() throws(JournalError) -> JournalContents {
        var lines: [String] = []
        let tail = try readLines { lines.append($0) }
        return JournalContents(lines: lines, tornTail: tail)
    }

    /// Like `read()`, but hands each complete line to `body` as it is found instead of keeping them all
    /// (the lines of a large map take more memory than the map they make). Every line is checked before
    /// this returns, so a line that can't be read is reported whatever `body` made of the lines before
    /// it. Returns the torn tail.
    ///
    /// With a `limit`, reading stops after that many lines (returning no tail): what was there when the
    /// map was opened, when another program may have added lines since.
    public func readLines(limit: Int = .max, _ body: (String) -> Void) throws(JournalError) -> [UInt8]? {
        try readLines(limit: limit) { (line: UnsafeBufferPointer<UInt8>) in body(String(decoding: line, as: UTF8.self)) }
    }

    /// `readLines`, handing each line's bytes (checked to be UTF-8, valid only during the call) instead of a
    /// `String`: a replay reads most lines in place, and a string for every line was an allocation and a copy.
    public func readLines(limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(JournalError) -> [UInt8]? {
        guard fd >= 0 || memory != nil else { throw .closed(path: path) }
        guard limit > 0 else { return nil }
        // A megabyte at a time (more only for a longer line): the file is never all in memory.
        var capacity = 1 << 20
        var buffer = malloc(capacity)!
        defer { free(buffer) }
        var filled = 0
        var fileOffset = 0
        var number = 0
        while true {
            if filled == capacity {
                capacity *= 2
                buffer = realloc(buffer, capacity)!
            }
            let got = readBytes(into: buffer + filled, count: min(capacity - filled, 1 << 30), at: fileOffset)
            if got < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: JournalIO.Failure.current.reason)
            }
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            if got == 0 {
                // A torn line is the start of a line partsmap wrote, so never longer than a line can be: more
                // than that after the last newline is not a cut-off change but a file that is not a map (set
                // aside, it would be cut out of the file).
                guard filled <= Self.maximumLineBytes else {
                    throw .lineTooLong(path: path, line: number + 1, bytes: filled)
                }
                return filled > 0 ? Array(UnsafeBufferPointer(start: bytes, count: filled)) : nil
            }
            // The bytes before `filled` hold no "\n": they are the start of a line.
            var searchFrom = filled
            filled += got
            fileOffset += got
            var start = 0
            while let newline = memchr(bytes + searchFrom, 0x0A, filled - searchFrom) {
                let end = buffer.distance(to: newline)
                let line = UnsafeBufferPointer(start: bytes + start, count: end - start)
                number += 1
                guard line.count <= Self.maximumLineBytes else {
                    throw .lineTooLong(path: path, line: number, bytes: line.count)
                }
                guard memchr(line.baseAddress!, 0, line.count) == nil else { throw .nulBytes(path: path, line: number) }
                guard Self.isUTF8(line) else { throw .invalidUTF8(path: path, line: number) }
                body(line)
                if number == limit { return nil }
                start = end + 1
                searchFrom = start
            }
            if start > 0 {
                memmove(buffer, buffer + start, filled - start)
                filled -= start
            }
        }
    }

    /// `pread` of the file, or a copy from the bytes in memory.
    private func readBytes(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        guard let memory else { return pread(fd, buffer, count, off_t(offset)) }
        let got = min(count, memory.count - offset)
        if got > 0 { memory.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: got) } }
        return got
    }

    /// Whether a line is UTF-8. Most lines are ASCII, checked eight bytes at a time. Others are decoded
    /// (which repairs what is invalid) and compared back: the same bytes exactly when there was nothing
    /// to repair. (`String(validating:as:)` is generic and unspecialized here: a metadata look-up a line.)
    static func isUTF8(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return true }
        var ascii = true
        var i = 0
        while i + 8 <= line.count {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { ascii = false; break }
            i += 8
        }
        while ascii, i < line.count {
            if line[i] >= 0x80 { ascii = false }
            i += 1
        }
        if ascii { return true }
        var text = String(decoding: line, as: UTF8.self)
        return text.withUTF8 { $0.count == line.count && memcmp($0.baseAddress!, base, line.count) == 0 }
    }

    /// Copies the torn tail (exactly `tail`, as `read()` returned it) to a new side file
    /// `<path>.torn-<UTC yyyyMMdd-HHmmss>` (0600; `-2`, `-3`… when taken), flushes it and the folder, and only
    /// then truncates the map to the end of its last complete line. Returns the side file's path. If the map
    /// cannot be shortened after the copy, the journal refuses further changes (`.closedAfterFailure`).
    public func setAsideTornTail(_ tail: [UInt8]) throws(JournalError) -> String {
        precondition(!tail.isEmpty, "setAsideTornTail needs the torn tail read() returned")
        let fd = try descriptorForWriting(acceptingTornTail: true)
        let size: Int
        let found: [UInt8]
        do {
            size = Int(try JournalIO.fileStatus(fd).st_size)
            // Read the tail and the byte before it, which must end a line (unless the tail is the whole file).
            let readFrom = max(size - tail.count - 1, 0)
            found = try JournalIO.read(fd, count: size - readFrom, at: readFrom)
        } catch {
            throw .cannotRead(path: path, reason: error.reason)
        }
        let keep = size - tail.count
        guard keep >= 0, found == (keep == 0 ? tail : [0x0A] + tail), !tail.contains(0x0A) else {
            throw .tornTailChanged(path: path)
        }

        let sidePath = try writeSideFile(tail)
        do {
            try JournalIO.truncate(fd, to: keep)
            try JournalIO.fdatasync(fd)
        } catch {
            // Appending now would glue onto the torn line, and a retry might not be safe: write nothing more.
            failed = true
            throw .cannotOpen(
                path: path,
                reason: "its incomplete last line was copied to \(sidePath), but the map could not be "
                    + "shortened (\(error.reason)); open it with --read-only")
        }
        endsMidLine = false
        return sidePath
    }

    private func writeSideFile(_ bytes: [UInt8]) throws(JournalError) -> String {
        let base = path + ".torn-" + JournalIO.compactTimestamp()
        var number = 1
        while true {
            let candidate = number == 1 ? base : base + "-\(number)"
            let sideFD: Int32
            do {
                sideFD = try JournalIO.open(candidate, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
            } catch where error.code == EEXIST && number < 10_000 {
                number += 1
                continue
            } catch {
                throw .cannotCreate(path: candidate, reason: error.reason)
            }
            do {
                defer { Glibc.close(sideFD) }
                try JournalIO.writeAll(sideFD, bytes)
                try JournalIO.fsync(sideFD)
            } catch {
                unlink(candidate)
                throw .cannotCreate(path: candidate, reason: error.reason)
            }
            do {
                try JournalIO.syncDirectory(JournalIO.directory(of: candidate))
            } catch {
                throw .cannotCreate(path: candidate, reason: error.reason)
            }
            return candidate
        }
    }

    /// Appends `line` and "\n", and returns once it is on stable storage (fdatasync). `line` must not contain
    /// "\n". On any failure the file is cut back to where it was, so no partial line stays, the error is
    /// `.notSaved`, and every later change is refused with `.closedAfterFailure`.
    public func append(_ line: String) throws(JournalError) {
        try append(lines: [line])
    }

    /// Appends several lines with one write and one fdatasync; the same rules as `append(_:)`.
    public func append(lines: [String]) throws(JournalError) {
        let fd = try descriptorForWriting(acceptingTornTail: false)
        let bytes = try Self.encode(lines)
        guard !bytes.isEmpty else { return }
        var sizeBefore = -1
        do {
            sizeBefore = Int(try JournalIO.fileStatus(fd).st_size)
            try writeAndSync(fd, bytes)
        } catch {
            if sizeBefore >= 0 {
                _ = ftruncate(fd, off_t(sizeBefore))
                _ = Glibc.fdatasync(fd)
            }
            failed = true
            throw .notSaved(reason: error.reason)
        }
    }

    private func writeAndSync(_ fd: Int32, _ bytes: [UInt8]) throws(JournalIO.Failure) {
        let fault = injectedFault
        injectedFault = nil
        switch fault {
        case .write(let code, let partial)?:
            try JournalIO.writeAll(fd, Array(bytes.prefix(partial)))
            throw JournalIO.Failure(code: code)
        case .sync(let code)?:
            try JournalIO.writeAll(fd, bytes)
            throw JournalIO.Failure(code: code)
        case nil:
            try JournalIO.writeAll(fd, bytes)
            try JournalIO.fdatasync(fd)
        }
    }

    /// Atomically replaces the map with `lines`: a hidden temporary file beside it (0600), written and
    /// flushed, renamed over the map, then the folder flushed. Appends continue in the new file. If anything
    /// fails before the rename the map is untouched and the temporary file removed. A map reached through a
    /// symbolic link stays linked. A torn tail must be set aside first, so that it is never dropped unseen.
    public func compact(to lines: [String]) throws(JournalError) {
        let oldFD = try descriptorForWriting(acceptingTornTail: false)
        let bytes = try Self.encode(lines)
        do {
            fd = try JournalIO.replaceAtomically(
                path, with: bytes, purpose: "compact", flags: O_RDWR | O_APPEND, locked: true)
        } catch {
            switch error {
            case .beforeRename(let failure):
                throw .compactionFailed(reason: "\(failure.reason); the map was left as it was")
            case .directoryNotSynced(let failure, let newFD):
                // The rewritten map is in place but may not outlive a power loss: write nothing more to it.
                fd = newFD
                Glibc.close(oldFD)
                failed = true
                throw .compactionFailed(
                    reason: "the rewritten map is in place, but its folder could not be flushed: \(failure.reason)")
            }
        }
        Glibc.close(oldFD)
        endsMidLine = false
    }

    /// Releases the lock (the lock file stays, emptied) and closes the map. Calling it again does nothing.
    public func close() {
        memory = nil
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
        lock?.release()
    }

    /// Closes a journal whose map could not be opened (not a map, damaged, locked away by a
    /// passphrase): like `close()`, and a lock file this opening made is removed again.
    public func closeAfterFailedOpen() {
        memory = nil
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
        lock?.releaseAfterFailedOpen()
    }

    deinit { close() }

    /// Which file the map is, whatever name it was opened by.
    var identity: FileIdentity? {
        guard fd >= 0, let info = try? JournalIO.fileStatus(fd) else { return nil }
        return FileIdentity(info)
    }

    /// The open descriptor, if this journal may write now.
    private func descriptorForWriting(acceptingTornTail: Bool) throws(JournalError) -> Int32 {
        guard fd >= 0 else { throw .closed(path: path) }
        guard access == .readWrite else { throw .readOnly(path: path) }
        guard !failed else { throw .closedAfterFailure }
        guard acceptingTornTail || !endsMidLine else { throw .tornTailPending(path: path) }
        return fd
    }

    /// The lines as file bytes, refusing any that `read()` could not return as written.
    private static func encode(_ lines: [String]) throws(JournalError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            let start = bytes.count
            bytes.append(contentsOf: line.utf8)
            let stored = bytes[start...]
            precondition(!stored.contains(0x0A), "a journal line must not contain a newline")
            if stored.contains(0) { throw .cannotStore(reason: "it contains a NUL character") }
            if stored.count > maximumLineBytes {
                throw .cannotStore(reason: "a line of \(stored.count) bytes is longer than a map line can be (1 MiB)")
            }
            bytes.append(0x0A)
        }
        return bytes
    }
}

/// Writes `bytes` to `path` atomically with mode 0600 (a temporary file beside it, flushed, renamed over it,
/// the folder flushed) — for exports to a file. Never leaves a partial file at `path`; the folder must exist.
///
/// Refused first, with nothing written, where `WriteDestination.check` refuses: the open map (`sparing`),
/// any other map, a map's lock or torn-tail file, a folder.
public func writeFileAtomically(_ bytes: [UInt8], to path: String, sparing openMap: FileIdentity? = nil) throws {
    try writeFileAtomically(to: path, sparing: openMap) { fd throws(JournalIO.Failure) in try JournalIO.writeAll(fd, bytes) }
}

/// `writeFileAtomically`, with the content written into the new file's descriptor by `write`
/// (a piece at a time, for an export too large to hold whole).
func writeFileAtomically(to path: String, sparing openMap: FileIdentity?,
                         writing write: (Int32) throws(JournalIO.Failure) -> Void) throws {
    try WriteDestination.check(path, sparing: openMap)
    do {
        close(try JournalIO.replaceAtomically(path, purpose: "write", flags: O_WRONLY, writing: write))
    } catch {
        switch error {
        case .beforeRename(let failure):
            throw JournalError.cannotCreate(path: path, reason: failure.reason)
        case .directoryNotSynced(let failure, let fd):
            close(fd)
            throw JournalError.cannotCreate(path: path, reason: "written, but its folder could not be flushed: \(failure.reason)")
        }
    }
}
