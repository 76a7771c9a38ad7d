import Foundation

/// What a run asked of the file system under one folder, as operations on files (nodes) and names, in the
/// order they were made — and, for any point of the run, the states a power cut there may leave on disk.
///
/// The model is the pessimistic one of ALICE and LazyFS: data written to a file is durable only once that
/// file is fsync'ed or fdatasync'ed; a name created, renamed or removed is durable only once its folder is
/// fsync'ed. Anything not yet durable may be lost, written in part, or land while an earlier change did not.
struct DiskModel {
    enum Operation {
        case create(path: String, node: Int, directory: Bool)
        case write(node: Int, offset: Int, bytes: [UInt8])
        case truncate(node: Int, size: Int)
        case rename(from: String, to: String)
        case unlink(path: String)
        /// fsync/fdatasync of a file (its data) or of a folder (its names).
        case sync(node: Int)
        /// partsmap said something (standard output or error): what it says is acknowledged.
        case said(String)
    }

    /// A file system state: each path under the root, with its node.
    struct Files: Hashable {
        var names: [String: Int] = [:]
        var contents: [Int: [UInt8]] = [:]
        var directories: Set<Int> = []

        /// Relative path → bytes (nil for a folder): what a state is, for comparing and writing it out. A name
        /// whose folder's own name was lost is lost with it.
        func materialized(root: String) -> [String: [UInt8]?] {
            var out: [String: [UInt8]?] = [:]
            func reachable(_ path: String) -> Bool {
                var folder = DiskModel.parent(of: path)
                while folder != root {
                    guard let node = names[folder], directories.contains(node) else { return false }
                    folder = DiskModel.parent(of: folder)
                }
                return true
            }
            for (path, node) in names where path != root && reachable(path) {
                out[String(path.dropFirst(root.count + 1))] = directories.contains(node) ? .some(nil) : .some(contents[node] ?? [])
            }
            return out
        }

        mutating func apply(_ operation: Operation, tornTo keep: Int? = nil) {
            switch operation {
            case .create(let path, let node, let directory):
                names[path] = node
                if directory { directories.insert(node) } else { contents[node] = contents[node] ?? [] }
            case .write(let node, let offset, var bytes):
                if let keep { bytes = Array(bytes.prefix(keep)) }
                var content = contents[node] ?? []
                if content.count < offset + bytes.count { content += [UInt8](repeating: 0, count: offset + bytes.count - content.count) }
                content.replaceSubrange(offset..<offset + bytes.count, with: bytes)
                contents[node] = content
            case .truncate(let node, let size):
                var content = contents[node] ?? []
                if content.count > size { content.removeSubrange(size...) } else {
                    content += [UInt8](repeating: 0, count: size - content.count)
                }
                contents[node] = content
            case .rename(let from, let to):
                guard let node = names.removeValue(forKey: from) else { return }  // its creation was lost
                names[to] = node
            case .unlink(let path):
                names.removeValue(forKey: path)
            case .sync, .said:
                break
            }
        }
    }

    let root: String
    let initial: Files
    private(set) var operations: [Operation] = []
    /// The state with everything applied, as the run saw it.
    private(set) var current: Files
    private var nextNode: Int
    private var descriptors: [Int: (node: Int, appending: Bool, position: Int)] = [:]
    private var mainPID: Int?

    /// `root` as it is on disk now (all of it durable), before the traced run.
    init(root: String) throws {
        self.root = root
        var files = Files()
        var node = 0
        func add(_ path: String, directory: Bool) throws {
            files.names[path] = node
            if directory { files.directories.insert(node) } else {
                files.contents[node] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            node += 1
        }
        try add(root, directory: true)
        let manager = FileManager.default
        for relative in (manager.subpaths(atPath: root) ?? []).sorted() {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            try add(path, directory: isDirectory.boolValue)
        }
        initial = files
        current = files
        nextNode = node
    }

    private func inside(_ path: String) -> Bool { path == root || path.hasPrefix(root + "/") }

    /// `path` made absolute against `base` and cleared of `.` and `..`.
    static func normalize(_ path: String, base: String) -> String {
        let whole = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in whole.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Reads the traced calls of one run of partsmap (the first process in the log; its children, e.g. `dot`,
    /// must not touch the root). `cwd`: the folder the run started in.
    mutating func record(_ calls: [TracedCall], cwd: String) throws {
        for call in calls { try record(call, cwd: cwd) }
    }

    private mutating func record(_ call: TracedCall, cwd: String) throws {
        if mainPID == nil { mainPID = call.pid }
        guard call.succeeded else { return }  // a failed call changes nothing
        func at(_ dirIndex: Int, _ pathIndex: Int) throws -> String {
            let base = try call.descriptor(dirIndex).path ?? cwd
            return Self.normalize(String(decoding: try call.bytes(pathIndex), as: UTF8.self), base: base)
        }
        func plain(_ index: Int) throws -> String {
            Self.normalize(String(decoding: try call.bytes(index), as: UTF8.self), base: cwd)
        }
        guard call.pid == mainPID else {
            // A child (`dot`) may read beside the map but must write nothing there: the model follows partsmap only.
            var written: String?
            switch call.name {
            case "openat", "open":
                let flags = call.arguments[call.name == "open" ? 1 : 2]
                if ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"].contains(where: flags.contains) {
                    written = try call.name == "open" ? plain(0) : at(0, 1)
                }
            case "write", "writev", "pwrite64", "pwritev", "pwritev2", "ftruncate":
                written = try call.descriptor(0).path
            case "rename", "unlink", "mkdir", "creat", "link", "symlink", "rmdir", "truncate": written = try plain(0)
            case "renameat", "renameat2", "unlinkat", "mkdirat": written = try at(0, 1)
            default: break
            }
            if let written, inside(written) { throw TraceError("a child process wrote beside the map: \(call.name) \(written)") }
            return
        }
        switch call.name {
        case "openat": try opened(try at(0, 1), flags: call.arguments[2], call)
        case "open": try opened(try plain(0), flags: call.arguments[1], call)
        case "creat": try opened(try plain(0), flags: "O_CREAT|O_WRONLY|O_TRUNC", call)
        case "write", "writev", "pwrite64", "pwritev", "pwritev2":
            let (fd, _) = try call.descriptor(0)
            var bytes: [UInt8]
            if call.name.hasSuffix("v") || call.name == "pwritev2" {
                bytes = try Self.quotedStrings(in: call.arguments[1]).flatMap { $0 }
            } else {
                bytes = try call.bytes(1)
            }
            bytes = Array(bytes.prefix(call.returned ?? 0))
            guard let fd else { return }
            guard let open = descriptors[fd] else {
                if fd == 1 || fd == 2 { operations.append(.said(String(decoding: bytes, as: UTF8.self))) }
                return
            }
            let positioned = call.name.hasPrefix("p")
            let offset = positioned ? Int(call.arguments[3]) ?? 0  // pwrite64(fd, buf, count, offset), pwritev(fd, iov, n, offset)
                : open.appending ? current.contents[open.node]?.count ?? 0 : open.position
            add(.write(node: open.node, offset: offset, bytes: bytes))
            if !positioned { descriptors[fd]?.position = offset + bytes.count }
        case "ftruncate":
            let (fd, _) = try call.descriptor(0)
            guard let fd, let open = descriptors[fd] else { return }
            add(.truncate(node: open.node, size: Int(call.arguments[1]) ?? 0))
        case "fsync", "fdatasync":
            let (fd, _) = try call.descriptor(0)
            guard let fd, let open = descriptors[fd] else { return }
            add(.sync(node: open.node))
        case "close":
            if let fd = try call.descriptor(0).fd { descriptors.removeValue(forKey: fd) }
        case "rename": try renamed(try plain(0), try plain(1))
        case "renameat", "renameat2": try renamed(try at(0, 1), try at(2, 3))
        case "unlink": removed(try plain(0))
        case "unlinkat":
            let path = try at(0, 1)
            if call.arguments[2].contains("AT_REMOVEDIR") { try unmodeled(call, path) }
            removed(path)
        case "mkdir": made(try plain(0))
        case "mkdirat": made(try at(0, 1))
        case "rmdir": try unmodeled(call, try plain(0))
        case "link", "symlink": try unmodeled(call, try plain(1))
        case "linkat": try unmodeled(call, try at(2, 3))
        case "symlinkat": try unmodeled(call, try at(1, 2))
        case "truncate": try unmodeled(call, try plain(0))
        case "dup", "dup2", "dup3", "fallocate", "sync_file_range":
            if let path = try call.descriptor(0).path, inside(path) { try unmodeled(call, path) }
        case "sync", "syncfs", "chdir", "fchdir":
            throw TraceError("\(call.name) is not modelled")
        default:
            break
        }
    }

    private func unmodeled(_ call: TracedCall, _ path: String) throws {
        if inside(path) { throw TraceError("\(call.name) on \(path) is not modelled") }
    }

    private mutating func add(_ operation: Operation) {
        operations.append(operation)
        current.apply(operation)
    }

    private mutating func opened(_ path: String, flags: String, _ call: TracedCall) throws {
        guard inside(path), let fd = call.returnedDescriptor?.fd else { return }
        var node = current.names[path]
        if node == nil {
            guard flags.contains("O_CREAT") else { throw TraceError("opened \(path), which the model does not hold") }
            node = nextNode
            nextNode += 1
            add(.create(path: path, node: node!, directory: false))
        } else if flags.contains("O_TRUNC"), !current.directories.contains(node!) {
            add(.truncate(node: node!, size: 0))
        }
        descriptors[fd] = (node!, flags.contains("O_APPEND"), 0)
    }

    private mutating func renamed(_ from: String, _ to: String) throws {
        guard inside(from) || inside(to) else { return }
        guard inside(from), inside(to) else { throw TraceError("a rename across the root: \(from) → \(to)") }
        if let node = current.names[from], current.directories.contains(node) {
            throw TraceError("renaming a folder (\(from)) is not modelled")
        }
        add(.rename(from: from, to: to))
    }

    private mutating func removed(_ path: String) {
        guard inside(path), current.names[path] != nil else { return }
        add(.unlink(path: path))
    }

    private mutating func made(_ path: String) {
        guard inside(path) else { return }
        let node = nextNode
        nextNode += 1
        add(.create(path: path, node: node, directory: true))
    }

    static func quotedStrings(in text: String) throws -> [[UInt8]] {
        var strings: [[UInt8]] = []
        var rest = Substring(text)
        while let start = rest.range(of: "iov_base=\"") {
            let body = rest[start.upperBound...]
            guard let end = body.firstIndex(of: "\"") else { throw TraceError("an unterminated iov_base") }
            strings.append(try StraceLog.unescape(body[..<end]))
            rest = body[body.index(after: end)...]
        }
        return strings
    }

    // MARK: - Crash states

    /// One state a power cut may leave, and what partsmap had said before the cut.
    struct CrashState {
        var files: [String: [UInt8]?]
        /// Everything partsmap had said before the cut, in order: what it said is acknowledged.
        var said: [String]
        /// The cut: how many operations had been made.
        var cut: Int
        var how: String
    }

    /// The folders whose fsync makes `operation` durable (names), or the node whose fsync does (data).
    private func barriers(_ operation: Operation) -> (folders: [String], node: Int?) {
        switch operation {
        case .create(let path, _, _), .unlink(let path): ([Self.parent(of: path)], nil)
        case .rename(let from, let to): (Array(Set([Self.parent(of: from), Self.parent(of: to)])), nil)
        case .write(let node, _, _), .truncate(let node, _): ([], node)
        case .sync, .said: ([], nil)
        }
    }

    /// Every state a power cut may leave at every point of the run (each distinct one once per cut):
    /// nothing pending survived; all of it did; each pending change alone lost while the others landed; the
    /// pending changes in order up to one, that one written in part (half, or all but its last byte);
    /// each file's or folder's pending changes alone, and all but those.
    func crashStates() -> [CrashState] {
        var states: [CrashState] = []
        var replay = initial  // the run as it went, to know which folder a path's sync names
        var said: [String] = []
        var syncedAt: [Int: [Int]] = [:]  // node → indices of its syncs
        for (index, operation) in operations.enumerated() {
            if case .sync(let node) = operation { syncedAt[node, default: []].append(index) }
        }
        var folderNodes: [String: Int] = [:]
        var folderOf: [Int: [String]] = [:]  // operation → folders whose sync makes it durable
        var nodeOf: [Int: Int] = [:]
        for (index, operation) in operations.enumerated() {
            let (folders, node) = barriers(operation)
            for folder in folders { if let n = replay.names[folder] { folderNodes[folder] = n } }
            folderOf[index] = folders
            nodeOf[index] = node
            replay.apply(operation)
        }
        func durable(_ index: Int, before cut: Int) -> Bool {
            func syncedBetween(_ node: Int) -> Bool {
                (syncedAt[node] ?? []).contains { $0 > index && $0 < cut }
            }
            switch operations[index] {
            case .sync, .said: return true
            default:
                if let node = nodeOf[index] { return syncedBetween(node) }
                return (folderOf[index] ?? []).allSatisfy { folder in folderNodes[folder].map(syncedBetween) ?? false }
            }
        }
        func group(_ index: Int) -> String {
            if let node = nodeOf[index] { return "node \(node)" }
            return "folder " + (folderOf[index] ?? []).sorted().joined(separator: "+")
        }
        for cut in 0...operations.count {
            if cut > 0, case .said(let text) = operations[cut - 1] { said.append(text) }
            // A cut between two operations that change nothing on disk is the same as the one before it.
            if cut > 0, cut < operations.count, case .said = operations[cut] { continue }
            let pending = (0..<cut).filter { !durable($0, before: cut) }
            var seen: Set<[String: [UInt8]?]> = []
            func state(_ how: String, keeping keep: (Int) -> Bool, torn: (index: Int, bytes: Int)? = nil) {
                var files = initial
                for index in 0..<cut {
                    let isPending = !durable(index, before: cut)
                    if let torn, torn.index == index { files.apply(operations[index], tornTo: torn.bytes); continue }
                    if !isPending || keep(index) { files.apply(operations[index]) }
                }
                let materialized = files.materialized(root: root)
                if seen.insert(materialized).inserted {
                    states.append(CrashState(files: materialized, said: said, cut: cut, how: how))
                }
            }
            state("all pending lost", keeping: { _ in false })
            state("all pending landed", keeping: { _ in true })
            for (position, index) in pending.enumerated() {
                state("pending #\(index) alone lost", keeping: { $0 != index })
                let before = Set(pending.prefix(position))
                state("pending up to #\(index), it lost", keeping: { before.contains($0) })
                if case .write(_, _, let bytes) = operations[index], bytes.count > 1 {
                    for keep in Set([bytes.count / 2, bytes.count - 1]) {
                        state("pending up to #\(index), it torn to \(keep) of \(bytes.count) bytes",
                              keeping: { before.contains($0) }, torn: (index, keep))
                    }
                }
            }
            for name in Set(pending.map(group)).sorted() {
                state("only \(name)'s pending landed", keeping: { group($0) == name })
                state("all but \(name)'s pending landed", keeping: { group($0) != name })
            }
        }
        return states
    }

    /// The state at every acknowledgement: the run's files right after partsmap said `said[i]`.
    func acknowledgedStates() -> [(said: String, files: [String: [UInt8]?])] {
        var files = initial
        var out: [(String, [String: [UInt8]?])] = []
        for operation in operations {
            files.apply(operation)
            if case .said(let text) = operation { out.append((text, files.materialized(root: root))) }
        }
        return out
    }
}
