import Glibc

/// Maps on disk: one file per map (a therapist keeps one per client), the data directory as
/// the shelf they sit on.
public enum MapFiles {
    /// How the prompt names a map: its file name without `.parts`.
    public static func name(of path: String) -> String {
        var name = JournalIO.fileName(of: path)
        if name.hasSuffix(".parts"), name.count > 6 { name.removeLast(6) }
        return name
    }

    /// The file `open` means: a NAME without "/" and not ending in `.parts` is a map in
    /// `directory` (`client-a` → `DIRECTORY/client-a.parts`); anything else is a path as given,
    /// with a leading `~/` meaning the home folder.
    public static func path(for target: String, in directory: String?) -> String {
        if target.hasPrefix("~/"), let home = getenv("HOME") { return String(cString: home) + target.dropFirst() }
        if target.contains("/") || target.hasSuffix(".parts") { return target }
        return (directory.map { $0 + "/" } ?? "") + target + ".parts"
    }

    /// The `.parts` files directly in `directory`, by name; empty when it does not exist.
    public static func list(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name.hasSuffix(".parts"), name.count > 6, !name.hasPrefix("."),
                  let status = JournalIO.status(ofPath: directory + "/" + name), JournalIO.isRegularFile(status)
            else { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Whether two paths name the same file (false when either names nothing yet).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let x = JournalIO.status(ofPath: a), let y = JournalIO.status(ofPath: b) else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// `last session 2026-10-09 · 4 sessions · 9 parts, 2 patterns`, or `empty`.
    static func summary(of system: InnerSystem) -> String {
        guard let last = system.sessions.last else { return "empty" }
        let date = (last.started ?? last.ended)?.localDate ?? "undated"
        let count = Wording.count
        return "last session \(date) · \(count(system.sessions.count, "session")) · "
            + "\(count(system.parts.count, "part")), \(count(system.patterns.count, "pattern"))"
    }
}
