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
    public static let groups = ["Parts and patterns", "Relations and links", "Asking", "Looking", "Sessions", "Editing and files"]

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
        CommandInfo(verb: "show", group: "Looking", forms: ["show", "show NAME"],
                    summary: "the whole map, or one part's or pattern's card", example: "show Inner Critic"),
        CommandInfo(verb: "list", group: "Looking", forms: ["list [parts|managers|firefighters|exiles|unknown|patterns]"],
                    summary: "list names, one a line", example: "list exiles"),
        CommandInfo(verb: "export", group: "Looking",
                    forms: ["export dot|svg|png|pdf|mermaid|json|markdown [FILE]",
                            "options: --pattern NAME, --part NAME [--depth N], --role ROLE, --no-legend, --no-self",
                            "no FILE: write to standard output (svg, png and pdf need a FILE)"],
                    summary: "write the map as a diagram, data or a handout", example: "export svg map.svg"),
        CommandInfo(verb: "session", group: "Sessions", forms: ["session start [TITLE]", "session end"],
                    summary: "mark the start or end of a sitting", example: "session start first look at the critic"),
        CommandInfo(verb: "sessions", group: "Sessions", forms: ["sessions"],
                    summary: "list the sittings, with how many changes each made", example: "sessions"),
        CommandInfo(verb: "undo", group: "Editing and files", forms: ["undo"],
                    summary: "undo the last change (kept in the map file, so it survives a restart)", example: "undo"),
        CommandInfo(verb: "redo", group: "Editing and files", forms: ["redo"],
                    summary: "redo what undo took back", example: "redo"),
        CommandInfo(verb: "help", group: "Editing and files", forms: ["help", "help COMMAND"],
                    summary: "this list, or one command's forms and an example", example: "help relate"),
        CommandInfo(verb: "quit", group: "Editing and files", forms: ["quit", "exit", "Ctrl-D"],
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
