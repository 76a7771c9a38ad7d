/// How a map file is opened: for changes (with the exclusive lock) or only to look at it.
public enum JournalAccess: Sendable {
    case readWrite, readOnly
}

/// Who holds a map open for changes, as recorded in its lock file.
public struct JournalLockHolder: Sendable, Equatable {
    public var pid: Int32
    /// When the holder took the lock, ISO-8601 UTC (`2024-05-01T09:30:00Z`).
    public var since: String

    public init(pid: Int32, since: String) {
        self.pid = pid
        self.since = since
    }
}

/// What can go wrong with a map file. Every `description` is a plain sentence a person can act on.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// Another program holds the map's lock; `holder` is nil when its lock file says nothing readable.
    case lockedByAnotherProgram(path: String, holder: JournalLockHolder?)
    /// The path is a directory, a device, a pipe… not a regular file.
    case notAFile(path: String)
    case cannotCreate(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    /// Reading failed part way (an I/O error), not a problem with the text.
    case cannotRead(path: String, reason: String)
    case invalidUTF8(path: String, line: Int)
    case nulBytes(path: String, line: Int)
    /// A line over `JournalFile.maximumLineBytes` (1 MiB): no map line is ever that long.
    case lineTooLong(path: String, line: Int, bytes: Int)
    /// A line given to append or compact that could not be read back (NUL, over 1 MiB). Nothing was written;
    /// the journal stays usable.
    case cannotStore(reason: String)
    /// The last change did not reach the disk. Nothing of it stays in the file; the journal refuses further
    /// changes from now on.
    case notSaved(reason: String)
    /// A change was refused because an earlier one could not be saved.
    case closedAfterFailure
    /// A change was refused because the map was opened read-only.
    case readOnly(path: String)
    /// The map was already closed.
    case closed(path: String)
    /// The map ends in an incomplete line that has not been set aside yet; appending would glue onto it.
    case tornTailPending(path: String)
    /// The bytes given to `setAsideTornTail` are not what the file ends with (it changed since it was read).
    case tornTailChanged(path: String)
    case compactionFailed(reason: String)

    public var description: String {
        switch self {
        case .lockedByAnotherProgram(let path, let holder?):
            return "\(EchoText.path(path)) is open in another partsmap (pid \(holder.pid), since \(EchoText.safe(holder.since))); "
                + "open it read-only with --read-only"
        case .lockedByAnotherProgram(let path, nil):
            return "\(EchoText.path(path)) is open in another partsmap; open it read-only with --read-only"
        case .notAFile(let path):
            return "\(EchoText.path(path)) is a folder or other special file, not a map file; give the path of a map file"
        case .cannotCreate(let path, let reason):
            return "cannot create \(EchoText.path(path)): \(reason)"
        case .cannotOpen(let path, let reason):
            return "cannot open \(EchoText.path(path)): \(reason)"
        case .cannotRead(let path, let reason):
            return "cannot read \(EchoText.path(path)): \(reason)"
        case .invalidUTF8(let path, let line):
            return "\(EchoText.path(path)), line \(line): the line is not valid UTF-8 text; nothing was changed — "
                + JournalError.advice(line: line)
        case .nulBytes(let path, let line):
            return "\(EchoText.path(path)), line \(line): the line contains NUL bytes; nothing was changed — "
                + JournalError.advice(line: line)
        case .lineTooLong(let path, let line, let bytes):
            return "\(EchoText.path(path)), line \(line): the line is \(bytes) bytes long, more than a map line can be "
                + "(1 MiB); nothing was changed — is this really a map file?"
        case .cannotStore(let reason):
            return "this change cannot be stored in the map: \(reason); nothing was written"
        case .notSaved(let reason):
            return "your last change could not be saved: \(reason)"
        case .closedAfterFailure:
            return "the map takes no more changes after one could not be saved; everything saved before "
                + "is on disk — restart partsmap to continue"
        case .readOnly(let path):
            return "\(EchoText.path(path)) is open read-only, so changes cannot be saved; open it without --read-only to edit"
        case .closed(let path):
            return "\(EchoText.path(path)) is already closed"
        case .tornTailPending(let path):
            return "\(EchoText.path(path)) ends with an incomplete line that has not been set aside yet; nothing was written"
        case .tornTailChanged(let path):
            return "the end of \(EchoText.path(path)) changed since it was read; nothing was set aside — open the map again"
        case .compactionFailed(let reason):
            return "could not rewrite the map: \(reason)"
        }
    }

    /// Damage on the first line is more likely a file that is not a map (an image, a document) than a map.
    private static func advice(line: Int) -> String {
        line == 1
            ? "is this really a map file? A map is plain text; if it is one, fix or remove that line in a text editor"
            : "fix or remove that line in a text editor"
    }
}
