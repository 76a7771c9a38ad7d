import Glibc
import PartsMap

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

    /// What partsmap reads from the environment, for the man page (each is read where it is named).
    static let documented: [(String, String)] = [
        ("XDG_DATA_HOME", "Where maps are kept by default: $XDG_DATA_HOME/partsmap (~/.local/share/partsmap); "
            + "the default map is default.parts there."),
        ("XDG_STATE_HOME", "Where the typed-line history and the pages of `view` are kept: $XDG_STATE_HOME/partsmap "
            + "(~/.local/state/partsmap)."),
        ("PARTSMAP_HISTORY", "The history file instead of $XDG_STATE_HOME/partsmap/history; off keeps nothing typed."),
        ("PARTSMAP_PASSPHRASE_FILE", "A file holding the passphrase of an encrypted map, for scripts."),
        ("PARTSMAP_PAGER", "The pager for output taller than the screen, instead of $PAGER; empty: no pager."),
        ("PAGER", "The pager when PARTSMAP_PAGER is not set (default: \(Paging.defaultCommand)); empty: no pager. "
            + "LESS is set to FRX for it when it is not set already."),
        ("NO_COLOR", "Any value but empty: no colour at the terminal. Colour is never used in a pipe or a file, nor with TERM=dumb."),
        ("BROWSER", "The browser `view` opens its page with (otherwise xdg-open)."),
    ]
}
