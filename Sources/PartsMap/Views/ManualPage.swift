/// The parts of partsmap's man page that the library knows: the commands inside partsmap, from the
/// command table (each verb's own help, as `help COMMAND` shows it), and the map file, with example
/// lines written by the journal's own printer. The program puts them after the command line's options.
/// Written in man(7) macros; every piece of text goes through `ManualPage.text`.
public enum ManualPage {
    /// `.SH COMMANDS`: every verb by group, its summary, its forms and an example.
    public static func commandsSection() -> String {
        var out = heading("COMMANDS")
        out += paragraph("Inside partsmap, each line is one command, verb first. A NAME with spaces may be written in "
            + "double or single quotes; where a command takes one name, or a keyword separates two names, the unquoted "
            + "words work too. A TEXT is the rest of the line. Names match regardless of case. Tab completes verbs, roles, "
            + "relation kinds, fields, names and file names; `help` lists the commands and `help COMMAND` shows one.")
        for group in CommandTable.groups {
            out += ".SS \(text(group))\n"
            for info in CommandTable.all where info.group == group {
                out += ".TP\n\\fB\(text(info.verb))\\fR\n\(text(info.summary)).\n"
                out += ".RS\n.nf\n"
                for form in info.forms { out += text(form) + "\n" }
                out += ".fi\nExample: \\fB\(text(info.example))\\fR\n.RE\n"
            }
        }
        return out
    }

    /// `.SH THE MAP FILE`: how a map reads, with lines the journal's printer writes.
    public static func mapFileSection() -> String {
        let time = Timestamp(secondsSinceEpoch: 1_790_535_820)  // an example's time, the same on every page
        let examples: [JournalRecord] = [
            .change(.sessionStart(title: "first look")),
            .change(.addPart(name: "Inner Critic", role: .manager)),
            .change(.answer(name: "Inner Critic", question: .protecting, text: "being laughed at")),
            .change(.relate(from: "Inner Critic", kind: .protects, to: "Little One", reason: "")),
            .undo,
        ]
        var out = heading("THE MAP FILE")
        out += paragraph("One map is one plain-text file (suggested extension .parts): a journal, one change a line, "
            + "oldest first, each written in the command language above with the time it was made (UTC). Loading "
            + "replays it. It can be read, compared, kept in git, or mended by hand in an editor; a line that does not "
            + "read is reported with its number. Blank lines and lines starting with # are comments.")
        out += ".PP\n.RS\n.nf\n" + text(JournalFormat.header) + "\n"
        for record in examples { out += text(JournalFormat.line(for: record, at: time)) + "\n" }
        out += ".fi\n.RE\n"
        out += paragraph("Every change is appended and flushed to disk (fdatasync) before partsmap acknowledges it. "
            + "The file is created readable only by you (0600, in a 0700 folder). One partsmap writes a map at a time: "
            + "it holds a lock, and a second one is told who holds it and may open the map read-only. A last line cut off "
            + "by a crash or power loss is set aside in a side file (MAP.torn-DATE) and reported; a damaged line in the "
            + "middle stops loading with its line number, and nothing is written.")
        out += paragraph("An encrypted map's first line holds the scrypt salt and cost, and every other line is one change "
            + "sealed with ChaCha20-Poly1305, still one flushed line per change.")
        return out
    }

    /// `.SH NAME`, `.TH` and the like: a section heading.
    public static func heading(_ title: String) -> String { ".SH \(text(title))\n" }

    /// A filled paragraph.
    public static func paragraph(_ words: String) -> String { ".PP\n\(text(words))\n" }

    /// Text made safe for roff: backslashes escaped, a line that would start with `.` or `'` (a
    /// request) protected, hyphens written as minus signs (so options copy as typed) and every
    /// non-ASCII character as its `\[uXXXX]` escape, which groff and mandoc read whatever the locale.
    public static func text(_ words: some StringProtocol) -> String {
        var out = ""
        var atLineStart = true
        for scalar in words.unicodeScalars {
            if atLineStart, scalar == "." || scalar == "'" { out += "\\&" }
            atLineStart = scalar == "\n"
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case _ where scalar.isASCII: out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return out
    }
}
