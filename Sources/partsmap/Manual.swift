import ArgumentParser
import FoundationEssentials
import PartsMap

/// partsmap's man page, made from its own definitions: the command line's options and help from
/// swift-argument-parser (its `--experimental-dump-help` description of the command), then the commands
/// inside partsmap and the map file from the library (`ManualPage`), then the environment partsmap
/// reads. `partsmap --generate-manual` prints it; `scripts/install` installs it. man(7) macros.
enum Manual {
    static func page() throws -> String {
        let tool = try JSONDecoder().decode(ToolInfo.self, from: Data(PartsMapCommand._dumpHelp().utf8)).command
        let name = tool.commandName
        let arguments = (tool.arguments ?? []).filter(\.shouldDisplay)
        var out = ".TH \(name.uppercased()) 1 \"\" \"\(name) \(ManualPage.text(PartsMapVersion.string))\" \"User Commands\"\n"
        out += ".nh\n.ad l\n"  // no hyphens inside paths and options, so lines are not stretched to the margin
        out += ManualPage.heading("NAME") + "\(name) \\- \(ManualPage.text(lowercasedFirst(tool.abstract ?? "")))\n"
        // Options first, then the FILE.
        let ordered = arguments.filter { $0.kind != "positional" } + arguments.filter { $0.kind == "positional" }
        out += ManualPage.heading("SYNOPSIS") + ".B \(name)\n" + ordered.map(synopsis).joined(separator: "\n") + "\n"
        out += ManualPage.heading("DESCRIPTION")
        for paragraph in (tool.discussion ?? "").split(separator: "\n\n") { out += ManualPage.paragraph(String(paragraph)) }
        out += ManualPage.heading("OPTIONS")
        for argument in arguments {
            out += ".TP\n\(label(argument))\n\(ManualPage.text(argument.abstract ?? ""))\n"
            if let more = argument.discussion, !more.isEmpty { out += ManualPage.paragraph(more) }
        }
        out += ManualPage.commandsSection()
        out += ManualPage.mapFileSection()
        out += ManualPage.heading("ENVIRONMENT")
        for (variable, meaning) in Paths.documented { out += ".TP\n.B \(variable)\n\(ManualPage.text(meaning))\n" }
        out += ManualPage.heading("SEE ALSO") + "\\fBless\\fR(1), \\fBdot\\fR(1), \\fBeditrc\\fR(5)\n"
        return out
    }

    /// `[\fB\-c\fR \fICOMMAND\fR]...`
    private static func synopsis(_ argument: ArgumentInfo) -> String {
        let shown = argument.kind == "positional" ? "\\fI\(ManualPage.text(argument.valueName ?? "value"))\\fR" : label(argument, preferred: true)
        return (argument.isOptional ? "[\(shown)]" : shown) + (argument.isRepeating ? "..." : "")
    }

    /// `\fB\-c\fR \fICOMMAND\fR`, or every name of a flag (`\fB\-h\fR, \fB\-\-help\fR`).
    private static func label(_ argument: ArgumentInfo, preferred: Bool = false) -> String {
        guard argument.kind != "positional" else { return "\\fI\(ManualPage.text(argument.valueName ?? "value"))\\fR" }
        var names = (argument.names ?? []).map { ($0.kind == "long" ? "--" : "-") + $0.name }
        if preferred, let first = names.first(where: { $0.hasPrefix("--") }) ?? names.first { names = [first] }
        let value = argument.kind == "option" ? " \\fI\(ManualPage.text(argument.valueName ?? "value"))\\fR" : ""
        return names.map { "\\fB\(ManualPage.text($0))\\fR\(value)" }.joined(separator: ", ")
    }

    private static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }

    // What the manual reads of swift-argument-parser's description of the command (ToolInfoV0).
    struct ToolInfo: Decodable { var command: CommandInfo }
    struct CommandInfo: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var arguments: [ArgumentInfo]?
    }
    struct ArgumentInfo: Decodable {
        var kind: String
        var shouldDisplay: Bool
        var isOptional: Bool
        var isRepeating: Bool
        var names: [NameInfo]?
        var valueName: String?
        var abstract: String?
        var discussion: String?
    }
    struct NameInfo: Decodable {
        var kind: String
        var name: String
    }
}
