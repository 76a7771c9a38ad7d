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
}

extension CommandRunner {
    /// `open [--read-only] FILE|NAME`: the new map is opened first — only then is this one closed
    /// (its lock released) — so when the new one can't be opened nothing changes.
    func open(_ target: String, readOnly: Bool) throws -> String {
        let path = MapFiles.path(for: target, in: mapDirectory)
        // The same map again is a no-op — except to take up for changes one open read-only.
        if MapFiles.sameFile(path, document.path), readOnly || !document.isReadOnly {
            let access = document.isReadOnly ? "read-only" : "for changes"
            return "\(EchoText.quoted(mapName)) is already open, \(access) (\(EchoText.path(document.path)))."
        }
        let isNew = JournalIO.status(ofPath: path) == nil
        let opened: (MapDocument, LoadReport)
        do {
            opened = try MapDocument.open(path: path, access: readOnly ? .readOnly : .readWrite, passphrases: passphrases)
        } catch {
            throw RunnerError.cannotOpen(path, reason: "\(error)", stayingOn: mapName)
        }
        let previous = mapName
        document.close()
        document = opened.0
        mapName = MapFiles.name(of: path)

        var lines: [String]
        if isNew {
            lines = ["Started a new, empty map \(EchoText.quoted(mapName)) (\(EchoText.path(path)))."]
            let others = mapDirectory.map { MapFiles.list(in: $0).map(MapFiles.name) } ?? []
            if others.contains(where: { $0 != mapName }) { lines.append("(To open one you already have instead, `maps` lists them.)") }
        } else {
            let how = [readOnly ? " read-only" : "", document.isEncrypted ? " (encrypted)" : ""].joined()
            lines = ["Opened \(EchoText.quoted(mapName))\(how) (\(EchoText.path(path))): \(summary(of: system))."]
        }
        lines += MapText.loadNotes(opened.1)
        lines.append("Closed \(EchoText.quoted(previous)).")
        return lines.joined(separator: "\n")
    }

    /// `maps`: each map in the data directory with its last session — read without locking,
    /// so a map open in another partsmap is listed too.
    func maps() -> String {
        guard let directory = mapDirectory else { return "No data directory is set, so there are no maps to list.\n" }
        let names = MapFiles.list(in: directory)
        var rows: [(name: String, about: String)] = []
        var openIsListed = false
        for file in names {
            let path = directory + "/" + file
            let about: String
            if MapFiles.sameFile(path, document.path) {
                openIsListed = true
                about = summary(of: system) + "   ← open now"
            } else {
                do {
                    let (other, _) = try MapDocument.open(path: path, access: .readOnly)
                    about = summary(of: other.system)
                    other.close()
                } catch MapFileError.passphraseNeeded {
                    about = "encrypted (`open` asks for its passphrase)"
                } catch {
                    about = "could not be read: " + ("\(error)".split(separator: "\n").first.map(String.init) ?? "")
                }
            }
            rows.append((EchoText.path(MapFiles.name(of: file)), about))  // a file name may hold anything
        }
        var out = rows.isEmpty ? "No maps in \(EchoText.path(directory)) yet.\n" : "Maps in \(EchoText.path(directory)):\n"
        let width = rows.map(\.name.count).max() ?? 0
        for row in rows { out += "  \(row.name.padding(to: width + 2))\(row.about)\n" }
        if !openIsListed { out += "Open now: \(EchoText.quoted(mapName)) (\(EchoText.path(document.path))), which is kept elsewhere.\n" }
        return out + "`open NAME` switches to one of these, or starts a new map under that name.\n"
    }

    /// `last session 2026-10-09 · 4 sessions · 9 parts, 2 patterns`, or `empty`.
    private func summary(of system: InnerSystem) -> String {
        guard let last = system.sessions.last else { return "empty" }
        let date = (last.started ?? last.ended)?.localDate ?? "undated"
        let count = Wording.count
        return "last session \(date) · \(count(system.sessions.count, "session")) · "
            + "\(count(system.parts.count, "part")), \(count(system.patterns.count, "pattern"))"
    }
}
