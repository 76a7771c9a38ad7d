/// What `list` lists.
public enum ListFilter: Equatable, Sendable {
    case everything, parts, patterns
    case role(Role)
}

/// What `history` asks about the lines typed at the prompt. The history is kept by the program
/// around the runner (the map never holds it): the runner only passes the request on.
public enum TypedLinesRequest: String, Equatable, Sendable, CaseIterable {
    /// `history`: whether lines are kept, and where.
    case status = ""
    case off, on, clear
}

/// One parsed line: a change to the map, or something that reads it.
///
/// A SESSION is kept as written (a number, or a title) and looked up against the map when the
/// command runs (`InnerSystem.session(_:)`).
public enum Command: Equatable, Sendable {
    case change(Change)
    /// The whole map or one card; `at`: as it was at the end of that session.
    /// `incident`: one of a pattern's debriefs or ruptures in full.
    case show(name: String?, at: String? = nil, incident: Int? = nil)
    case list(ListFilter)
    /// The guided conversation with a part or pattern.
    case ask(name: String)
    /// `debrief PATTERN [TITLE]`, `rupture PATTERN [TITLE]`: the guided look back at one incident.
    case incident(pattern: String, kind: IncidentKind, title: String)
    /// `compare MAP [PATTERN] [--as NAME]`: another map's side of the same pattern.
    case compare(map: String, pattern: String?, otherName: String?)
    /// Bare `self`: the guided check of the 8 Cs, then overall Self-energy and a note.
    case selfWalk
    /// Bare `checkin`: which parts are around today, how strongly, Self-energy, a note.
    case checkinWalk
    /// Bare `selfcheck`: whether `ask` offers a Self check.
    case selfCheckStatus
    /// `trends [PART] [--days N]`: activation and Self-energy over time.
    case trends(part: String?, days: Int?)
    case sessions
    /// What one session changed, record by record (nil: the latest session).
    case changes(session: String?)
    /// What each session left on the map.
    case timeline
    /// What differs between the end of one session and the end of another (nil: now).
    case diff(from: String, to: String?)
    case undo
    case redo
    case export(ExportRequest)
    /// `view [options] [FILE]`: keep a page of the map up to date for a browser; `view off` stops.
    case view(file: String?, options: ExportOptions)
    case viewOff
    /// Switch to another map: a path, or the name of a map in the data directory.
    case open(map: String, readOnly: Bool)
    /// The maps in the data directory.
    case maps
    /// Seal the open map with a passphrase (or give an encrypted one a new passphrase).
    case encrypt
    /// Turn an encrypted map back into plain text.
    case decrypt
    case help(topic: String?)
    /// `history [off|on|clear]`: about the prompt's line history, not the map.
    case history(TypedLinesRequest)
    /// `pager [off|on]`: whether long output at the keyboard goes through a pager.
    case pager(PagingRequest)
    case quit
}
