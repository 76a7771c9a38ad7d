import Glibc

/// The system calls the journal is built from, each retrying EINTR and reporting errno as a typed error.
enum JournalIO {
    /// A failed system call: its errno.
    struct Failure: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }

        static var current: Failure { Failure(code: errno) }
    }

    /// The status of the file at `path` (following symbolic links), nil when there is none to be had.
    static func status(ofPath path: String) -> Glibc.stat? {
        var info = Glibc.stat()
        return stat(path, &info) == 0 ? info : nil
    }

    static func fileStatus(_ fd: Int32) throws(Failure) -> Glibc.stat {
        var info = Glibc.stat()
        guard fstat(fd, &info) == 0 else { throw .current }
        return info
    }

    static func isRegularFile(_ info: Glibc.stat) -> Bool {
        info.st_mode & S_IFMT == S_IFREG
    }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(Failure) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .current }
        }
    }

    /// Writes all of `bytes`, however many calls it takes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written == 0 {
                throw Failure(code: EIO)  // no progress and no error: never spin
            } else if errno != EINTR {
                throw .current
            }
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        // withUnsafeBytes cannot rethrow a typed error, so carry it out by hand.
        let failure: Failure? = bytes.withUnsafeBytes { buffer in
            do throws(Failure) {
                try writeAll(fd, buffer)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Reads exactly `count` bytes at `offset` (fewer only at end of file).
    static func read(_ fd: Int32, count: Int, at offset: Int) throws(Failure) -> [UInt8] {
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let got = pread(fd, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
                if got > 0 {
                    initialized += got
                } else if got == 0 {
                    return
                } else if errno != EINTR {
                    failure = .current
                    return
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }

    static func fdatasync(_ fd: Int32) throws(Failure) {
        guard Glibc.fdatasync(fd) == 0 else { throw .current }
    }

    static func fsync(_ fd: Int32) throws(Failure) {
        guard Glibc.fsync(fd) == 0 else { throw .current }
    }

    static func truncate(_ fd: Int32, to size: Int) throws(Failure) {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno != EINTR { throw .current }
        }
    }

    static func rename(_ from: String, _ to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw .current }
    }

    /// `flock(LOCK_EX|LOCK_NB)`; EWOULDBLOCK when another open file description holds it.
    static func lockExclusively(_ fd: Int32) throws(Failure) {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno != EINTR { throw .current }
        }
    }

    /// Flushes a directory so that a file created or renamed in it survives a power loss.
    static func syncDirectory(_ path: String) throws(Failure) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { Glibc.close(fd) }
        try fsync(fd)
    }

    /// The folder holding `path` ("." for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// Creates `path` and any missing parents with mode 0700 (existing folders are left as they are), and
    /// flushes the parent of each folder it creates.
    static func createDirectories(_ path: String) throws(Failure) {
        var prefixes: [String] = []
        var current = path
        while status(ofPath: current) == nil {
            prefixes.append(current)
            let parent = directory(of: current)
            if parent == current { break }
            current = parent
        }
        for directory in prefixes.reversed() {
            if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw .current }
            try syncDirectory(self.directory(of: directory))
        }
    }

    /// Creates a new, empty file beside `path` — mode 0600, never an existing one — named
    /// `.<name of path>.<purpose>-<pid>-<n>`, so it is hidden and plainly belongs to `path`.
    ///
    /// First removes the temporary files for `path` and `purpose` that a partsmap killed mid-write left behind
    /// (their process is gone), so that no stray copy of a map outlives the next write of the same file.
    static func createTemporary(beside path: String, purpose: String, flags: Int32) throws(Failure)
        -> (fd: Int32, path: String)
    {
        removeAbandonedTemporaries(beside: path, purpose: purpose)
        let prefix = directory(of: path) + "/." + fileName(of: path) + "." + purpose + "-\(getpid())-"
        var attempt = 0
        while true {
            let candidate = prefix + String(attempt)
            do {
                return (try open(candidate, flags | O_CREAT | O_EXCL, mode: 0o600), candidate)
            } catch where error.code == EEXIST && attempt < 10_000 {
                attempt += 1
            }
        }
    }

    /// Removes `.<name>.<purpose>-<pid>-<n>` beside `path` when it is a regular file of ours and process `pid`
    /// no longer exists. Best effort: whatever cannot be looked at or removed stays.
    static func removeAbandonedTemporaries(beside path: String, purpose: String) {
        let folder = directory(of: path)
        let prefix = "." + fileName(of: path) + "." + purpose + "-"
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        let me = getpid()
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix(prefix) else { continue }
            let numbers = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard numbers.count == 2, let pid = Int32(numbers[0]), pid > 0, pid != me, Int(numbers[1]) != nil else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }  // alive, or not ours to ask about
            let candidate = folder + "/" + name
            var info = Glibc.stat()
            guard lstat(candidate, &info) == 0, isRegularFile(info), info.st_uid == geteuid() else { continue }
            unlink(candidate)
        }
    }

    /// Writes `bytes` to a new file beside `path`, flushes it and renames it over `path`, then flushes the
    /// directory. Returns the new file's descriptor (opened with `flags`), which now is `path`. If anything
    /// before the rename fails, the temporary file is removed and `path` is untouched. When `path` is a
    /// symbolic link, the file it points to is replaced and the link stays.
    ///
    /// `locked`: the new file is flock'ed (exclusively) before it takes the name, so that a map's writer holds
    /// the lock on whichever file is the map at every moment (see `JournalFile.lockMapFile`).
    static func replaceAtomically(_ path: String, with bytes: [UInt8], purpose: String, flags: Int32,
                                  locked: Bool = false) throws(ReplaceFailure) -> Int32
    {
        try replaceAtomically(path, purpose: purpose, flags: flags, locked: locked) { fd throws(Failure) in try writeAll(fd, bytes) }
    }

    /// `replaceAtomically`, with the new content written into the temporary file's descriptor by
    /// `write` (which may write it a piece at a time).
    static func replaceAtomically(_ path: String, purpose: String, flags: Int32, locked: Bool = false,
                                  writing write: (Int32) throws(Failure) -> Void) throws(ReplaceFailure) -> Int32
    {
        let path = resolvingLinks(path)
        let temporary: (fd: Int32, path: String)
        do {
            temporary = try createTemporary(beside: path, purpose: purpose, flags: flags)
        } catch {
            throw .beforeRename(error)
        }
        do {
            if locked { try lockExclusively(temporary.fd) }
            try write(temporary.fd)
            try fsync(temporary.fd)
            try rename(temporary.path, path)
        } catch {
            Glibc.close(temporary.fd)
            unlink(temporary.path)
            throw .beforeRename(error)
        }
        do {
            try syncDirectory(directory(of: path))
        } catch {
            throw .directoryNotSynced(error, fd: temporary.fd)
        }
        return temporary.fd
    }

    /// The file `path` names, through any symbolic links; `path` itself when it names nothing yet.
    static func resolvingLinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    enum ReplaceFailure: Error {
        /// `path` is untouched.
        case beforeRename(Failure)
        /// The new file is at `path` (its descriptor is `fd`), but the rename may not survive a power loss.
        case directoryNotSynced(Failure, fd: Int32)
    }

    /// `2024-05-01T09:30:00Z`
    static func isoTimestamp(_ time: time_t = Glibc.time(nil)) -> String {
        let t = utc(time)
        return "\(t.year)-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute)):\(two(t.second))Z"
    }

    /// `20240501-093000`, for file names.
    static func compactTimestamp(_ time: time_t = Glibc.time(nil)) -> String {
        let t = utc(time)
        return "\(t.year)\(two(t.month))\(two(t.day))-\(two(t.hour))\(two(t.minute))\(two(t.second))"
    }

    private static func utc(_ time: time_t) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        var seconds = time
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)
        )
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
