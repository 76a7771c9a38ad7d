import Glibc

/// Which file a descriptor or path is: device and inode, so that a map reached by another name (relative,
/// absolute, `..`, a symbolic or a hard link) is still known for the same file.
public struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ info: Glibc.stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The file `path` names, through symbolic links; nil when there is none.
    init?(path: String) {
        guard let info = JournalIO.status(ofPath: path) else { return nil }
        self.init(info)
    }
}

/// Why partsmap will not write to a path a person typed. Every write to such a path (`export` in every
/// format and its companion files, `open` making a new map) is checked by `WriteDestination.check` first:
/// a map holds months of someone's most private work, and one mistyped word must never replace it.
public enum DestinationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The map that is open, by whatever name.
    case openMap(path: String, suggestion: String?)
    /// A partsmap map other than the open one (its first line says so).
    case otherMap(path: String, encrypted: Bool, suggestion: String?)
    /// A map's lock file or the file its torn last line was set aside in.
    case sideFile(path: String, kind: SideFileKind, map: String, suggestion: String?)
    /// A map's lock or torn-tail file named for a map to open.
    case sideFileAsMap(path: String, kind: SideFileKind, map: String)
    case folder(path: String, suggestion: String?)
    /// A device, a pipe, a socket: nothing a file is written to.
    case special(path: String)

    public enum SideFileKind: Sendable {
        case lock, tornTail
    }

    public var description: String {
        switch self {
        case .openMap(let path, let suggestion):
            return "\(EchoText.path(path)) is the map you have open — writing there would replace it, so nothing was written. "
                + Self.giveAnother(suggestion)
        case .otherMap(let path, let encrypted, let suggestion):
            return "\(EchoText.path(path)) is a partsmap map\(encrypted ? " (encrypted)" : "") — writing there would replace it, "
                + "so nothing was written. " + Self.giveAnother(suggestion)
        case .sideFile(let path, .lock, let map, let suggestion):
            return "\(EchoText.path(path)) is the lock file of the map \(EchoText.path(map)), which keeps two programs from changing it at once; "
                + "nothing was written. " + Self.giveAnother(suggestion)
        case .sideFile(let path, .tornTail, let map, let suggestion):
            return "\(EchoText.path(path)) keeps the incomplete last line that was set aside from the map \(EchoText.path(map)); "
                + "nothing was written. " + Self.giveAnother(suggestion)
        case .sideFileAsMap(let path, let kind, let map):
            let what = kind == .lock ? "is the lock file of" : "holds the incomplete last line set aside from"
            return "\(EchoText.path(path)) \(what) the map \(EchoText.path(map)), not a map of its own; it was left as it is — to work on that map, open \(EchoText.path(map))"
        case .folder(let path, let suggestion):
            return "\(EchoText.path(path)) is a folder; nothing was written. Give the name of a file to write"
                + (suggestion.map { ", for example \(EchoText.path($0))" } ?? "") + "."
        case .special(let path):
            return "\(EchoText.path(path)) is not a regular file (a device, a pipe or a socket); nothing was written. Give the name of a file to write."
        }
    }

    private static func giveAnother(_ suggestion: String?) -> String {
        "Give the file a name of its own" + (suggestion.map { ", for example \(EchoText.path($0))" } ?? "") + "."
    }
}

/// The one check before partsmap writes a file a person named.
public enum WriteDestination {
    /// Throws when writing a file at `path` could destroy a map: when it is the open map (`openMap`, by device
    /// and inode), any other partsmap map, plain or encrypted, or a map's lock or torn-tail file; or when it
    /// is a folder or a special file. A missing file, an earlier export or any other file is fine.
    /// `suggestion` (a file name that would do) goes into the message.
    public static func check(_ path: String, sparing openMap: FileIdentity?, suggestion: String? = nil) throws(DestinationError) {
        if let info = JournalIO.status(ofPath: path) {
            if info.st_mode & S_IFMT == S_IFDIR { throw .folder(path: path, suggestion: suggestion.map { folderSuggestion(path, $0) }) }
            guard JournalIO.isRegularFile(info) else { throw .special(path: path) }
            if let openMap, FileIdentity(info) == openMap { throw .openMap(path: path, suggestion: suggestion) }
            if let kind = mapKind(at: path) { throw .otherMap(path: path, encrypted: kind == .sealed, suggestion: suggestion) }
        }
        // A side file is known by its name beside its map, by the name typed and the file a link leads to.
        for name in namesOf(path) {
            if let (kind, map) = sideFile(name, openMap: openMap) {
                throw .sideFile(path: path, kind: kind, map: map, suggestion: suggestion)
            }
        }
    }

    /// Throws when `path`, named for a map to open for changes, is a map's lock or torn-tail file: opening it
    /// could cut it short or take it over as a new map.
    public static func checkMapPath(_ path: String) throws(DestinationError) {
        for name in namesOf(path) {
            if let (kind, map) = sideFile(name, openMap: nil) { throw .sideFileAsMap(path: path, kind: kind, map: map) }
        }
    }

    /// `path` as typed, then the file a symbolic link leads to, if it is another name.
    private static func namesOf(_ path: String) -> [String] {
        let resolved = JournalIO.resolvingLinks(path)
        return resolved == path ? [path] : [path, resolved]
    }

    enum MapKind { case plain, sealed }

    /// Whether the file at `path` is a partsmap map: its first line is a map header. Read without a lock and
    /// without following anything but `path` itself; a file that cannot be read is not taken for a map.
    static func mapKind(at path: String) -> MapKind? {
        guard let fd = try? JournalIO.open(path, O_RDONLY | O_NONBLOCK) else { return nil }
        defer { close(fd) }
        guard let start = try? JournalIO.read(fd, count: 64, at: 0) else { return nil }
        if SealedHeader.isSealed(start) { return .sealed }
        return start.starts(with: JournalFormat.headerPrefix.utf8) ? .plain : nil
    }

    /// `MAP.lock` or `MAP.torn-…` where MAP is a map (or the open one): its kind and MAP.
    private static func sideFile(_ path: String, openMap: FileIdentity?) -> (DestinationError.SideFileKind, String)? {
        var candidates: [(DestinationError.SideFileKind, String)] = []
        if path.hasSuffix(".lock") { candidates.append((.lock, String(path.dropLast(5)))) }
        if let map = beforeLast(".torn-", in: path) { candidates.append((.tornTail, map)) }
        for (kind, map) in candidates where !map.isEmpty && !map.hasSuffix("/") {
            let isOpenMap = openMap != nil && FileIdentity(path: map) == openMap
            if isOpenMap || mapKind(at: map) != nil { return (kind, map) }
        }
        return nil
    }

    /// What comes before the last `marker` in `path`'s file name, as a path; nil when the name has none.
    private static func beforeLast(_ marker: String, in path: String) -> String? {
        let bytes = Array(path.utf8), mark = Array(marker.utf8)
        let nameStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        guard bytes.count - nameStart > mark.count else { return nil }
        for start in stride(from: bytes.count - mark.count, to: nameStart, by: -1) where Array(bytes[start..<start + mark.count]) == mark {
            return String(decoding: bytes[..<start], as: UTF8.self)
        }
        return nil
    }

    /// `FOLDER/NAME` for a folder given where a file was meant.
    private static func folderSuggestion(_ folder: String, _ name: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + JournalIO.fileName(of: name)
    }
}
