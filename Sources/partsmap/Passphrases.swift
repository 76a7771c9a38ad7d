import Glibc
import LineEditing
import PartsMap

/// Where passphrases come from: `PARTSMAP_PASSPHRASE_FILE` when it is set (scripts), else the
/// terminal, asked without echo — even when commands come from a pipe.
enum Passphrases {
    /// nil: neither a file nor a terminal, so an encrypted map cannot be opened.
    static func source() -> PassphraseSource? {
        if let file = Paths.environment("PARTSMAP_PASSPHRASE_FILE") {
            return PassphraseSource(attempts: 1,
                                    unlock: { _, _ throws(PassphraseUnavailable) in try read(file) },
                                    choose: { _ throws(PassphraseUnavailable) in try read(file) })
        }
        guard SecretReader.hasTerminal else { return nil }
        return PassphraseSource(attempts: 3, unlock: { path, attempt throws(PassphraseUnavailable) in
            if attempt > 1 { SecretReader.say("That passphrase does not open it. Try again (Ctrl-C stops).\n") }
            return try ask("Passphrase for \(MapFiles.name(of: path)): ")
        }, choose: { path throws(PassphraseUnavailable) in
            for _ in 1...3 {
                let first = try ask("New passphrase for \(MapFiles.name(of: path)) (not shown): ")
                if first.count < MapSeal.minimumPassphraseBytes {
                    SecretReader.say("That is shorter than \(MapSeal.minimumPassphraseBytes) characters; a longer one, a few words perhaps.\n")
                    continue
                }
                if try ask("The same again, to be sure: ") == first { return first }
                SecretReader.say("The two were not the same. Once more.\n")
            }
            throw PassphraseUnavailable("no passphrase was settled on")
        })
    }

    private static func ask(_ prompt: String) throws(PassphraseUnavailable) -> [UInt8] {
        switch SecretReader.ask(prompt) {
        case .secret(let bytes): return bytes
        case .cancelled: throw PassphraseUnavailable("stopped at the passphrase prompt")
        case .noTerminal: throw .nowhereToAsk
        }
    }

    /// The file's content without one line ending. A file others may read is used, with a warning.
    private static func read(_ path: String) throws(PassphraseUnavailable) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw PassphraseUnavailable("cannot read PARTSMAP_PASSPHRASE_FILE (\(EchoText.path(path))): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & 0o077 != 0 {
            Output.error("partsmap: warning: \(EchoText.path(path)) (PARTSMAP_PASSPHRASE_FILE) can be read by others; `chmod 600 \(EchoText.path(path))` keeps it yours")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 65_536 {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            bytes += buffer[..<got]
        }
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { throw PassphraseUnavailable("PARTSMAP_PASSPHRASE_FILE (\(EchoText.path(path))) is empty") }
        return bytes
    }
}
