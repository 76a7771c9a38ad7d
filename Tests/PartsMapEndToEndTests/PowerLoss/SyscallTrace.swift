import Foundation

/// One system call as strace recorded it with `-f -y -xx`: every string is hex-escaped and every file
/// descriptor carries the path it names (`3<\x2f\x74…>`), so a call can be read without tracking `dup`s.
struct TracedCall {
    var pid: Int
    var name: String
    /// The top-level arguments as strace wrote them.
    var arguments: [String]
    /// `0`, `3<\x2f…>`, `-1 ENOENT (No such file or directory)`.
    var result: String

    var succeeded: Bool { !result.hasPrefix("-") && !result.hasPrefix("?") }
    /// The number the call returned (a byte count, a descriptor).
    var returned: Int? { Int(result.prefix(while: { $0.isNumber || $0 == "-" })) }

    /// The bytes of a quoted, hex-escaped argument (`"\x61\x62"`).
    func bytes(_ index: Int) throws -> [UInt8] { try StraceLog.decode(quoted: arguments[index]) }

    /// The descriptor and the path strace showed for it (`3<\x2f…>`, `AT_FDCWD<\x2f…>`); the path is nil
    /// for a pipe, a socket or a terminal.
    func descriptor(_ index: Int) throws -> (fd: Int?, path: String?) { try StraceLog.descriptor(arguments[index]) }

    var returnedDescriptor: (fd: Int?, path: String?)? { succeeded ? try? StraceLog.descriptor(result) : nil }
}

struct TraceError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum StraceLog {
    /// What the model needs to see: every call that creates, names, writes, flushes or forgets a file.
    static let calls = [
        "openat", "open", "creat", "write", "pwrite64", "writev", "pwritev", "pwritev2", "rename", "renameat",
        "renameat2", "unlink", "unlinkat", "link", "linkat", "symlink", "symlinkat", "mkdir", "mkdirat", "rmdir",
        "fsync", "fdatasync", "sync_file_range", "ftruncate", "truncate", "fallocate", "close", "sync", "syncfs",
        "dup", "dup2", "dup3", "chdir", "fchdir",
    ]

    /// The strace options: follow children, show descriptors' paths, hex-escape every string, never cut one.
    static func options(log: String) -> [String] {
        ["-f", "-qq", "-o", log, "-y", "-xx", "-s", "100000000", "-e", "trace=" + calls.joined(separator: ","),
         "-e", "signal=none"]
    }

    /// Reads a log written with `options`. Calls strace split (`<unfinished ...>` / `<... write resumed>`)
    /// because another process ran in between are joined again.
    static func parse(_ log: String) throws -> [TracedCall] {
        var calls: [TracedCall] = []
        var unfinished: [Int: String] = [:]
        for rawLine in log.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = Substring(rawLine)
            let pidText = line.prefix(while: { $0.isNumber })
            guard let pid = Int(pidText) else { throw TraceError("strace line without a pid: \(line.prefix(120))") }
            line = line.dropFirst(pidText.count).drop(while: { $0 == " " })
            if line.hasPrefix("+++") || line.hasPrefix("---") { continue }
            if line.hasPrefix("<... ") {
                guard let start = unfinished.removeValue(forKey: pid), let resumed = line.range(of: " resumed>") else {
                    throw TraceError("a resumed call with no start: \(line.prefix(120))")
                }
                line = Substring(start + line[resumed.upperBound...])
            } else if line.hasSuffix(" <unfinished ...>") {
                unfinished[pid] = String(line.dropLast(" <unfinished ...>".count))
                continue
            }
            calls.append(try call(pid: pid, line))
        }
        return calls
    }

    /// `name(arg, arg, …) = result`
    private static func call(pid: Int, _ line: Substring) throws -> TracedCall {
        guard let open = line.firstIndex(of: "(") else { throw TraceError("not a call: \(line.prefix(120))") }
        let name = String(line[..<open])
        var arguments: [String] = []
        var current = ""
        var depth = 0
        var inQuotes = false
        var index = line.index(after: open)
        while index < line.endIndex {
            let c = line[index]
            if inQuotes {
                current.append(c)
                if c == "\\" {
                    index = line.index(after: index)
                    if index < line.endIndex { current.append(line[index]) }
                } else if c == "\"" {
                    inQuotes = false
                }
            } else if c == "\"" {
                inQuotes = true
                current.append(c)
            } else if "([{<".contains(c) {
                depth += 1
                current.append(c)
            } else if ")]}>".contains(c) {
                if depth == 0 && c == ")" { break }
                depth -= 1
                current.append(c)
            } else if c == "," && depth == 0 {
                arguments.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
            index = line.index(after: index)
        }
        guard index < line.endIndex else { throw TraceError("unterminated call: \(line.prefix(120))") }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty || !arguments.isEmpty { arguments.append(last) }
        let rest = line[line.index(after: index)...]
        guard let equals = rest.range(of: " = ") else { throw TraceError("a call without a result: \(line.prefix(120))") }
        return TracedCall(pid: pid, name: name, arguments: arguments, result: String(rest[equals.upperBound...]))
    }

    static func decode(quoted text: String) throws -> [UInt8] {
        guard text.hasPrefix("\""), !text.hasSuffix("..."), let end = text.lastIndex(of: "\"") else {
            throw TraceError("not a whole quoted string: \(text.prefix(80))")
        }
        return try unescape(text[text.index(after: text.startIndex)..<end])
    }

    /// `\xHH` sequences (all that `-xx` writes) and any plain characters, as bytes.
    static func unescape(_ text: Substring) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        bytes.reserveCapacity(utf8.count / 4)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"),
               let high = hexValue(utf8[i + 2]), let low = hexValue(utf8[i + 3]) {
                bytes.append(high << 4 | low)
                i += 4
            } else if utf8[i] == UInt8(ascii: "\\") {
                throw TraceError("an escape -xx does not write: \(text.prefix(80))")
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func descriptor(_ text: String) throws -> (fd: Int?, path: String?) {
        guard let open = text.firstIndex(of: "<"), text.hasSuffix(">") else { return (Int(text), nil) }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let fd = Int(text[..<open])  // nil for AT_FDCWD
        guard inside.hasPrefix("\\x") else { return (fd, nil) }  // pipe:[…], socket:[…], /dev/pts…
        return (fd, String(decoding: try unescape(inside), as: UTF8.self))
    }
}
