/// One command of the language, with its help: the single table `help`, usage messages and
/// Tab completion of verbs read from.
public struct CommandInfo: Sendable {
    public var verb: String
    public var group: String
    public var forms: [String]
    public var summary: String
    public var example: String
}

public enum CommandTable {
    public static let groups = ["Parts and patterns", "Relations and links", "Asking", "Looking", "Sessions and time",
                                "Maps", "Editing"]

    public static let all: [CommandInfo] = [
        CommandInfo(verb: "add", group: "Parts and patterns",
                    forms: ["add manager|firefighter|exile|part NAME", "add pattern NAME [with PERSON]"],
                    summary: "add a part (`part`: role not yet clear) or a relationship pattern",
                    example: "add manager Inner Critic"),
        CommandInfo(verb: "set", group: "Parts and patterns",
                    forms: ["set NAME FIELD TEXT",
                            "FIELD for a part: role age body feeling job intent fear burden trailhead note",
                            "FIELD for a pattern: with description",
                            "an empty TEXT (\"\") clears the field"],
                    summary: "write a field of a part or pattern, in your own words",
                    example: "set \"Inner Critic\" job keeps me from being laughed at"),
        CommandInfo(verb: "rename", group: "Parts and patterns", forms: ["rename NAME to NEWNAME"],
                    summary: "give a part or pattern a new name", example: "rename Critic to The Judge"),
        CommandInfo(verb: "remove", group: "Parts and patterns", forms: ["remove NAME"],
                    summary: "remove a part (with its relations and links) or a pattern (with its links)",
                    example: "remove Planner"),
        CommandInfo(verb: "relate", group: "Relations and links",
                    forms: ["relate A protects|polarized|allied B [because TEXT]", "A protects B"],
                    summary: "relate two parts: protects is directed, polarized and allied go both ways",
                    example: "relate \"Inner Critic\" protects \"Little One\""),
        CommandInfo(verb: "unrelate", group: "Relations and links", forms: ["unrelate A protects|polarized|allied B"],
                    summary: "take a relation away", example: "unrelate Critic polarized Numbing"),
        CommandInfo(verb: "link", group: "Relations and links", forms: ["link PART to PATTERN"],
                    summary: "the part shows up in that relationship pattern",
                    example: "link Pleaser to \"Hot and cold\""),
        CommandInfo(verb: "unlink", group: "Relations and links", forms: ["unlink PART from PATTERN"],
                    summary: "take a part-to-pattern link away", example: "unlink Pleaser from \"Hot and cold\""),
        CommandInfo(verb: "ask", group: "Asking",
                    forms: ["ask PART", "ask PART protecting TEXT", "ask NAME QUESTION TEXT",
                            "QUESTION for a part: " + Question.partQuestions.map(\.rawValue).joined(separator: " "),
                            "QUESTION for a pattern: " + Question.patternQuestions.map(\.rawValue).joined(separator: " ")],
                    summary: "ask a part, with curiosity, and keep its answers (\"What are you protecting me from?\")",
                    example: "ask Critic protecting feeling like I don't belong"),
        CommandInfo(verb: "show", group: "Looking", forms: ["show", "show NAME", "show [NAME] --at SESSION",
                                                            "SESSION: its number, as `sessions` lists them, or its title"],
                    summary: "the whole map, or one part's or pattern's card (--at: as it was then)", example: "show Inner Critic"),
        CommandInfo(verb: "list", group: "Looking", forms: ["list [parts|managers|firefighters|exiles|unknown|patterns]"],
                    summary: "list names, one a line", example: "list exiles"),
        CommandInfo(verb: "export", group: "Looking",
                    forms: ["export dot|svg|png|pdf|mermaid|json|markdown [FILE]",
                            "options: --pattern NAME, --part NAME [--depth N], --role ROLE, --no-legend, --no-self",
                            "--at SESSION: the map as it was at the end of that session",
                            "--since SESSION: mark what is new since the end of that session",
                            "no FILE: write to standard output (svg, png and pdf need a FILE)"],
                    summary: "write the map as a diagram, data or a handout", example: "export svg --since 2 map.svg"),
        CommandInfo(verb: "session", group: "Sessions and time", forms: ["session start [TITLE]", "session end"],
                    summary: "mark the start or end of a sitting", example: "session start first look at the critic"),
        CommandInfo(verb: "sessions", group: "Sessions and time", forms: ["sessions"],
                    summary: "list the sittings: when, title, how many changes each made", example: "sessions"),
        CommandInfo(verb: "changes", group: "Sessions and time",
                    forms: ["changes [SESSION]", "SESSION: its number or title; none: the latest session"],
                    summary: "what one session changed, in order, in plain words", example: "changes 2"),
        CommandInfo(verb: "timeline", group: "Sessions and time", forms: ["timeline"],
                    summary: "what each session added, renamed, answered and linked", example: "timeline"),
        CommandInfo(verb: "diff", group: "Sessions and time",
                    forms: ["diff SESSION_A [SESSION_B]", "no SESSION_B: compare with the map as it is now",
                            "a title of several words goes in quotes"],
                    summary: "what differs between the end of one session and another, in words", example: "diff 1 3"),
        CommandInfo(verb: "open", group: "Maps", forms: ["open FILE", "open NAME", "open --read-only FILE|NAME",
                                                         "NAME (no \"/\", no \".parts\"): a map in the data directory, as `maps` lists them; created if new"],
                    summary: "switch to another map (this one is closed and its lock released)",
                    example: "open client-b"),
        CommandInfo(verb: "maps", group: "Maps", forms: ["maps"],
                    summary: "the maps in the data directory, with their last session", example: "maps"),
        CommandInfo(verb: "encrypt", group: "Maps",
                    forms: ["encrypt", "asks a passphrase twice, without showing it (or reads PARTSMAP_PASSPHRASE_FILE)",
                            "on an encrypted map: gives it a new passphrase",
                            "`partsmap --encrypt FILE` does the same from the command line"],
                    summary: "encrypt this map: every change is sealed before it is saved; opening asks the passphrase",
                    example: "encrypt"),
        CommandInfo(verb: "decrypt", group: "Maps", forms: ["decrypt"],
                    summary: "turn an encrypted map back into plain text, readable in any editor", example: "decrypt"),
        CommandInfo(verb: "undo", group: "Editing", forms: ["undo"],
                    summary: "undo the last change, up to 10,000 back (kept in the map file: it survives a restart)",
                    example: "undo"),
        CommandInfo(verb: "redo", group: "Editing", forms: ["redo"],
                    summary: "redo what undo took back", example: "redo"),
        CommandInfo(verb: "history", group: "Editing",
                    forms: ["history [off|on|clear]",
                            "alone: whether the lines you type are kept, and where",
                            "off: keep nothing typed from now on (until `history on`)",
                            "clear: forget the lines kept so far",
                            "a line that starts with a space is never kept, nor are answers in a conversation"],
                    summary: "whether what you type is kept for Up, and where; turn it off or on, or clear it",
                    example: "history off"),
        CommandInfo(verb: "help", group: "Editing", forms: ["help", "help COMMAND"],
                    summary: "this list, or one command's forms and an example", example: "help relate"),
        CommandInfo(verb: "quit", group: "Editing", forms: ["quit", "exit", "Ctrl-D"],
                    summary: "leave partsmap (every change is already saved)", example: "quit"),
    ]

    public static func info(_ verb: String) -> CommandInfo? {
        let verb = verb.lowercased()
        return all.first { $0.verb == verb } ?? (verb == "exit" ? info("quit") : nil)
    }

    /// The usage line(s) of a verb, for error messages.
    public static func usage(_ verb: String) -> String {
        info(verb)?.forms.first ?? verb
    }
}
