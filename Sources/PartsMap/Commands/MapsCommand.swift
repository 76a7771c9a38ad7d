/// `maps`: the maps in the data directory, each with its last session.
enum MapsCommand: CommandVerb {
    static let help = CommandInfo(verb: "maps", group: "Maps", forms: ["maps"],
                                  summary: "the maps in the data directory, with their last session", example: "maps")
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .maps)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        return .showing(runner.maps())
    }
}

extension CommandRunner {
    /// `maps`: each map in the data directory with its last session — read without locking,
    /// so a map open in another partsmap is listed too.
    fileprivate func maps() -> String {
        guard let directory = mapDirectory else { return "No data directory is set, so there are no maps to list.\n" }
        let names = MapFiles.list(in: directory)
        var rows: [(name: String, about: String)] = []
        var openIsListed = false
        for file in names {
            let path = directory + "/" + file
            let about: String
            if MapFiles.sameFile(path, document.path) {
                openIsListed = true
                about = MapFiles.summary(of: system) + "   ← open now"
            } else {
                do {
                    let (other, _) = try MapDocument.open(path: path, access: .readOnly)
                    about = MapFiles.summary(of: other.system)
                    other.close()
                } catch MapFileError.passphraseNeeded {
                    about = "encrypted (`open` asks for its passphrase)"
                } catch {
                    about = "could not be read: " + ("\(error)".split(separator: "\n").first.map(String.init) ?? "")
                }
            }
            rows.append((EchoText.path(MapFiles.name(of: file)), about))  // a file name may hold anything
        }
        var out = rows.isEmpty ? "No maps in \(EchoText.path(directory)) yet.\n" : "Maps in \(EchoText.path(directory)):\n"
        let width = rows.map(\.name.count).max() ?? 0
        for row in rows { out += "  \(row.name.padding(to: width + 2))\(row.about)\n" }
        if !openIsListed { out += "Open now: \(EchoText.quoted(mapName)) (\(EchoText.path(document.path))), which is kept elsewhere.\n" }
        return out + "`open NAME` switches to one of these, or starts a new map under that name.\n"
    }
}
