import Glibc

/// Where partsmap keeps things by default (XDG base directories).
enum Paths {
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    static var home: String { environment("HOME") ?? "." }

    /// `$XDG_DATA_HOME/partsmap`: where maps live unless a path says otherwise.
    static func dataDirectory() -> String {
        (environment("XDG_DATA_HOME") ?? home + "/.local/share") + "/partsmap"
    }

    /// `$XDG_DATA_HOME/partsmap/default.parts`
    static func defaultMap() -> String { dataDirectory() + "/default.parts" }

    /// `$PARTSMAP_HISTORY`, or `$XDG_STATE_HOME/partsmap/history` (also when `PARTSMAP_HISTORY=off`).
    static func history() -> String {
        if let file = environment("PARTSMAP_HISTORY"), !historyStartsOff { return file }
        return (environment("XDG_STATE_HOME") ?? home + "/.local/state") + "/partsmap/history"
    }

    /// `$XDG_STATE_HOME/partsmap/views`: where `view` keeps its pages (private, like the history).
    static func viewDirectory() -> String {
        (environment("XDG_STATE_HOME") ?? home + "/.local/state") + "/partsmap/views"
    }

    /// `PARTSMAP_HISTORY=off`: keep nothing typed, unless `history on` says otherwise.
    static var historyStartsOff: Bool { environment("PARTSMAP_HISTORY")?.lowercased() == "off" }
}
