import Glibc

/// Where partsmap keeps things by default (XDG base directories).
enum Paths {
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    static var home: String { environment("HOME") ?? "." }

    /// `$XDG_DATA_HOME/partsmap/default.parts`
    static func defaultMap() -> String {
        (environment("XDG_DATA_HOME") ?? home + "/.local/share") + "/partsmap/default.parts"
    }

    /// `$PARTSMAP_HISTORY`, or `$XDG_STATE_HOME/partsmap/history`.
    static func history() -> String {
        environment("PARTSMAP_HISTORY") ?? (environment("XDG_STATE_HOME") ?? home + "/.local/state") + "/partsmap/history"
    }

    /// The map's name as the prompt shows it: the file name without `.parts`.
    static func mapName(of path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".parts"), name.count > 6 { name.removeLast(6) }
        return name
    }
}
