/// One command's help: its forms, a one-line summary and an example. Each command declares its own
/// (Commands/); `help`, usage messages and Tab completion of verbs read them here.
public struct CommandInfo: Sendable {
    public var verb: String
    public var group: String
    public var forms: [String]
    public var summary: String
    public var example: String
}

public enum CommandTable {
    public static let groups = ["Parts and patterns", "Relations and links", "Asking", "Self and change over time", "Looking", "Sessions and time",
                                "Maps", "Editing"]

    /// Read from each command's own file (`Commands.all`).
    public static let all: [CommandInfo] = Commands.all.map { $0.help }

    public static func info(_ verb: String) -> CommandInfo? {
        let verb = verb.lowercased()
        return all.first { $0.verb == verb } ?? (verb == "exit" ? info("quit") : nil)
    }

    /// The usage line(s) of a verb, for error messages.
    public static func usage(_ verb: String) -> String {
        info(verb)?.forms.first ?? verb
    }
}
