import LineEditing
import PartsMap

/// Opening a map, and what to tell the person about it.
enum Opening {
    /// Opens the map; when another partsmap holds it and a person is at the keyboard, offers to
    /// open it read-only. Reports failures itself; nil means partsmap should exit with status 1.
    static func open(path: String, readOnly: Bool, ask editor: LineEditor?,
                     passphrases: PassphraseSource?) -> (MapDocument, LoadReport)? {
        do {
            return try MapDocument.open(path: path, access: readOnly ? .readOnly : .readWrite, passphrases: passphrases)
        } catch MapFileError.file(.lockedByAnotherProgram(let lockedPath, let holder)) where editor != nil {
            Output.error("\(JournalError.lockedByAnotherProgram(path: lockedPath, holder: holder))")
            guard case .line(let answer) = editor!.readLine(prompt: "Open it read-only instead? [y/N] "),
                  answer.lowercased().hasPrefix("y")
            else { return nil }
            return open(path: path, readOnly: true, ask: nil, passphrases: passphrases)
        } catch {
            Output.error("partsmap: \(error)")
            return nil
        }
    }

    static func tell(_ report: LoadReport) {
        for note in MapText.loadNotes(report) { Output.error(note) }
    }

    static func welcome(runner: CommandRunner, path: String) -> String {
        let system = runner.system
        let readOnly = runner.document.isReadOnly ? " (read-only)" : ""
        let encrypted = runner.document.isEncrypted ? " (encrypted)" : ""
        return """
            partsmap \(PartsMapVersion.string) — map \(EchoText.quoted(runner.mapName))\(readOnly)\(encrypted): \(Wording.count(system.parts.count, "part")), \(Wording.count(system.patterns.count, "pattern")) (\(path))
            Type `help` for the commands; Tab completes. A notebook, not therapy — `help` says where to turn in a crisis.
            """
    }
}
