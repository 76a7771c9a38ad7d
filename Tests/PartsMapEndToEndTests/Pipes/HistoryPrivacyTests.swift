import Foundation
import Testing
import TestSupport

/// `history off|on|clear`, `--no-history` and `PARTSMAP_HISTORY=off`: what is typed while history
/// is off never reaches the history file nor comes back with Up; `history` never touches the map.
@Suite(.serialized) struct HistoryPrivacyTests {
    typealias Tmux = TerminalTests.Tmux

    static func historyFile(_ box: Sandbox) -> String { box.dir.appendingPathComponent("state/partsmap/history").path }

    /// The lines kept in the history file, as typed (libedit writes a space as `\040`); nil: no file.
    static func kept(_ box: Sandbox) -> [String]? {
        guard let text = try? String(contentsOfFile: historyFile(box), encoding: .utf8) else { return nil }
        return text.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: "\\040", with: " ") }
    }

    func enter(_ t: Tmux, _ line: String, thenSee reply: String) throws {
        try t.type(line)
        try t.press("Enter")
        try t.waitFor(reply)
    }

    @Test(.requires("tmux")) func whatIsTypedWhileHistoryIsOffIsNeverKept() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try enter(t, "add manager Kept Before", thenSee: "Added manager \"Kept Before\".")
        try enter(t, "history off", thenSee: "History is off: nothing you type from now on is kept")
        try enter(t, "add exile Typed While Off", thenSee: "Added exile \"Typed While Off\".")
        try enter(t, "history", thenSee: "`history on` keeps lines again.")
        #expect(Self.kept(box) == ["add manager Kept Before"])
        try enter(t, "history on", thenSee: "History is on: the lines you type are kept for Up, in \(Self.historyFile(box))")
        try enter(t, "add manager Kept After", thenSee: "Added manager \"Kept After\".")
        #expect(Self.kept(box) == ["add manager Kept Before", "add manager Kept After"])
        #expect(try box.mode(Self.historyFile(box)) == 0o600)
        #expect(try t.quitWithCtrlD() == "0")

        // After a restart, Up goes from the line typed after `history on` straight to the one before `history off`.
        t.stop()
        let again = Tmux(box: box)
        defer { again.stop() }
        try again.start()
        try again.press("Up")
        try again.waitFor("map> add manager Kept After")
        try again.press("Up")
        try again.waitFor("map> add manager Kept Before")
        try again.press("C-u")
        #expect(try again.quitWithCtrlD() == "0")
        #expect(try box.run([box.map, "-c", "list"]).stdout == "Kept Before\nTyped While Off\nKept After\n")
    }

    @Test(.requires("tmux")) func clearForgetsTheSavedHistory() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try enter(t, "add manager Something Private", thenSee: "Added manager")
        try enter(t, "history clear", thenSee: "Forgot the saved history: \(Self.historyFile(box)) is empty now")
        #expect(Self.kept(box) == [])
        #expect(try box.mode(Self.historyFile(box)) == 0o600)
        try t.press("Up")  // nothing to bring back: the line stays empty
        try enter(t, "list", thenSee: "Something Private\nmap> ")
        #expect(Self.kept(box) == ["list"])
        #expect(try t.quitWithCtrlD() == "0")
        #expect(try box.files(in: box.dir.appendingPathComponent("state/partsmap").path) == ["history"])
    }

    @Test(.requires("tmux")) func tabCompletesTheHistoryWords() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("hist")
        try t.press("Tab")
        try t.waitFor("map> history ")
        try t.type("c")
        try t.press("Tab")
        try t.waitFor("map> history clear ")
        try t.press("C-u")
        #expect(try t.quitWithCtrlD() == "0")
    }

    @Test(.requires("tmux")) func noHistoryFlagStartsWithHistoryOff() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start(["--no-history"])
        try enter(t, "add manager Not Kept", thenSee: "Added manager \"Not Kept\".")
        try enter(t, "history", thenSee: "History is off: nothing you type now is kept.")
        #expect(Self.kept(box) == nil)
        try enter(t, "history on", thenSee: "History is on")
        try enter(t, "list", thenSee: "Not Kept\nmap> ")
        #expect(Self.kept(box) == ["list"])
        #expect(try t.quitWithCtrlD() == "0")
    }

    @Test(.requires("tmux")) func historyOffInTheEnvironmentStartsWithHistoryOff() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let t = Tmux(box: box)
        defer { t.stop() }
        try t.start(environment: ["PARTSMAP_HISTORY": "off"])
        try enter(t, "add manager Not Kept", thenSee: "Added manager \"Not Kept\".")
        // "off" is a switch, not a file name: nothing named "off" appears, and `history` names the usual file.
        try enter(t, "history", thenSee: "What was kept before stays in \(Self.historyFile(box)) until `history clear`;")
        #expect(!FileManager.default.fileExists(atPath: box.dir.appendingPathComponent("off").path))
        #expect(Self.kept(box) == nil)
        #expect(try t.quitWithCtrlD() == "0")
    }

    // MARK: - From a pipe, where history is never kept

    @Test func fromAPipeHistorySaysItIsNotKept() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager Critic")
        let before = try box.mapBytes()
        for (line, says) in [("history", "History is not kept here"),
                             ("history off", "so there is nothing to turn off"),
                             ("history on", "so `history on` changes nothing here"),
                             ("HISTORY Off", "so there is nothing to turn off")] {
            let result = try box.run([box.map], input: line + "\n")
            #expect(result.status == 0, "\(line): \(result.stderr)")
            #expect(result.stdout == "", "\(line)")  // messages go to standard error
            #expect(result.stderr.contains(says), "\(line): \(result.stderr)")
            #expect(result.stderr.contains("At the keyboard, the lines you type are kept in \(Self.historyFile(box))."))
        }
        let off = try box.run([box.map, "--no-history", "-c", "history"])
        #expect(off.stderr.contains("kept in \(Self.historyFile(box)) once `history on` is given."), "\(off.stderr)")
        #expect(try box.mapBytes() == before)  // not a change: nothing written to the map
        #expect(Self.kept(box) == nil)
    }

    @Test func fromAPipeClearEmptiesTheFileEvenOnAReadOnlyMap() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        try box.script("add manager Critic")
        let before = try box.mapBytes()
        let file = Self.historyFile(box)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "_HiStOrY_V2_\nset\\040Critic\\040fear\\040being\\040seen\n".write(toFile: file, atomically: false, encoding: .utf8)
        let result = try box.run([box.map, "--read-only", "-c", "history clear"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "Forgot the saved history: \(file) is empty now.\n")
        #expect(Self.kept(box) == [])
        #expect(try box.mode(file) == 0o600)
        #expect(try box.mapBytes() == before)
    }

    @Test func clearLeavesAFileThatIsNotAHistoryAlone() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let notes = box.dir.appendingPathComponent("notes.txt").path
        try "my own notes\n".write(toFile: notes, atomically: false, encoding: .utf8)
        let result = try box.run([box.map, "-c", "history clear"], environment: ["PARTSMAP_HISTORY": notes])
        #expect(result.status == 1)
        #expect(result.stderr.contains("could not forget the saved history: \(notes) is not a libedit history file; left it as it is"),
                "\(result.stderr)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my own notes\n")
    }

    @Test func aMistypedHistoryWordSaysWhatWouldWork() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let result = try box.run([box.map], input: "history of\n")
        #expect(result.status == 1)
        #expect(result.stderr == "partsmap: line 1: \"of\" is not off, on or clear — did you mean \"off\"? (history [off|on|clear])\n")
    }

    /// `history` became a verb: a part already called History is still related in the natural form.
    @Test func aPartNamedHistoryStillReadsNaturally() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        let result = try box.script("add manager History", "add exile Little One", "History protects Little One", "show History")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Protects: Little One"), "\(result.stdout)")
    }
}
