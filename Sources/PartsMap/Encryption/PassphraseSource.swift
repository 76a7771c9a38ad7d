/// Where passphrases come from: the person at the terminal (asked without echo) or, for
/// scripts, a file named by `PARTSMAP_PASSPHRASE_FILE`. The library never reads a terminal;
/// the program gives it one of these.
public struct PassphraseSource {
    /// The passphrase that opens the map at `path`; `attempt` counts from 1 up to `attempts`.
    public var unlock: (_ path: String, _ attempt: Int) throws(PassphraseUnavailable) -> [UInt8]
    /// A new passphrase for the map at `path` (on a terminal: asked twice, the same both times).
    public var choose: (_ path: String) throws(PassphraseUnavailable) -> [UInt8]
    /// How many tries a wrong passphrase gets: a person may mistype, a file will not change.
    public var attempts: Int

    public init(attempts: Int,
                unlock: @escaping (_ path: String, _ attempt: Int) throws(PassphraseUnavailable) -> [UInt8],
                choose: @escaping (_ path: String) throws(PassphraseUnavailable) -> [UInt8]) {
        self.attempts = attempts
        self.unlock = unlock
        self.choose = choose
    }
}

/// No passphrase could be had: nobody to ask, the person stopped, or the file could not be read.
public struct PassphraseUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    /// Neither a terminal nor `PARTSMAP_PASSPHRASE_FILE`.
    public static let nowhereToAsk = PassphraseUnavailable(
        "there is no terminal to ask on; name a file holding the passphrase in PARTSMAP_PASSPHRASE_FILE")

    public var description: String { reason }
}
