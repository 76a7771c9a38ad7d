/// `decrypt`: an encrypted map rewritten as plain text, atomically.
enum DecryptCommand: CommandVerb {
    static let help = CommandInfo(verb: "decrypt", group: "Maps", forms: ["decrypt"],
                                  summary: "turn an encrypted map back into plain text, readable in any editor", example: "decrypt")
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .decrypt)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        return .saying(try runner.decrypt())
    }
}

extension CommandRunner {
    /// `decrypt`: the map rewritten as plain text (atomically).
    fileprivate func decrypt() throws -> String {
        guard document.isEncrypted else { return "\(EchoText.quoted(mapName)) is not encrypted; nothing to do." }
        try document.decrypt()
        return "\(EchoText.quoted(mapName)) is plain text again (\(EchoText.path(document.path))); anyone who can read the file can read the map."
    }
}
