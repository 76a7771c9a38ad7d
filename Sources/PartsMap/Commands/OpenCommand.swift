/// `open [--read-only] FILE|NAME`: switch to another map; the new one is opened before this one is closed.
enum OpenCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "open", group: "Maps",
        forms: ["open FILE", "open NAME", "open --read-only FILE|NAME",
                "NAME (no \"/\", no \".parts\"): a map in the data directory, as `maps` lists them; created if new"],
        summary: "switch to another map (this one is closed and its lock released)",
        example: "open client-b")
    static var completion: [Completer.Slot]? { [.map, .text] }
    static var yieldsToAliases: Bool { true }

    /// `open [--read-only] FILE`; FILE is the rest of the line, quotes optional.
    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        var readOnly = false
        if let flag = try parser.peek(&scanner), !flag.quoted, flag.text.lowercased() == "--read-only" {
            _ = try parser.next(&scanner)
            readOnly = true
        }
        let map = scanner.rest()
        guard !map.isEmpty else { throw .missing("the map to open (a file, or a name from `maps`)", usage: help.forms[0]) }
        return .open(map: map, readOnly: readOnly)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .open(let map, let readOnly) = command else { unexpected(command) }
        return .saying(try runner.open(map, readOnly: readOnly))
    }
}

extension CommandRunner {
    /// `open [--read-only] FILE|NAME`: the new map is opened first — only then is this one closed
    /// (its lock released) — so when the new one can't be opened nothing changes.
    fileprivate func open(_ target: String, readOnly: Bool) throws -> String {
        let path = MapFiles.path(for: target, in: mapDirectory)
        // The same map again is a no-op — except to take up for changes one open read-only.
        if MapFiles.sameFile(path, document.path), readOnly || !document.isReadOnly {
            let access = document.isReadOnly ? "read-only" : "for changes"
            return "\(EchoText.quoted(mapName)) is already open, \(access) (\(EchoText.path(document.path)))."
        }
        let isNew = JournalIO.status(ofPath: path) == nil
        let opened: (MapDocument, LoadReport)
        do {
            opened = try MapDocument.open(path: path, access: readOnly ? .readOnly : .readWrite, passphrases: passphrases)
        } catch {
            throw RunnerError.cannotOpen(path, reason: "\(error)", stayingOn: mapName)
        }
        let previous = mapName
        document.close()
        document = opened.0
        mapName = MapFiles.name(of: path)

        var lines: [String]
        if isNew {
            lines = ["Started a new, empty map \(EchoText.quoted(mapName)) (\(EchoText.path(path)))."]
            let others = mapDirectory.map { MapFiles.list(in: $0).map(MapFiles.name) } ?? []
            if others.contains(where: { $0 != mapName }) { lines.append("(To open one you already have instead, `maps` lists them.)") }
        } else {
            let how = [readOnly ? " read-only" : "", document.isEncrypted ? " (encrypted)" : ""].joined()
            lines = ["Opened \(EchoText.quoted(mapName))\(how) (\(EchoText.path(path))): \(MapFiles.summary(of: system))."]
        }
        lines += MapText.loadNotes(opened.1)
        lines.append("Closed \(EchoText.quoted(previous)).")
        return lines.joined(separator: "\n")
    }
}
