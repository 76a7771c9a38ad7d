extension CommandRunner {
    /// `encrypt`: a new passphrase, then the map rewritten sealed with it (atomically).
    func encrypt() throws -> String {
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

    /// `decrypt`: the map rewritten as plain text (atomically).
    func decrypt() throws -> String {
        guard document.isEncrypted else { return "\(EchoText.quoted(mapName)) is not encrypted; nothing to do." }
        try document.decrypt()
        return "\(EchoText.quoted(mapName)) is plain text again (\(EchoText.path(document.path))); anyone who can read the file can read the map."
    }
}
