import Foundation
import Testing
import TestSupport

/// Where Debian's bash-completion keeps its loader.
private let bashCompletion = "/usr/share/bash-completion/bash_completion"

/// scripts/install and scripts/uninstall, as a person runs them: the built partsmap installed into a
/// temporary PREFIX, found there on PATH, its man page read through MANPATH, its bash completion loaded
/// by bash-completion from the folder it looks in, and all of it removed again — exactly it.
@Suite(.requires("man"), .requires("groff"), .requires("bash"),
       .requires("bash-completion", if: FileManager.default.fileExists(atPath: bashCompletion)))
struct InstallTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func installPutsAWorkingPartsmapWithItsPageAndCompletionsUnderThePrefixAndUninstallTakesThemAway() throws {
        let box = try Sandbox()
        defer { try? FileManager.default.removeItem(at: box.dir) }
        // The default PREFIX, ~/.local. (bash-completion 2.11 cannot load from a home with a space in its
        // name; a PREFIX with one is installed and uninstalled below.)
        let home = box.dir.appendingPathComponent("home").path
        let prefix = home + "/.local"
        // Something of the person's own already under PREFIX stays through both.
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try "#!/bin/sh\n".write(toFile: prefix + "/bin/their-own-tool", atomically: true, encoding: .utf8)
        let before = try everything(under: prefix)

        // The tests' own build is installed: a release build inside `swift test` would wait on its lock.
        let installed = try box.run("/bin/bash", [Self.checkout.appendingPathComponent("scripts/install").path,
                                                 "--prefix", prefix, "--binary", Sandbox.binary])
        #expect(installed.status == 0, "\(installed.stderr)")
        let expected = ["bin/partsmap", "share/man/man1/partsmap.1", "share/bash-completion/completions/partsmap",
                        "share/zsh/site-functions/_partsmap", "share/fish/vendor_completions.d/partsmap.fish",
                        "lib/partsmap/install-manifest"]
        for file in expected { #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "installed \(file)") }

        let path = prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let version = try box.run("/usr/bin/env", ["partsmap", "--version"], adding: ["PATH": path])
        #expect(version.status == 0 && version.stdout.hasPrefix("partsmap "))

        // man finds the page through MANPATH and renders it without a warning; it documents the commands
        // inside partsmap and the map file, from partsmap's own table.
        let manual = try box.run("/usr/bin/env", ["man", "--warnings", "partsmap"],
                                 adding: ["MANPATH": prefix + "/share/man", "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"])
        #expect(manual.status == 0)
        #expect(manual.stderr.isEmpty, "man warns:\n\(manual.stderr)")
        for heading in ["SYNOPSIS", "OPTIONS", "--read-only", "COMMANDS", "Sessions and time", "pager [off|on]",
                        "THE MAP FILE", "add manager \"Inner Critic\"", "ENVIRONMENT", "PARTSMAP_PAGER", "NO_COLOR"] {
            #expect(manual.stdout.contains(heading), "the page has \(heading)")
        }
        let groff = try box.run("/usr/bin/env", ["groff", "-ww", "-z", "-man", prefix + "/share/man/man1/partsmap.1"])
        #expect(groff.status == 0 && groff.stderr.isEmpty, "groff warns:\n\(groff.stderr)")

        // An interactive bash with bash-completion finds the completion by itself (in
        // ~/.local/share/bash-completion/completions, with XDG_DATA_HOME unset) and completes an option.
        let complete = """
            source \(bashCompletion)
            _completion_loader partsmap
            COMP_LINE='partsmap --he'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(partsmap --he); COMP_CWORD=1
            function=$(complete -p partsmap | sed -E 's/.*-F ([^ ]+).*/\\1/')
            "$function" partsmap --he partsmap
            printf 'offered: %s\\n' "${COMPREPLY[@]}"
            """
        let bash = try box.run("/usr/bin/env", ["-u", "XDG_DATA_HOME", "/bin/bash", "--norc", "--noprofile", "-i", "-c", complete],
                               adding: ["PATH": path, "HOME": home])
        #expect(bash.stdout.contains("offered: --help"), "bash offered:\n\(bash.stdout)\n\(bash.stderr)")

        let removed = try box.run("/bin/bash", [Self.checkout.appendingPathComponent("scripts/uninstall").path, "--prefix", prefix])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try everything(under: prefix) == before, "uninstall leaves PREFIX as it found it")
        let again = try box.run("/bin/bash", [Self.checkout.appendingPathComponent("scripts/uninstall").path, "--prefix", prefix])
        #expect(again.status == 1 && again.stderr.contains("nothing to remove"))

        let spaced = box.dir.appendingPathComponent("prefix with space").path
        let into = try box.run("/bin/bash", [Self.checkout.appendingPathComponent("scripts/install").path, "--prefix", spaced,
                                            "--binary", Sandbox.binary])
        #expect(into.status == 0 && FileManager.default.isExecutableFile(atPath: spaced + "/bin/partsmap"), "\(into.stderr)")
        #expect(try box.run("/bin/bash", [Self.checkout.appendingPathComponent("scripts/uninstall").path, "--prefix", spaced]).status == 0)
        #expect(try everything(under: spaced).isEmpty)
    }

    /// Every file and folder under `folder`, relative to it.
    func everything(under folder: String) throws -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }
}
