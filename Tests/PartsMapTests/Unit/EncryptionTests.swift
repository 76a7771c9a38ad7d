import Foundation
import Glibc
import Testing

@testable import PartsMap

/// Encryption at rest: a sealed map round-trips through the journal — appends, a torn tail, a
/// wrong passphrase, an altered record — and no plain text of it reaches the disk.
@Suite struct EncryptionTests {
    /// Cheap enough for tests; the header carries it, so opening uses the same.
    static let cheap = ScryptCost(log2N: 10, r: 8, p: 1)
    static let passphrase = Array("correct horse battery".utf8)

    static func source(_ passphrase: [UInt8] = passphrase, attempts: Int = 1, asked: Box? = nil) -> PassphraseSource {
        PassphraseSource(attempts: attempts, unlock: { _, _ in
            asked?.count += 1
            return passphrase
        }, choose: { _ in passphrase })
    }

    final class Box { var count = 0 }

    /// Changes whose words must never be found in the sealed file.
    static let firstChanges: [Change] = [
        .sessionStart(title: "first look"),
        .addPart(name: "Inner Critic", role: .manager),
        .addPart(name: "Little One", role: .exile),
        .relate(from: "Inner Critic", kind: .protects, to: "Little One", reason: "being laughed at"),
        .answer(name: "Inner Critic", question: .protecting, text: "feeling like I don't belong"),
    ]
    static let laterChanges: [Change] = [
        .addPart(name: "Numbing", role: .firefighter),
        .setField(name: "Numbing", field: .part(.fear), text: "that the sadness never ends"),
    ]
    static let secretWords = ["Inner Critic", "Little One", "laughed", "belong", "Numbing", "sadness", "first look"]

    /// A plain map with `firstChanges`, then encrypted, then `laterChanges` appended sealed.
    func sealedMap(in scratch: Scratch) throws -> (path: String, expected: InnerSystem) {
        let path = scratch.path("client.parts")
        let (document, _) = try MapDocument.open(path: path, access: .readWrite)
        for change in Self.firstChanges { try document.perform(.change(change)) }
        try document.encrypt(with: MapSeal.create(passphrase: Self.passphrase, cost: Self.cheap))
        #expect(document.isEncrypted)
        for change in Self.laterChanges { try document.perform(.change(change)) }
        try document.perform(.undo)
        try document.perform(.redo)
        let expected = document.system
        document.close()
        return (path, expected)
    }

    @Test func aSealedMapReopensAsItWasAndHoldsNoPlainText() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, expected) = try sealedMap(in: scratch)

        let text = String(decoding: try contents(path), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + Self.firstChanges.count + Self.laterChanges.count + 2)
        #expect(lines[0].hasPrefix("# partsmap map v2 sealed scrypt=10,8,1 salt="))
        for word in Self.secretWords + ["2026", "add ", "manager"] { #expect(!text.contains(word), "found \(word)") }
        #expect(mode(path) == 0o600)

        let (reopened, report) = try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        defer { reopened.close() }
        #expect(reopened.isEncrypted)
        #expect(json(reopened.system) == json(expected))
        #expect(report.records == Self.firstChanges.count + Self.laterChanges.count + 2)
        // Undo works across the reopening, as in a plain map.
        let runner = CommandRunner(document: reopened, mapName: "client")
        #expect(try runner.run("show Numbing").output.contains("sadness"))
        try reopened.perform(.undo)
        #expect(try !runner.run("show Numbing").output.contains("sadness"))
    }

    @Test func aWrongPassphraseIsToldAndChangesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, _) = try sealedMap(in: scratch)
        let before = try contents(path)
        let asked = Box()

        #expect(throws: MapFileError.wrongPassphrase(path: path)) {
            try MapDocument.open(path: path, access: .readWrite,
                                 passphrases: Self.source(Array("not the passphrase".utf8), attempts: 3, asked: asked))
        }
        #expect(asked.count == 3)  // every try asked again
        #expect(try contents(path) == before)
        #expect("\(MapFileError.wrongPassphrase(path: path))".contains("does not open"))
        // And the lock was let go: the right passphrase opens it now.
        let (document, _) = try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        document.close()
    }

    @Test func withoutAPassphraseAnEncryptedMapSaysWhatItNeeds() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, _) = try sealedMap(in: scratch)
        for access in [JournalAccess.readWrite, .readOnly] {
            do {
                _ = try MapDocument.open(path: path, access: access)
                Issue.record("opened without a passphrase")
            } catch {
                guard case .passphraseNeeded = error else { Issue.record("\(error)"); continue }
                #expect("\(error)".contains("PARTSMAP_PASSPHRASE_FILE"))
            }
        }
    }

    @Test func aTornLastRecordIsSetAsideAndAppendingGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, expected) = try sealedMap(in: scratch)
        let whole = try contents(path)
        let torn = Array("xT9a+bQ".utf8)  // the start of a record cut off by a power loss
        try append(torn, to: path)

        let (document, report) = try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        #expect(json(document.system) == json(expected))
        let side = try #require(report.tornTailSetAside)
        #expect(try contents(side) == torn)
        #expect(try contents(path) == whole)
        try document.perform(.change(.addPart(name: "After the tear", role: .unknown)))
        document.close()

        let (again, _) = try MapDocument.open(path: path, access: .readOnly, passphrases: Self.source())
        defer { again.close() }
        #expect(again.system.entity(named: "After the tear") != nil)
    }

    enum Tampering: String, CaseIterable {
        case flippedByte, swappedRecords, droppedRecord, plainLineAdded, recordFromAnotherMap
    }

    @Test(arguments: Tampering.allCases)
    func anAlteredRecordIsDetectedAndNothingIsWritten(tampering: Tampering) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, _) = try sealedMap(in: scratch)
        var lines = String(decoding: try contents(path), as: UTF8.self).split(separator: "\n").map(String.init)
        let expectedLine: Int
        switch tampering {
        case .flippedByte:
            var record = Array(lines[3].utf8)
            record[20] = record[20] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            lines[3] = String(decoding: record, as: UTF8.self)
            expectedLine = 4
        case .swappedRecords:
            lines.swapAt(2, 3)
            expectedLine = 3
        case .droppedRecord:
            lines.remove(at: 2)
            expectedLine = 3
        case .plainLineAdded:
            lines.append("2026-11-21T22:40:31Z add manager Intruder")
            expectedLine = lines.count
        case .recordFromAnotherMap:
            let other = try MapSeal.create(passphrase: Self.passphrase, cost: Self.cheap)
            lines[4] = other.seal("2026-11-21T22:40:31Z add manager Intruder", line: 5)
            expectedLine = 5
        }
        let damaged = Array(lines.map { $0 + "\n" }.joined().utf8)
        try replace(path, with: damaged)

        #expect(throws: MapFileError.alteredRecord(path: path, line: expectedLine)) {
            try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        }
        #expect(try contents(path) == damaged)
    }

    @Test func aHeaderAskingForAbsurdWorkIsRefusedBeforeAnyWork() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, _) = try sealedMap(in: scratch)
        let text = String(decoding: try contents(path), as: UTF8.self)
        for (cost, problem) in [("30,8,1", SealedHeader.Problem.unreasonableCost(ScryptCost(log2N: 30, r: 8, p: 1))),
                                ("16,8,4000", .unreasonableCost(ScryptCost(log2N: 16, r: 8, p: 4000))),
                                // Found by fuzzing: scrypt cannot run with r > 16 and p = 1 here (see isReasonable).
                                ("10,17,1", .unreasonableCost(ScryptCost(log2N: 10, r: 17, p: 1))),
                                ("ten,8,1", .unreadable)] {
            try replace(path, with: Array(text.replacingOccurrences(of: "scrypt=10,8,1", with: "scrypt=" + cost).utf8))
            let asked = Box()
            #expect(throws: MapFileError.sealedHeader(path: path, problem: problem)) {
                try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source(asked: asked))
            }
            #expect(asked.count == 0)  // refused before asking anyone for anything
        }
        // A cost changed within bounds makes another key: the check says so, as a wrong passphrase.
        try replace(path, with: Array(text.replacingOccurrences(of: "scrypt=10,8,1", with: "scrypt=11,8,1").utf8))
        #expect(throws: MapFileError.wrongPassphrase(path: path)) {
            try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        }
    }

    /// A header the cost check lets through must make a key: one that cannot passed as "needs its passphrase".
    @Test func everyReasonableCostAtItsEdgesMakesAKey() throws {
        for (log2N, r, p) in [(10, 16, 1), (10, 1, 16), (10, 16, 16), (12, 16, 1), (10, 1, 1)] {
            let cost = ScryptCost(log2N: log2N, r: r, p: p)
            #expect(cost.isReasonable)
            #expect(throws: Never.self, "scrypt=\(log2N),\(r),\(p)") { try MapSeal.create(passphrase: Self.passphrase, cost: cost) }
        }
    }

    @Test func decryptGivesBackThePlainJournalAndANewPassphraseReplacesTheOld() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, expected) = try sealedMap(in: scratch)

        let newPassphrase = Array("a different, longer passphrase".utf8)
        let (document, _) = try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        try document.encrypt(with: MapSeal.create(passphrase: newPassphrase, cost: Self.cheap))
        document.close()
        #expect(throws: MapFileError.wrongPassphrase(path: path)) {
            try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        }

        let (rekeyed, _) = try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source(newPassphrase))
        #expect(json(rekeyed.system) == json(expected))
        try rekeyed.decrypt()
        #expect(!rekeyed.isEncrypted)
        try rekeyed.perform(.change(.addPart(name: "Plain again", role: .unknown)))
        rekeyed.close()

        let text = String(decoding: try contents(path), as: UTF8.self)
        #expect(text.hasPrefix(JournalFormat.header + "\n"))
        #expect(text.contains("add manager \"Inner Critic\""))
        #expect(text.hasSuffix("add part \"Plain again\"\n"))
        #expect(mode(path) == 0o600)
        let (plain, _) = try MapDocument.open(path: path, access: .readOnly)
        defer { plain.close() }
        #expect(plain.system.entity(named: "Plain again") != nil)
        #expect(plain.system.parts.count == expected.parts.count + 1)
    }

    @Test func aSealedChangeThatCannotBeSavedIsRolledBack() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (path, expected) = try sealedMap(in: scratch)
        let before = try contents(path)
        let (document, _) = try MapDocument.open(path: path, access: .readWrite, passphrases: Self.source())
        defer { document.close() }
        document.injectFault(.sync(errno: EIO))
        #expect(throws: MapFileError.self) { try document.perform(.change(.addPart(name: "Lost", role: .unknown))) }
        #expect(json(document.system) == json(expected))
        #expect(try contents(path) == before)
    }

    @Test func tooShortAPassphraseIsRefused() {
        #expect(throws: SealError.shortPassphrase) { try MapSeal.create(passphrase: Array("short".utf8), cost: Self.cheap) }
    }

    @Test func sealedRecordsOpenOnlyAtTheirOwnLine() throws {
        let seal = try MapSeal.create(passphrase: Self.passphrase, cost: Self.cheap)
        let line = "2026-11-21T22:40:31Z ask \"Inner Critic\" protecting 👩‍👧 — אני לבד"
        let sealed = seal.seal(line, line: 7)
        #expect(seal.open(sealed, line: 7) == line)
        #expect(seal.open(sealed, line: 8) == nil)
        #expect(seal.seal(line, line: 7) != sealed)  // a fresh nonce each time
        #expect(!sealed.contains("\n"))
        // The header's check holds the key apart from any other.
        guard case .success(let header) = SealedHeader.parse(seal.headerLine) else {
            Issue.record("the header does not read back")
            return
        }
        #expect(header.cost == Self.cheap)
        #expect(throws: SealError.wrongPassphrase) { try MapSeal.unlock(header, passphrase: Array("not it at all".utf8)) }
        #expect(try MapSeal.unlock(header, passphrase: Self.passphrase).open(sealed, line: 7) == line)
    }
}

/// The whole map in words: two maps are the same when their JSON is.
private func json(_ system: InnerSystem) -> String { JSONWriter.document(system) }

private func append(_ bytes: [UInt8], to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: bytes)
}

private func replace(_ path: String, with bytes: [UInt8]) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    defer { try? handle.close() }
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: bytes)
}
