import Foundation
import Testing
@testable import PartsMap
import TestSupport

/// Rendering through Graphviz's `dot`: the real one for SVG/PNG/PDF, stand-ins (small shell
/// scripts on a private PATH) for a missing, failing, silent or chatty `dot`.
@Suite struct ExportRenderTests {
    /// A directory holding an executable `dot` with the given shell script body.
    func fakeDot(_ script: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partsmap-fake-dot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("dot")
        // Written through a close-on-exec descriptor: a process another test spawns meanwhile must not
        // inherit it open for writing, or running the script fails with "Text file busy".
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        let bytes = Array("#!/bin/sh\n\(script)\n".utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw POSIXError(.EIO) }
        return directory.path
    }

    func context(_ searchPath: String?) -> ExportContext {
        ExportContext(mapName: "Maya's map", date: "2026-11-21", searchPath: searchPath)
    }

    @Test(.requires("dot")) func rendersSVGPNGAndPDF() throws {
        let system = try ExportFixtures.richMap()
        let svg = try ExportFixtures.export(.svg, system)
        let text = String(decoding: svg.bytes, as: UTF8.self)
        #expect(text.hasPrefix("<?xml") && text.contains("<svg") && text.contains(">Maya&#39;s map</text>"))
        #expect(text.contains("xlink:title=\"Inner Critic protects Little One&#10;What are you protecting me from?"))
        #expect(svg.isText && svg.warnings.isEmpty)
        let png = try ExportFixtures.export(.png, system)
        #expect(Array(png.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(!png.isText)
        let pdf = try ExportFixtures.export(.pdf, system)
        #expect(String(decoding: pdf.bytes.prefix(5), as: UTF8.self) == "%PDF-")
    }

    @Test func missingDotSaysHowToInstallIt() throws {
        let system = try ExportFixtures.richMap()
        #expect(throws: ExportError.dotMissing) {
            try ExportFixtures.export(.svg, system, context: context("/nonexistent:/also/not/here"))
        }
        #expect(ExportError.dotMissing.description.contains(
            "Graphviz's dot was not found on PATH — install it with: sudo apt-get install graphviz"))
        // Formats that need no Graphviz still work.
        for format in [ExportFormat.dot, .mermaid, .json, .markdown] {
            #expect(try !ExportFixtures.export(format, system, context: context("/nonexistent")).bytes.isEmpty)
        }
    }

    @Test func dotsOwnErrorIsShown() throws {
        let path = try fakeDot("cat > /dev/null\necho 'Error: <stdin>: syntax error in line 3 near x' >&2\nexit 1")
        #expect(throws: ExportError.dotFailed(status: 1, stderr: "Error: <stdin>: syntax error in line 3 near x\n")) {
            try ExportFixtures.export(.png, try ExportFixtures.richMap(), context: context(path))
        }
        #expect(ExportError.dotFailed(status: 1, stderr: "Error: boom\n").description == "Graphviz's dot failed (exit status 1):\nError: boom")
    }

    @Test func emptyOutputIsAnErrorNotAnEmptyFile() throws {
        let path = try fakeDot("cat > /dev/null\necho 'nothing to say' >&2\nexit 0")
        #expect(throws: ExportError.dotEmptyOutput(stderr: "nothing to say\n")) {
            try ExportFixtures.export(.svg, try ExportFixtures.richMap(), context: context(path))
        }
    }

    @Test func aDotThatStopsReadingEarlyIsReportedNotFatal() throws {
        // Exits without reading its input: writing the rest must not kill us with SIGPIPE.
        let path = try fakeDot("echo 'gave up' >&2\nexit 2")
        var system = try ExportFixtures.richMap()
        try system.apply(.answer(name: "Inner Critic", question: .message, text: String(repeating: "long answer ", count: 200_000)), at: nil)
        #expect(throws: ExportError.dotFailed(status: 2, stderr: "gave up\n")) {
            try ExportFixtures.export(.svg, system, context: context(path))
        }
    }

    @Test func bigInputAndChattyStderrDoNotDeadlock() throws {
        // Says 300 KB on standard error before reading anything, then echoes its input: only
        // works if input, output and messages all flow at the same time.
        let path = try fakeDot("head -c 300000 /dev/zero | tr '\\0' w >&2\ncat")
        let input = Array(String(repeating: "0123456789abcdef", count: 200_000).utf8)
        let finished = try Graphviz.run(arguments: ["-Tsvg"], input: input, searchPath: path)
        #expect(finished.status == 0)
        #expect(finished.stdout == input)
        #expect(finished.stderr.count == 300_000)
        // Warnings from a dot that succeeded are passed on, not dropped.
        let rendered = try Graphviz.render("digraph { }", format: .svg, searchPath: try fakeDot("cat > /dev/null\necho 'Warning: careful' >&2\necho '<svg/>'"))
        #expect(rendered.warnings == ["Graphviz: Warning: careful"])
    }

    @Test func aRenderedExportStreamsExactlyTheDOTExportToDot() throws {
        // A `dot` that echoes what it reads: the SVG export's bytes are then the DOT it was fed, which
        // must be the DOT export byte for byte although it went in a piece at a time as it was written.
        var system = try ExportFixtures.richMap()
        for index in 0..<6_000 { try system.apply(.addPart(name: "Part \(index) <&\"'>", role: .manager), at: nil) }
        let echoing = try fakeDot("cat")
        let dot = try ExportFixtures.export(.dot, system, context: context(echoing)).bytes
        let fed = try ExportFixtures.export(.svg, system, context: context(echoing)).bytes
        #expect(dot.count > 4 * DotOutput.pieceSize)  // many pieces, not one
        #expect(fed == dot)
        // Pieces handed over one by one reach dot in order, joined.
        let rendered = try Graphviz.render(format: .svg, searchPath: echoing) { feed in
            for piece in ["digraph {", " a -> b ", "}"] {
                var piece = piece
                piece.withUTF8(feed)
            }
        }
        #expect(rendered.bytes == Array("digraph { a -> b }".utf8))
    }

    @Test(.requires("dot")) func markdownToAFileGetsItsDiagramBesideIt() throws {
        let output = try ExportFixtures.export(.markdown, try ExportFixtures.richMap(), file: "/tmp/notes/session 4.md")
        #expect(output.companions.count == 1)
        let companion = output.companions[0]
        #expect(companion.path == "/tmp/notes/session 4.svg" && companion.name == "session 4.svg")
        #expect(String(decoding: companion.bytes, as: UTF8.self).contains("<svg"))
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(text.contains("](session%204.svg)"))
        #expect(!text.contains("```mermaid"))
    }

    @Test func markdownWithoutGraphvizCarriesMermaidInstead() throws {
        let output = try ExportFixtures.export(.markdown, try ExportFixtures.richMap(), file: "handout.md", context: context("/nonexistent"))
        #expect(output.companions.isEmpty)
        #expect(String(decoding: output.bytes, as: UTF8.self).contains("```mermaid\nflowchart TB\n"))
        #expect(output.warnings.contains { $0.contains("sudo apt-get install graphviz") })
    }

    @Test func companionNames() {
        #expect(MarkdownWriter.companionPath(for: "handout.md") == ("handout.svg", "handout.svg"))
        #expect(MarkdownWriter.companionPath(for: "a/b/notes") == ("a/b/notes.svg", "notes.svg"))
        #expect(MarkdownWriter.companionPath(for: "x.svg") == ("x.svg.svg", "x.svg.svg"))
        #expect(MarkdownWriter.companionPath(for: ".hidden") == (".hidden.svg", ".hidden.svg"))
    }

    @Test(.requires("dot")) func theExampleRendersCleanly() throws {
        // The rich example, the pattern view and a role view: dot has nothing to say about any.
        for configure in [{ (_: inout ExportOptions) in }, { $0.pattern = "Hot and cold" }, { $0.role = .manager },
                          { $0.part = "Planner"; $0.depth = 2 }, { $0.showSelf = false; $0.legend = false }] as [(inout ExportOptions) -> Void] {
            var options = ExportOptions()
            configure(&options)
            let output = try ExportFixtures.export(.svg, try ExportFixtures.richMap(), options: options)
            #expect(output.warnings.isEmpty, "\(options)")
        }
    }
}
