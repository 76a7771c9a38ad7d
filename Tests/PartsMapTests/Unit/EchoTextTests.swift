import Testing
@testable import PartsMap

/// What a message repeats from input cannot act on the terminal, and a long echo is cut, saying how much.
@Suite struct EchoTextTests {
    @Test func ordinaryNamesReadAsTyped() {
        for name in ["Inner Critic", "The \"Too Much\" Girl", "Mom's Girl", "back\\slash", "Kleine 🧒🏽", "שלום", "مرحبا",
                     "e\u{301}té", "Pleaser 😶‍🌫️", "👩‍👧 and a zero\u{200B}width space", "", "{ } ; [label=x] <b> &amp; %s"] {
            #expect(EchoText.safe(name) == name)
            #expect(EchoText.quoted(name) == "\"\(name)\"")
        }
    }

    @Test func c0ControlsAndDeleteAreEscaped() {
        #expect(EchoText.safe("a\u{1B}]0;retitled\u{7}b") == "a\\x1b]0;retitled\\x07b")
        #expect(EchoText.safe("\u{0}\u{1}\u{1F}\u{7F}") == "\\x00\\x01\\x1f\\x7f")
        #expect(EchoText.safe("one\ntwo\tthree\r\nfour\r") == "one\\ntwo\\tthree\\r\\nfour\\r")
        #expect(EchoText.quoted("A\u{1B}[31m") == "\"A\\x1b[31m\"")
    }

    @Test func c1ControlsAndSeparatorsAreEscaped() {
        #expect(EchoText.safe("\u{80}\u{85}\u{9B}2J\u{9F}") == "\\u{80}\\u{85}\\u{9B}2J\\u{9F}")
        #expect(EchoText.safe("a\u{2028}b\u{2029}c") == "a\\u{2028}b\\u{2029}c")
    }

    @Test func bidiControlsAreEscaped() {
        let controls: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        for value in controls {
            let scalar = Unicode.Scalar(value)!
            #expect(EchoText.safe("txt\(Character(scalar)).exe") == "txt\\u{\(String(value, radix: 16, uppercase: true))}.exe")
        }
        // Right-to-left letters themselves stay: only the invisible reordering is shown.
        #expect(EchoText.safe("\u{202E}שלום") == "\\u{202E}שלום")
    }

    /// Invalid UTF-8 reaches a message only as a String, where reading it made each bad byte U+FFFD.
    @Test func invalidUTF8ArrivesRepairedAndStaysValid() {
        let line = String(decoding: [0x61, 0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x1B, 0x62] as [UInt8], as: UTF8.self)
        let shown = EchoText.safe(line)
        #expect(shown.hasPrefix("a\u{FFFD}") && shown.hasSuffix("\\x1bb"))
        #expect(String(validating: Array(shown.utf8), as: UTF8.self) == shown)
    }

    @Test func aLongEchoIsCutAndSaysHowMuchWasLeftOff() {
        let long = String(repeating: "ab", count: 1_000_000)
        #expect(EchoText.safe(long) == String(repeating: "ab", count: 40) + "… (1999920 more characters)")
        #expect(EchoText.quoted(long) == "\"" + String(repeating: "ab", count: 40) + "…\" (1999920 more characters)")
        #expect(EchoText.safe(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
        #expect(EchoText.safe(String(repeating: "x", count: 81)) == String(repeating: "x", count: 80) + "… (1 more character)")
        // Escapes count as they print, so many controls cannot make a long line either.
        let escapes = EchoText.safe(String(repeating: "\u{1B}", count: 100))
        #expect(escapes == String(repeating: "\\x1b", count: 20) + "… (80 more characters)")
        // A path is shown longer before it is cut.
        let path = "/" + String(repeating: "folder/", count: 30) + "map.parts"
        #expect(EchoText.path(path) == path)
    }

    @Test func messagesQuoteWhatCameFromInputSafely() {
        #expect(ParseError.unknownCommand("\u{1B}[2J", suggestion: nil).description == "unknown command \"\\x1b[2J\" (`help` lists the commands)")
        #expect(MapError.noSuchName("A\u{202E}", suggestion: "A").description.hasPrefix("no part or pattern named \"A\\u{202E}\" — did you mean \"A\"?"))
        #expect(JournalError.cannotOpen(path: "/tmp/\u{1B}]0;x\u{7}", reason: "No such file or directory").description
            == "cannot open /tmp/\\x1b]0;x\\x07: No such file or directory")
        let damaged = MapFileError.damagedLine(path: "m.parts", line: 3, reason: "r", text: "frob \u{1B}[31m" + String(repeating: "z", count: 200))
        #expect(damaged.description.contains("\n  frob \\x1b[31m" + String(repeating: "z", count: 67) + "… (133 more characters)\n"))
        #expect(MapText.describe(.addPart(name: "Inner Critic", role: .manager)) == "Added manager \"Inner Critic\".")
    }

    @Test func aViewKeepsItsLayoutAndRightToLeftTextAndEscapesTheRest() {
        #expect(EchoText.printable("Inner Critic — manager\n  Job:\tkeeps me safe\n") == "Inner Critic — manager\n  Job:\tkeeps me safe\n")
        #expect(EchoText.printable("\u{200F}שלום \u{1B}[2J\u{9B}x\u{202E}y") == "\u{200F}שלום \\x1b[2J\\u{9B}x\\u{202E}y")
    }
}
