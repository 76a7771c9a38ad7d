/// `compare MAP [PATTERN] [--as NAME]`: another person's map beside this one — the same pattern from
/// both sides ("two stories, one relationship"). The other map is opened read-only: never locked,
/// never written, nothing of it copied into this one.
enum CompareCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "compare", group: "Relations and links",
        forms: ["compare MAP", "compare MAP PATTERN", "compare MAP PATTERN --as NAME",
                "MAP: a file, or a map's name from `maps`; --as: what the other map calls the pattern"],
        summary: "another person's map beside this one: each pattern you share, from both sides (read only)",
        example: "compare sam.parts \"Hot and cold\" --as \"Push and pull\"")
    static var completion: [Completer.Slot]? { [.map, .name(parts: false, patterns: true, until: ["--as"]), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms.prefix(3).joined(separator: " or ")
        guard let map = try parser.next(&scanner) else { throw .missing("the other MAP (a file, or a name from `maps`)", usage: usage) }
        var words: [String] = []
        var otherName: String?
        while let token = try parser.next(&scanner) {
            if !token.quoted, token.text.lowercased() == "--as" {
                guard otherName == nil, let name = try parser.names(&scanner) else {
                    throw .missing("the other map's name for the pattern after --as", usage: help.forms[2])
                }
                otherName = name
            } else {
                words.append(token.text)
            }
        }
        let pattern = words.isEmpty ? nil : words.joined(separator: " ")
        if otherName != nil, pattern == nil { throw .missing("the PATTERN (this map's name for it) before --as", usage: help.forms[2]) }
        return .compare(map: map.text, pattern: pattern, otherName: otherName)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .compare(let map, let pattern, let otherName) = command else { unexpected(command) }
        let (other, otherMapName) = try runner.openToCompare(map)
        let pairs = try CompareText.pairs(this: runner.system, other: other, pattern: pattern, otherName: otherName, otherMap: otherMapName)
        let width = runner.terminalColumns() ?? 80
        return .showing(EchoText.printable(CompareText.render(pairs, names: (runner.mapName, otherMapName), this: runner.system,
                                                              other: other, width: width)))
    }
}

extension CommandRunner {
    /// The other map for `compare` and `export --with`, replayed from a read-only open (no lock, nothing
    /// written; an encrypted one asks its passphrase) and closed again at once.
    func openToCompare(_ target: String) throws -> (system: InnerSystem, name: String) {
        let path = MapFiles.path(for: target, in: mapDirectory)
        if MapFiles.sameFile(path, document.path) { throw RunnerError.compareWithItself(mapName) }
        guard JournalIO.status(ofPath: path) != nil else { throw RunnerError.cannotCompare(path, reason: "there is no such file") }
        let opened: MapDocument
        do { opened = try MapDocument.open(path: path, access: .readOnly, passphrases: passphrases).0 } catch {
            throw RunnerError.cannotCompare(path, reason: "\(error)")
        }
        defer { opened.close() }
        return (opened.system, MapFiles.name(of: path))
    }
}
