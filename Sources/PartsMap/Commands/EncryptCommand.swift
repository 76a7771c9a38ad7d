/// `encrypt`: the map sealed with a passphrase (or an encrypted one given a new passphrase), rewritten atomically.
enum EncryptCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "encrypt", group: "Maps",
        forms: ["encrypt", "asks a passphrase twice, without showing it (or reads PARTSMAP_PASSPHRASE_FILE)",
                "on an encrypted map: gives it a new passphrase",
                "`partsmap --encrypt FILE` does the same from the command line"],
        summary: "encrypt this map: every change is sealed before it is saved; opening asks the passphrase",
        example: "encrypt")
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        try nothingMore(&scanner, parser, then: .encrypt)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        return .saying(try runner.encrypt())
    }
}

extension CommandRunner {
    /// `encrypt`: a new passphrase, then the map rewritten sealed with it (atomically).
    fileprivate func encrypt() throws -> String {
        guard !document.isReadOnly else { throw MapFileError.readOnly(path: document.path) }
        let wasEncrypted = document.isEncrypted
        guard let passphrases else { throw RunnerError.notEncrypted(PassphraseUnavailable.nowhereToAsk.reason) }
        let passphrase: [UInt8]
        do { passphrase = try passphrases.choose(document.path) } catch { throw RunnerError.notEncrypted(error.reason) }
        let seal: MapSeal
        do { seal = try MapSeal.create(passphrase: passphrase) } catch { throw RunnerError.notEncrypted(error.description) }
        try document.encrypt(with: seal)
        if wasEncrypted {
            return "\(EchoText.quoted(mapName)) has a new passphrase; the old one no longer opens it."
        }
        return """
            \(EchoText.quoted(mapName)) is now encrypted (\(EchoText.path(document.path))): every change is sealed before it is saved, \
            and opening it asks for the passphrase. Nobody can recover a forgotten passphrase — keep it somewhere safe. \
            Lines typed from now on are not kept in history. (`decrypt` turns it back into plain text.)
            """
    }
}
