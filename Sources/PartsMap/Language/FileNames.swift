import Glibc

/// File names for Tab, wherever a command takes a path (`open`, `export … FILE`, `view FILE`), as bash
/// offers them: what is in the folder typed so far (`~` is the home folder), folders ending in `/` so
/// the next Tab goes on into them, names the language would misread quoted, maps (`.parts`) first when
/// a map is wanted (and its lock and torn-tail files left out), hidden files only once a `.` is typed.
enum FileNames {
    /// Candidates for the word `typed` (its text, any opening quote already taken off).
    static func complete(_ typed: String, mapsFirst: Bool, home: String?) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderTyped = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderTyped.isEmpty ? "." : folderTyped
        if folder.hasPrefix("~/"), let home { folder = home + folder.dropFirst() }
        guard let stream = opendir(folder) else { return [] }
        defer { closedir(stream) }
        var found: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name != ".", name != "..", name.hasPrefix(prefix), !name.hasPrefix(".") || prefix.hasPrefix(".") else { continue }
            // A map's lock and torn-tail files are never what `open` means.
            if mapsFirst, name.hasSuffix(".parts.lock") || name.contains(".parts.torn-") { continue }
            var info = stat()
            let isFolder = stat((folder.hasSuffix("/") ? folder : folder + "/") + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            found.append((name, isFolder))
            if found.count > 10_000 { break }  // a folder that large: enough to go on
        }
        func rank(_ entry: (name: String, isFolder: Bool)) -> Int {
            guard mapsFirst else { return 0 }
            return entry.name.hasSuffix(".parts") && !entry.isFolder ? 0 : entry.isFolder ? 1 : 2
        }
        return found.sorted { (rank($0), $0.name) < (rank($1), $1.name) }.map { candidate(folderTyped + $0.name, isFolder: $0.isFolder) }
    }

    /// A path as the command language reads it, quoted where a name would be (`ChangePrinter.name`) —
    /// a folder's quote left open, so that typing (and Tab) goes on inside it.
    static func candidate(_ path: String, isFolder: Bool) -> String {
        let written = ChangePrinter.name(isFolder ? path + "/" : path)
        return isFolder && written.hasPrefix("\"") ? String(written.dropLast()) : written
    }
}
