/// What `list` lists.
public enum ListFilter: Equatable, Sendable {
    case everything, parts, patterns
    case role(Role)
}

/// One parsed line: a change to the map, or something that reads it.
public enum Command: Equatable, Sendable {
    case change(Change)
    case show(name: String?)
    case list(ListFilter)
    /// The guided conversation with a part or pattern.
    case ask(name: String)
    case sessions
    case undo
    case redo
    case export(ExportRequest)
    case help(topic: String?)
    case quit
}
