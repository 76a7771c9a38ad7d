import Foundation
import Testing
import TestSupport

/// Encryption at rest through the built program: `--encrypt`, scripts with
/// `PARTSMAP_PASSPHRASE_FILE`, no passphrase, a wrong one, `decrypt`, and a person typing the
/// passphrase at a terminal without it being shown.
@Suite struct EncryptionEndToEndTests {
    static let secretWords = ["Inner Critic", "laughed at", "Little One", "belong"]
    /// In a session of its own: no controlling terminal to ask a passphrase on.
    static let detached = ["/usr/bin/setsid", "--wait"]

    /// A passphrase file, 0600, and the environment that names it.
    func passphraseFile(_ box: Sandbox, _ text: String = "a passphrase long enough\n", name: String = "pass") throws -> [String: String] {
        let path = box.dir.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return ["PARTSMAP_PASSPHRASE_FILE": path]
    }

    /// Every file under the sandbox but the passphrase files, searched for the map's words.
    func plainTextFound(in box: Sandbox) throws -> [String] {
        var found: [String] = []
        let files = FileManager.default.enumerator(atPath: box.dir.path)!
        while let file = files.nextObject() as? String {
            let path = box.dir.appendingPathComponent(file).path
            guard !file.hasPrefix("pass"), let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            found += Self.secretWords.filter { text.contains($0) }.map { "\(file): \($0)" }
        }
        return found
    }

    /// The history file as typed: libedit writes a space as `\040`.
    func history(_ box: Sandbox) throws -> String {
        try String(contentsOfFile: box.dir.appendingPathComponent("state/partsmap/history").path, encoding: .utf8)
            .replacingOccurrences(of: "\\040", with: " ")
    }

    @Test func encryptThenEveryRunNeedsThePassphraseAndDecryptUndoesIt() throws {
        let box = try Sandbox()
        let pass = try passphraseFile(box)
        try box.script("add manager Inner Critic", "ask Inner Critic protecting being laughed at")

        let encrypted = try box.run(["--encrypt", box.map], environment: pass, launcher: Self.detached)
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        #expect(encrypted.stderr.contains("is now encrypted"))
        let sealed = String(decoding: try box.mapBytes(), as: UTF8.self)
        #expect(sealed.hasPrefix("# partsmap map v2 sealed scrypt=16,8,1 salt="))
        #expect(try box.mode(box.map) == 0o600)

        // Changes append sealed; nothing readable reaches the folder.
        let added = try box.run([box.map, "-c", "add exile Little One", "-c", "relate Inner Critic protects Little One because I don't belong"],
                                environment: pass, launcher: Self.detached)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try plainTextFound(in: box) == [])

        // Without the passphrase: a clear refusal, and the file as it was.
        let before = try box.mapBytes()
        let refused = try box.run([box.map, "-c", "show"], environment: [:], launcher: Self.detached)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is encrypted and needs its passphrase"))
        #expect(refused.stderr.contains("PARTSMAP_PASSPHRASE_FILE"))
        let wrongFile = try passphraseFile(box, "not the passphrase\n", name: "pass-wrong")
        let wrong = try box.run([box.map, "-c", "show"], environment: wrongFile, launcher: Self.detached)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("that passphrase does not open"))
        #expect(try box.mapBytes() == before)

        let shown = try box.run([box.map, "-c", "list"], environment: pass, launcher: Self.detached)
        #expect(shown.stdout == "Inner Critic\nLittle One\n")
        // The view of an encrypted map is plain HTML, private and said to be so.
        let viewed = try box.run([box.map, "-c", "view"], environment: pass, launcher: Self.detached)
        #expect(viewed.stderr.contains("The page itself is not encrypted"), "\(viewed.stderr)")
        #expect(try box.mode(box.dir.appendingPathComponent("state/partsmap/views/map.html").path) == 0o600)
        // Reading only: `--read-only` asks for the passphrase just the same.
        #expect(try box.run(["--read-only", box.map, "-c", "list"], environment: pass, launcher: Self.detached).stdout == shown.stdout)

        // `--encrypt` on an encrypted map says so and changes nothing.
        let again = try box.run(["--encrypt", box.map, "-c", "list"], environment: pass, launcher: Self.detached)
        #expect(again.status == 0)
        #expect(again.stderr.contains("already encrypted"))
        #expect(try box.mapBytes() == before)

        let decrypted = try box.run([box.map, "-c", "decrypt"], environment: pass, launcher: Self.detached)
        #expect(decrypted.status == 0, "\(decrypted.stderr)")
        #expect(decrypted.stderr.contains("plain text again"))
        let plain = String(decoding: try box.mapBytes(), as: UTF8.self)
        #expect(plain.hasPrefix("# partsmap map v1"))
        #expect(plain.contains("add exile \"Little One\""))
        #expect(try box.run([box.map, "-c", "list"], environment: [:], launcher: Self.detached).stdout == shown.stdout)
    }

    @Test func withoutAWayToGiveOneEncryptIsRefusedAndTheMapStaysPlain() throws {
        let box = try Sandbox()
        try box.script("add manager Inner Critic")
        let before = try box.mapBytes()

        let noTerminal = try box.run(["--encrypt", box.map], environment: [:], launcher: Self.detached)
        #expect(noTerminal.status == 1)
        #expect(noTerminal.stderr.contains("not encrypted: there is no terminal"))
        let short = try box.run([box.map, "-c", "encrypt"], environment: try passphraseFile(box, "short\n"), launcher: Self.detached)
        #expect(short.status == 1)
        #expect(short.stderr.contains("a passphrase needs at least 8 characters"))
        let missing = try box.run([box.map, "-c", "encrypt"], environment: ["PARTSMAP_PASSPHRASE_FILE": box.dir.path + "/nowhere"],
                                  launcher: Self.detached)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read PARTSMAP_PASSPHRASE_FILE"))
        #expect(try box.mapBytes() == before)
    }

    @Test func mapsListsAnEncryptedMapWithoutAskingForIt() throws {
        let box = try Sandbox()
        let pass = try passphraseFile(box)
        let shelf = box.dir.appendingPathComponent("data/partsmap")
        let secret = try box.run(["--encrypt", shelf.appendingPathComponent("client-a.parts").path, "-c", "add manager Inner Critic"],
                                 environment: pass, launcher: Self.detached)
        #expect(secret.status == 0, "\(secret.stderr)")
        let listed = try box.run([shelf.appendingPathComponent("client-b.parts").path, "-c", "maps"], environment: [:],
                                 launcher: Self.detached)
        #expect(listed.stdout.contains("client-a  encrypted (`open` asks for its passphrase)"), "\(listed.stdout)")
        #expect(try plainTextFound(in: box) == [])
    }

    /// `--encrypt` killed at random moments — while making the key, while rewriting the map,
    /// after — leaves the plain map exactly as it was or the whole encrypted one, never a mix.
    @Test func aKillDuringEncryptionLeavesThePlainMapOrTheEncryptedOne() throws {
        let kills = max(6, crashKills(reduced: 12) / 4)
        var rng = SeededGenerator.replayable()
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let pass = try passphraseFile(box)
        // Large enough that rewriting it takes a while, so kills land inside the rewrite too.
        let script = (0..<2000).map { "add manager \"Inner Critic \($0)\"\nask \"Inner Critic \($0)\" protecting being laughed at" }
        try box.run([box.map], input: script.joined(separator: "\n") + "\n")
        let plain = try box.bytes(box.map)
        let listing = try box.run([box.map, "-c", "list"]).stdout

        // How long one whole run takes, to spread the kills over it.
        let started = ContinuousClock.now
        #expect(try box.run(["--encrypt", box.map], environment: pass, launcher: Self.detached).status == 0)
        let whole = ContinuousClock.now - started
        let sealed = try box.bytes(box.map)
        var found = (plain: 0, sealed: 0)
        for kill in 0..<kills {
            try Data(plain).write(to: URL(fileURLWithPath: box.map))
            let child = Process()
            child.executableURL = URL(fileURLWithPath: Sandbox.binary)
            child.arguments = ["--encrypt", box.map]
            child.environment = box.environment.merging(pass) { $1 }
            child.standardError = FileHandle.nullDevice
            child.standardInput = FileHandle.nullDevice
            try child.run()
            if kill % 2 == 1 {
                // Aim at the rewrite itself: kill as soon as its temporary file shows.
                let deadline = ContinuousClock.now + whole * 3
                while ContinuousClock.now < deadline,
                      (try? box.files())?.contains(where: { $0.hasPrefix(".map.parts.compact-") }) != true {}
            } else {
                let seconds = Double(whole.components.seconds) + Double(whole.components.attoseconds) / 1e18
                usleep(UInt32(Double.random(in: 0.2...1.2, using: &rng) * seconds * 1e6))
            }
            Foundation.kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()

            let now = try box.bytes(box.map)
            if now == plain {
                found.plain += 1
                continue
            }
            #expect(now.starts(with: Array("# partsmap map v2 sealed ".utf8)) && now.count > sealed.count / 2,
                    "kill \(kill): the map is neither the plain one nor an encrypted one (\(now.count) bytes)")
            let opened = try box.run([box.map, "-c", "list"], environment: pass, launcher: Self.detached)
            #expect(opened.stdout == listing, "kill \(kill): \(opened.stderr)")
            found.sealed += 1
        }
        print("encryption kills: \(kills) (a whole run: \(whole)); the plain map \(found.plain) times, the encrypted one \(found.sealed) times, never a mix")
    }

    @Test(.requires("tmux")) func aPersonTypesThePassphraseAndNeverSeesIt() throws {
        let box = try Sandbox()
        let t = TerminalTests.Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("add manager Inner Critic")
        try t.press("Enter")
        try t.type("encrypt")
        try t.press("Enter")
        try t.waitFor("New passphrase for map (not shown): ")
        try t.type("my own words here")
        try t.press("Enter")
        try t.waitFor("The same again, to be sure: ")
        try t.type("my own words here")
        try t.press("Enter")
        try t.waitFor("is now encrypted")
        #expect(!(try t.screen().contains("my own words")))
        try t.type("add exile Little One")
        try t.press("Enter")
        try t.waitFor("Added exile \"Little One\".")
        #expect(try t.quitWithCtrlD() == "0")
        // Only the line typed while the map was still plain is in history.
        #expect(try plainTextFound(in: box) == [])
        #expect(try history(box).contains("add manager Inner Critic"))
        #expect(try !history(box).contains("Little"))

        // Opening asks; a wrong passphrase may be typed again.
        t.stop()
        let again = TerminalTests.Tmux(box: box)
        defer { again.stop() }
        try again.start(waitingFor: nil)
        try again.waitFor("Passphrase for map: ")
        try again.type("not my words")
        try again.press("Enter")
        try again.waitFor("That passphrase does not open it. Try again")
        try again.type("my own words here")
        try again.press("Enter")
        try again.waitFor("map> ")
        #expect(try again.screen().contains("(encrypted)"))
        try again.type("list")
        try again.press("Enter")
        try again.waitFor("Little One\nmap> ")
        #expect(!(try again.screen().contains("my own words")))
        try again.type("history on")
        try again.press("Enter")
        try again.waitFor("History is off while an encrypted map is open")
        #expect(try again.quitWithCtrlD() == "0")
        #expect(try plainTextFound(in: box) == [])
        #expect(try !history(box).contains("Little"))
    }
}
