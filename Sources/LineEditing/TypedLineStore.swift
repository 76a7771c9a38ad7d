#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// libedit's history list, kept on disk.
///
/// At most `capacity` entries, no consecutive duplicates. Loaded once at init; the whole list
/// is written after every `add` (and on `clear`) to a 0600 temporary file beside the history
/// file (`history.tmp-PID`), synced and renamed over it, so neither a kill -9 nor a full disk
/// loses what was there; a temporary file a killed partsmap left behind is removed on a later
/// save. Missing directories are created 0700. A file that exists but is not a libedit history
/// file (`_HiStOrY_V2_`) is never overwritten: history then stays in memory, with one warning.
public final class TypedLineStore {
    static let capacity: Int32 = 1000
    private static let cookie = "_HiStOrY_V2_"

    /// The libedit `History *`.
    let handle: OpaquePointer
    /// Where history is kept on disk; nil = in memory only.
    private(set) var path: String?
    /// The file asked for, when it turned out not to be a history file (and is left alone).
    private var foreignFile: String?
    private let programName: String
    private var warned = false

    /// Loads the history kept at `path` (nil: keep it in memory only). `programName` starts
    /// the one warning a failure to save gives on standard error.
    public init(path: String?, programName: String) {
        guard let handle = history_init() else {
            fatalError("libedit: history_init failed (out of memory)")
        }
        self.handle = handle
        self.programName = programName
        cel_history_set_size(handle, Self.capacity)
        cel_history_set_unique(handle, 1)
        if let path, !path.isEmpty {
            self.path = path
            load(path)
        }
    }

    deinit {
        history_end(handle)
    }

    /// Adds `line` to the list (unless it repeats the newest entry or is empty) and saves.
    /// A failure to save is shown once per session; the line stays in memory.
    public func add(_ line: String) {
        guard !line.isEmpty else { return }
        cel_history_enter(handle, line)
        if let problem = save() { warn(problem) }
    }

    /// Forgets every entry, in memory and on disk: the file is replaced, atomically, by an empty
    /// history file (still 0600). Returns what went wrong, if the file could not be emptied
    /// (the list in memory is empty all the same).
    public func clear() -> String? {
        cel_history_clear(handle)
        if let foreignFile { return "\(foreignFile) is not a libedit history file; left it as it is" }
        return save()
    }

    /// The entries, oldest first.
    public func entries() -> [String] {
        var newestFirst: [String] = []
        var entry = cel_history_newest(handle)
        while let text = entry {
            newestFirst.append(String(cString: text))
            entry = cel_history_older(handle)
        }
        return newestFirst.reversed()
    }

    // MARK: - Disk

    private func load(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }  // not there yet: created on the first save
        var head = [UInt8](repeating: 0, count: Self.cookie.utf8.count)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        close(fd)
        if count <= 0 { return }  // empty (or unreadable): nothing to load
        guard count == head.count, head.elementsEqual(Self.cookie.utf8) else {
            warn("\(path) is not a libedit history file; not saving history there")
            foreignFile = path
            self.path = nil
            return
        }
        cel_history_load(handle, path)
    }

    /// Writes the whole list; returns what went wrong, or nil when it is on disk.
    private func save() -> String? {
        guard let path else { return nil }
        let target = resolvingSymbolicLink(path)
        let failure = "cannot save history to \(target)"
        makeParentDirectories(of: target)
        let temporary = "\(target)\(Self.temporaryInfix)\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return failure + ": " + reason(errno) }
        fchmod(fd, 0o600)
        guard let file = fdopen(fd, "w") else {
            let error = errno
            close(fd)
            unlink(temporary)
            return failure + ": " + reason(error)
        }
        var ok = cel_history_save_fp(handle, file) >= 0
        ok = fflush(file) == 0 && ok
        ok = fdatasync(fd) == 0 && ok
        let error = errno
        ok = fclose(file) == 0 && ok
        guard ok, rename(temporary, target) == 0 else {
            let renameError = ok ? errno : error
            unlink(temporary)
            return failure + ": " + reason(renameError)
        }
        syncDirectory(of: target)
        removeStaleTemporaries(of: target)
        return nil
    }

    private static let temporaryInfix = ".tmp-"
    /// A temporary file is left alone this long even when its process seems gone: on a home folder
    /// shared between machines (NFS) its PID may belong to a partsmap on another one, mid-save.
    static let staleAfterSeconds = 60

    /// Removes `TARGET.tmp-PID` files whose partsmap was killed while saving (its PID is gone),
    /// so they cannot pile up. Our own PID's file was just renamed away.
    private func removeStaleTemporaries(of target: String) {
        let (directory, name) = split(target)
        guard let folder = opendir(directory) else { return }
        defer { closedir(folder) }
        let prefix = name + Self.temporaryInfix
        let now = time(nil)
        while let entry = readdir(folder) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard entryName.hasPrefix(prefix), let pid = pid_t(entryName.dropFirst(prefix.count)), pid > 0,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            var info = stat()
            guard fstatat(dirfd(folder), entryName, &info, AT_SYMLINK_NOFOLLOW) == 0,
                  (info.st_mode & S_IFMT) == S_IFREG, Int(now - info.st_mtim.tv_sec) >= Self.staleAfterSeconds
            else { continue }
            unlinkat(dirfd(folder), entryName, 0)
        }
    }

    /// Where to write so that a symbolic link (say, into a dotfiles repository) stays one:
    /// the link's target, even if that does not exist yet.
    private func resolvingSymbolicLink(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return path }
        let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        guard let slash = path.lastIndex(of: "/") else { return target }
        return String(path[...slash]) + target
    }

    /// `mkdir -p` of the file's directory; directories it creates are 0700, and each one's name is flushed
    /// to its parent: otherwise a power cut can take the new folder, and every history file saved in it, away.
    private func makeParentDirectories(of path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let directory = String(path[..<slash])
        guard !directory.isEmpty else { return }
        var stats = stat()
        if stat(directory, &stats) == 0 { return }
        var prefix = ""
        for (index, component) in directory.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            prefix += index == 0 ? String(component) : "/\(component)"
            if prefix.isEmpty { continue }
            if mkdir(prefix, 0o700) == 0 {
                chmod(prefix, 0o700)  // whatever the umask
                syncDirectory(of: prefix)
            } else if errno != EEXIST {
                return
            }
        }
    }

    /// The folder a path is in ("." for a bare name) and its last component.
    private func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.index(after: slash)...]))
    }

    private func syncDirectory(of path: String) {
        let fd = open(split(path).directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private func reason(_ error: Int32) -> String { String(cString: strerror(error)) }

    /// One warning per session on standard error; the REPL goes on without disk history.
    private func warn(_ message: String) {
        guard !warned else { return }
        warned = true
        let text = "\(programName): \(message)\n"
        _ = text.withCString { fputs($0, cel_stderr()) }
    }
}
