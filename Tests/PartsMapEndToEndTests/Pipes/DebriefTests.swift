import Foundation
import Testing
import TestSupport

/// `debrief` and `rupture` through the built binary: a piped conversation, the journal's lines, the
/// card, `show --incident`, exports, encryption and bad input.
@Suite struct DebriefTests {
    static let setup = ["add manager Pursuer", "add firefighter The One Who Leaves", "add pattern Hot and cold with Sam",
                        "add pattern Waiting for Dad with Dad"]

    @Test func aDebriefAndARupturePipedIn() throws {
        let box = try Sandbox()
        let r = try box.run([box.map], input: (Self.setup + [
            "debrief Hot and cold the Sunday call",
            "It started well and ended in silence.",   // highlight
            "Sam said \"later\".", "Pursuer", "I asked again, louder.", "wait; say I felt scared",  // moment 1
            "She went quiet.", "The One Who Leaves", "I left the room.", "",                      // moment 2
            "",                                          // no moment 3
            "Say I'm scared before I go cold.",          // next time
            "rupture Hot and cold the forgotten plan",
            "She forgot our plan.", "dropped", "No. I went cold.", "", "Waiting for Dad",
            "show Hot and cold", "show Hot and cold --incident 1", "show",
        ]).joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        for question in ["Give a brief highlight of how it went.", "What happened first?", "What happened next?",
                         "Which part of you was active?", "What did you do?", "What else could you have done — what were your options?",
                         "Looking back, what would you like to try next time?", "What happened between you?", "What did you feel?",
                         "Did you say it? What was that like — or what held you back?", "What helped repair it — or what might?",
                         "Does this echo another relationship?", "Moment 1", "Moment 2", "Moment 3"] {
            #expect(r.stderr.contains(question), "\(question)")
        }
        #expect(r.stdout.contains("    2  \(Self.today)  rupture \"the forgotten plan\" — open — the repair is still to come"), "\(r.stdout)")
        #expect(r.stdout.contains("    1  \(Self.today)  debrief \"the Sunday call\" — 2 moments; next time: \"Say I'm scared before I go cold.\""))
        #expect(r.stdout.contains("Echoes: Waiting for Dad"))
        #expect(r.stdout.contains("Hot and cold — debrief 1: the Sunday call"))
        #expect(r.stdout.contains("\"The One Who Leaves (firefighter)\""))
        #expect(r.stdout.contains("— open: rupture 2"))
        let journal = String(decoding: try box.mapBytes(), as: UTF8.self)
        for line in [" debrief \"Hot and cold\" 1 title the Sunday call\n", " debrief \"Hot and cold\" 1 moment 1 part Pursuer\n",
                     " link \"Pursuer\" to \"Hot and cold\"\n", " rupture \"Hot and cold\" 2 echo Waiting for Dad\n",
                     " relate \"Hot and cold\" echoes \"Waiting for Dad\"\n"] {
            #expect(journal.contains(line), "\(line)")
        }
        // The map replays to the same cards, and undo takes back the last answer.
        let again = try box.run([box.map, "-c", "show Hot and cold --incident 2"])
        #expect(again.stdout.contains("\"She forgot our plan.\""))
        let undo = try box.run([box.map, "-c", "undo", "-c", "undo"])
        #expect(undo.stderr.contains("Undone: Kept the answer (echo) in rupture 2 of \"Hot and cold\"."), "\(undo.stderr)")
        let changes = try box.run([box.map, "-c", "changes"])
        #expect(changes.stdout.contains("\"Hot and cold\" — debrief 1, moment 1 did: \"I asked again, louder.\""), "\(changes.stdout)")
        let timeline = try box.run([box.map, "-c", "timeline"])
        #expect(timeline.stdout.contains("new debrief 1"), "\(timeline.stdout)")
    }

    static var today: String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    @Test func aScriptKeepsAnswersWithoutTheConversationAndARuptureContinues() throws {
        let box = try Sandbox()
        let r = try box.run([box.map], input: (Self.setup + [
            "rupture Hot and cold 1 happened she forgot", "rupture \"Hot and cold\" 1 felt dropped",
            "rupture Hot and cold", "continue", "it was hard to say", "we talked", "",
        ]).joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Rupture 1 is still open: its repair is still to come."))
        let json = try box.run([box.map, "-c", "export json"])
        let map = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let incidents = (map["patterns"] as! [[String: Any]])[0]["incidents"] as! [[String: Any]]
        #expect(incidents.count == 1)
        #expect(incidents[0]["answers"] as? [String: String] == ["happened": "she forgot", "felt": "dropped", "said": "it was hard to say", "repair": "we talked"])
        #expect(incidents[0]["open"] as? Bool == false)
    }

    @Test(.requires("dot")) func oneIncidentDrawsThroughTheRealDot() throws {
        let box = try Sandbox()
        try box.run([box.map], input: (Self.setup + [
            "debrief \"Hot and cold\" 1 moment 1 happened Sam said \"later\" — node [label=x] \\",
            "debrief \"Hot and cold\" 1 moment 1 part The One Who Leaves", "debrief \"Hot and cold\" 1 moment 1 options ask when",
            "debrief \"Hot and cold\" 1 next say it",
        ]).joined(separator: "\n") + "\n")
        let svg = try box.run([box.map, "-c", "export svg --incident 'Hot and cold:1'"])
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(svg.stdout.contains("<svg") && svg.stdout.contains("Next time") && svg.stdout.contains("The One Who Leaves"))
        let latest = try box.run([box.map, "-c", "export dot --incident 'hot and cold'"])
        #expect(latest.stdout.contains("m1_part -> m1"))
        let none = try box.run([box.map, "-c", "export dot --incident 'Waiting for Dad'"])
        #expect(none.status == 1 && none.stderr.contains("has no debrief or rupture yet"))
    }

    @Test func encryptionAndDecryptionKeepEveryIncident() throws {
        let box = try Sandbox()
        try box.run([box.map], input: (Self.setup + ["debrief \"Hot and cold\" 1 highlight it went quietly",
                                                     "debrief \"Hot and cold\" 1 moment 1 part Pursuer",
                                                     "rupture \"Hot and cold\" 2 felt dropped"]).joined(separator: "\n") + "\n")
        let plain = try box.run([box.map, "-c", "show Hot and cold"]).stdout
        let path = box.dir.appendingPathComponent("pass").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("a passphrase long enough\n".utf8), attributes: [.posixPermissions: 0o600])
        let env = ["PARTSMAP_PASSPHRASE_FILE": path]
        let sealed = try box.run(["--encrypt", box.map], environment: env, launcher: EncryptionEndToEndTests.detached)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        #expect(!String(decoding: try box.mapBytes(), as: UTF8.self).contains("quietly"))
        let added = try box.run([box.map, "-c", "debrief \"Hot and cold\" 1 next say so", "-c", "show Hot and cold"],
                                environment: env, launcher: EncryptionEndToEndTests.detached)
        #expect(added.stdout.contains("next time: \"say so\""), "\(added.stderr)")
        let opened = try box.run([box.map, "-c", "decrypt"], environment: env, launcher: EncryptionEndToEndTests.detached)
        #expect(opened.status == 0, "\(opened.stderr)")
        let after = try box.run([box.map, "-c", "undo", "-c", "show Hot and cold"]).stdout
        #expect(after == plain)
    }

    func expectRefused(_ line: String, saying words: String) throws {
        let box = try Sandbox()
        try box.run([box.map], input: (Self.setup + ["debrief \"Hot and cold\" 1 highlight fine"]).joined(separator: "\n") + "\n")
        let before = try box.mapBytes()
        let r = try box.run([box.map], input: line + "\n")
        #expect(r.status != 0, "\(line) should fail")
        #expect(r.stderr.contains(words), "\(line): \(r.stderr)")
        #expect(try box.mapBytes() == before, "\(line) changed the map")
    }

    @Test func unknownPattern() throws { try expectRefused("debrief Hot and colt", saying: "no part or pattern named \"Hot and colt\" — did you mean \"Hot and cold\"?") }
    @Test func aPartIsNotAPattern() throws { try expectRefused("rupture Pursuer", saying: "\"Pursuer\" is a part, not a pattern") }
    @Test func theOtherKind() throws { try expectRefused("rupture Hot and cold 1 felt x", saying: "incident 1 of \"Hot and cold\" is a debrief") }
    @Test func aNumberTooFar() throws { try expectRefused("debrief Hot and cold 5 next x", saying: "there is no incident 5 (2 begins a new one)") }
    @Test func showANumberTooFar() throws { try expectRefused("show Hot and cold --incident 4", saying: "there is no incident 4") }
}
