import Crypto
import CryptoExtras
import FoundationEssentials

/// An encrypted map is the same journal, one record a line, with every line after the header
/// sealed on its own (ChaCha20-Poly1305), so the file stays append-only and a change is still
/// one write and one flush:
///
///     # partsmap map v2 sealed scrypt=16,8,1 salt=… check=… — encrypted; partsmap asks for the passphrase.
///     <base64 of nonce ‖ ciphertext ‖ tag>      ← "2026-11-21T22:40:31Z add manager "Inner Critic""
///
/// The key comes from the passphrase through scrypt with the header's salt and cost. `check`
/// is an empty message sealed under the key, so a wrong passphrase is told apart from a damaged
/// record before any record is read. Each record is sealed with its line number as associated
/// data: a record altered, moved or dropped from the middle does not open.
///
/// Plain maps are format v1; a sealed map says v2 so that an older partsmap refuses it as
/// "written by a newer partsmap" rather than reading base64 as damaged lines.
public final class MapSeal {
    public let cost: ScryptCost
    let salt: [UInt8]
    private let key: SymmetricKey

    private init(cost: ScryptCost, salt: [UInt8], key: SymmetricKey) {
        self.cost = cost
        self.salt = salt
        self.key = key
    }

    /// A shorter passphrase is refused: it would protect little.
    public static let minimumPassphraseBytes = 8

    /// A new key for `passphrase`, with a fresh random salt.
    public static func create(passphrase: [UInt8], cost: ScryptCost = .standard) throws(SealError) -> MapSeal {
        guard passphrase.count >= minimumPassphraseBytes else { throw .shortPassphrase }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return MapSeal(cost: cost, salt: salt, key: try derive(passphrase, salt: salt, cost: cost))
    }

    /// The key a sealed header asks for, or `.wrongPassphrase` when `passphrase` does not open it.
    public static func unlock(_ header: SealedHeader, passphrase: [UInt8]) throws(SealError) -> MapSeal {
        let seal = MapSeal(cost: header.cost, salt: header.salt,
                           key: try derive(passphrase, salt: header.salt, cost: header.cost))
        guard (try? seal.open(header.check, context: header.checkContext)) != nil else { throw .wrongPassphrase }
        return seal
    }

    /// The header line of a map sealed with this key.
    public var headerLine: String {
        let unchecked = SealedHeader.line(cost: cost, salt: salt, check: nil)
        let check = seal([], context: SealedHeader.checkContext(of: unchecked))
        return SealedHeader.line(cost: cost, salt: salt, check: check)
    }

    /// Line `number` (1-based, the header being line 1) of the map file, holding `plain`.
    public func seal(_ plain: String, line number: Int) -> String {
        Base64.encode(seal(Array(plain.utf8), context: Self.context(line: number)))
    }

    /// What line `number` of the map file holds, or nil when it does not open with this key
    /// at that place (altered, damaged, moved, or not sealed at all).
    public func open(_ sealed: String, line number: Int) -> String? {
        guard let bytes = Base64.decode(sealed), let plain = try? open(bytes, context: Self.context(line: number))
        else { return nil }
        return String(validating: plain, as: UTF8.self)
    }

    private func seal(_ message: [UInt8], context: [UInt8]) -> [UInt8] {
        // A random 96-bit nonce per record: far from a collision at any map's number of records.
        // Sealing with a valid key and a fresh nonce does not fail.
        let box = try! ChaChaPoly.seal(message, using: key, nonce: ChaChaPoly.Nonce(), authenticating: context)
        return Array(box.combined)
    }

    private func open(_ combined: [UInt8], context: [UInt8]) throws -> [UInt8] {
        Array(try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: combined), using: key, authenticating: context))
    }

    private static func context(line: Int) -> [UInt8] { Array("partsmap record \(line)".utf8) }

    private static func derive(_ passphrase: [UInt8], salt: [UInt8], cost: ScryptCost) throws(SealError) -> SymmetricKey {
        #if PARTSMAP_FUZZ
        let asked = KeyAsked(passphrase: passphrase, salt: salt, cost: [cost.log2N, cost.r, cost.p])
        if let key = derivedForFuzzing[asked] { return key }
        #endif
        let key: SymmetricKey
        do {
            // maxMemory is ignored by swift-crypto 4.5 (see `isReasonable`); kept for a version that honours it.
            key = try KDF.Scrypt.deriveKey(from: passphrase, salt: salt, outputByteCount: 32, rounds: 1 << cost.log2N,
                                           blockSize: cost.r, parallelism: cost.p, maxMemory: cost.memoryBytes + (1 << 20))
        } catch {
            throw .keyDerivationFailed("\(error)")
        }
        #if PARTSMAP_FUZZ
        if derivedForFuzzing.count >= 4096 { derivedForFuzzing.removeAll() }
        derivedForFuzzing[asked] = key
        #endif
        return key
    }

    #if PARTSMAP_FUZZ
    /// Only in Fuzz/build's library (-D PARTSMAP_FUZZ): the keys made so far, so that the fuzzer's sealed inputs
    /// cost one scrypt per passphrase, salt and cost instead of one each. partsmap itself keeps no key it
    /// is not using.
    nonisolated(unsafe) private static var derivedForFuzzing: [KeyAsked: SymmetricKey] = [:]
    private struct KeyAsked: Hashable {
        var passphrase: [UInt8], salt: [UInt8], cost: [Int]
    }
    #endif
}

/// scrypt's cost: N = 2^log2N rounds, block size r, parallelism p. Memory is 128·N·r bytes.
public struct ScryptCost: Equatable, Sendable {
    public var log2N: Int
    public var r: Int
    public var p: Int

    public init(log2N: Int, r: Int, p: Int) {
        self.log2N = log2N
        self.r = r
        self.p = p
    }

    /// N = 2^16, r = 8, p = 1: 64 MiB and about a fifth of a second here, once per opening.
    public static let standard = ScryptCost(log2N: 16, r: 8, p: 1)

    public var memoryBytes: Int { (128 << log2N) * r }

    /// Whether a file may ask for this much: a header asking for absurd work (gigabytes of
    /// memory, minutes of computing) is refused rather than obeyed, and so is one too weak to
    /// have come from partsmap. r stops at 16: swift-crypto ignores `maxMemory` and lets scrypt
    /// have 128·N·r·p bytes and a page, short of the 128·r·(N + p + 1) it needs when r > 16 and
    /// p = 1 — such a key cannot be made (found by fuzzing; partsmap writes r = 8).
    public var isReasonable: Bool {
        (10...20).contains(log2N) && (1...16).contains(r) && (1...16).contains(p)
            && memoryBytes <= 1 << 30 && (1 << log2N) * r * p <= 1 << 24
    }
}

/// Why a map could not be sealed or unsealed.
public enum SealError: Error, Equatable, Sendable, CustomStringConvertible {
    case shortPassphrase
    case wrongPassphrase
    case keyDerivationFailed(String)

    public var description: String {
        switch self {
        case .shortPassphrase: return "a passphrase needs at least \(MapSeal.minimumPassphraseBytes) characters to protect a map"
        case .wrongPassphrase: return "that passphrase does not open this map"
        case .keyDerivationFailed(let reason): return "the key could not be made from the passphrase (\(reason))"
        }
    }
}

/// The first line of a sealed map: what it takes to make the key, and the check that tells a
/// wrong passphrase apart.
public struct SealedHeader: Equatable, Sendable {
    public var cost: ScryptCost
    var salt: [UInt8]
    var check: [UInt8]
    /// What `check` was sealed with: the header up to it, so a changed cost or salt is noticed.
    var checkContext: [UInt8]

    static let prefix = "# partsmap map v2 sealed "
    private static let tail = " — encrypted; partsmap asks for the passphrase."

    /// Whether a map file's first bytes say it is sealed.
    public static func isSealed(_ firstBytes: some Sequence<UInt8>) -> Bool {
        firstBytes.starts(with: prefix.utf8)
    }

    static func line(cost: ScryptCost, salt: [UInt8], check: [UInt8]?) -> String {
        let start = prefix + "scrypt=\(cost.log2N),\(cost.r),\(cost.p) salt=\(Base64.encode(salt))"
        guard let check else { return start }
        return start + " check=\(Base64.encode(check))" + tail
    }

    static func checkContext(of unchecked: String) -> [UInt8] { Array(unchecked.utf8) }

    public enum Problem: Error, Equatable, Sendable {
        /// Not a sealed header at all, or one whose fields do not read.
        case unreadable
        /// It asks for more (or less) work than partsmap ever writes.
        case unreasonableCost(ScryptCost)
    }

    /// Reads a header line `prefix scrypt=L,R,P salt=B64 check=B64[ — …]`.
    public static func parse(_ line: String) -> Result<SealedHeader, Problem> {
        guard line.hasPrefix(prefix) else { return .failure(.unreadable) }
        let fields = line.dropFirst(prefix.count).split(separator: " ")
        guard fields.count >= 3, fields[0].hasPrefix("scrypt="), fields[1].hasPrefix("salt="), fields[2].hasPrefix("check=")
        else { return .failure(.unreadable) }
        let numbers = fields[0].dropFirst(7).split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, let log2N = numbers[0], let r = numbers[1], let p = numbers[2],
              let salt = Base64.decode(String(fields[1].dropFirst(5))), salt.count >= 16,
              let check = Base64.decode(String(fields[2].dropFirst(6)))
        else { return .failure(.unreadable) }
        let cost = ScryptCost(log2N: log2N, r: r, p: p)
        guard cost.isReasonable else { return .failure(.unreasonableCost(cost)) }
        let unchecked = prefix + fields[0] + " " + fields[1]
        return .success(SealedHeader(cost: cost, salt: salt, check: check, checkContext: checkContext(of: unchecked)))
    }
}

/// Standard base64 with padding, through FoundationEssentials.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func decode(_ text: String) -> [UInt8]? { Data(base64Encoded: text).map { Array($0) } }
}
