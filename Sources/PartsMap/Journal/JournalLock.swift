import Glibc

/// The one-writer-at-a-time lock: `flock` on `<map>.lock`, whose content names the holder.
///
/// flock rather than fcntl: an fcntl lock vanishes when any descriptor of the file in the process is closed,
/// and flock locks on two open file descriptions conflict even within one process. The kernel drops the
/// lock when the holder dies, so a lock file left behind by a crash never blocks anyone; its content is only
/// believed while someone holds the flock.
struct JournalLock {
    let fd: Int32
    let path: String
    /// This opening made the lock file (none was there before).
    let created: Bool

    static func path(for mapPath: String) -> String { mapPath + ".lock" }

    /// Takes the lock for `mapPath` or says who holds it. `mapExists` only shapes the error message.
    static func acquire(for mapPath: String, mapExists: Bool) throws(JournalError) -> JournalLock {
        let lockPath = path(for: mapPath)
        let fd: Int32
        var created = true
        do {
            // O_NOFOLLOW: the holder record truncates this file, so never let a link point that at another one.
            do {
                fd = try JournalIO.open(lockPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
            } catch where error.code == EEXIST {
                created = false
                fd = try JournalIO.open(lockPath, O_RDWR | O_NOFOLLOW)
            }
        } catch {
            guard mapExists else { throw .cannotCreate(path: mapPath, reason: error.reason) }
            throw .cannotCreate(
                path: lockPath,
                reason: "\(error.reason) — partsmap keeps a lock file beside a map it changes; "
                    + "to look at the map without changing it, open it with --read-only")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = code == EWOULDBLOCK ? readHolder(fd) : nil
            close(fd)
            if code == EWOULDBLOCK { throw .lockedByAnotherProgram(path: mapPath, holder: holder) }
            throw .cannotOpen(path: lockPath, reason: JournalIO.Failure(code: code).reason)
        }
        // Who holds it is information for the next opener, not part of the promise: a failure here is harmless.
        let record = Array("pid \(getpid()) since \(JournalIO.isoTimestamp())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return JournalLock(fd: fd, path: lockPath, created: created)
    }

    /// Clears the holder record, then releases the lock by closing the file.
    func release() {
        _ = ftruncate(fd, 0)
        close(fd)
    }

    /// Releases the lock of a map that could not be opened, and takes away the lock file if this
    /// opening made it: a file that turned out not to be a map keeps no `.lock` beside it.
    func releaseAfterFailedOpen() {
        if created { unlink(path) }
        release()
    }

    /// Parses `pid <n> since <iso>\n`; nil when the holder has not written it yet or it is something else.
    private static func readHolder(_ fd: Int32) -> JournalLockHolder? {
        guard let bytes = try? JournalIO.read(fd, count: 200, at: 0),
            let text = String(validating: bytes, as: UTF8.self)
        else { return nil }
        let words = text.split(separator: "\n").first?.split(separator: " ") ?? []
        guard words.count == 4, words[0] == "pid", words[2] == "since", let pid = Int32(words[1]) else {
            return nil
        }
        return JournalLockHolder(pid: pid, since: String(words[3]))
    }
}
