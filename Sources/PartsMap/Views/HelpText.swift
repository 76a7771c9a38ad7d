/// `help` and `help COMMAND`, read from the command table.
public enum HelpText {
    public static let notTherapy = """
        partsmap is a private notebook for mapping parts, not therapy and not a diagnostic tool.
        If you are in crisis or thinking of harming yourself, please contact your local emergency
        number or a crisis line now (for example 988 in the US, 116 123 Samaritans in the UK and Ireland).
        """

    /// The same words with a line break only after each sentence, for a formatter that wraps lines itself
    /// (`partsmap --help`): its own breaks kept, it would break the crisis line mid-sentence.
    public static var notTherapyUnwrapped: String {
        var out = ""
        for line in notTherapy.split(separator: "\n") {
            if !out.isEmpty { out += out.hasSuffix(".") ? "\n" : " " }
            out += line
        }
        return out
    }

    public static func overview() -> String {
        var out = "Commands (a NAME with spaces may be quoted; TEXT is the rest of the line):\n"
        for group in CommandTable.groups {
            out += "\n\(group):\n"
            for info in CommandTable.all where info.group == group {
                let verb = info.verb.padding(to: 10)
                out += "  \(verb)\(info.summary)\n"
            }
        }
        out += "\n`help COMMAND` shows its forms and an example. Tab completes; Up recalls; Ctrl-D leaves.\n\n"
        return out + notTherapy + "\n"
    }

    public static func topic(_ word: String) -> String? {
        guard let info = CommandTable.info(word) else { return nil }
        var out = "\(info.verb) — \(info.summary)\n"
        for form in info.forms { out += "  \(form)\n" }
        return out + "Example:\n  \(info.example)\n"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
