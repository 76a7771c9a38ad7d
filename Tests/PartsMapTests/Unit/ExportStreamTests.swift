import Testing
@testable import PartsMap

/// A DOT export handed out a piece at a time (to standard output, or into the new file) is the
/// same bytes as the export made whole.
@Suite struct ExportStreamTests {
    /// A map whose DOT takes several pieces, with its past (for `--since`).
    static func largeMap() throws -> EditHistory {
        var history = EditHistory(keepingEntries: true)
        func record(_ change: Change) throws { try history.record(.change(change), at: Timestamp(secondsSinceEpoch: 1_790_000_000)) }
        try record(.addPattern(name: "Pursue and withdraw", with: "Sam"))
        for i in 1...1000 {
            try record(.addPart(name: "Part \(i) “quoted\\”", role: i % 3 == 0 ? .exile : .manager))
            try record(.answer(name: "Part \(i) “quoted\\”", question: .job, text: String(repeating: "keeps watch, \"always\" \\ ", count: 12)))
            try record(.answer(name: "Part \(i) “quoted\\”", question: .message, text: "line one\nline two — \(i)"))
            if i > 1, i % 3 != 1 {
                try record(.relate(from: "Part \(i - 1) “quoted\\”", kind: .protects, to: "Part \(i) “quoted\\”", reason: "so it won't hurt \(i)"))
            }
            if i % 2 == 0 { try record(.link(part: "Part \(i) “quoted\\”", pattern: "Pursue and withdraw")) }
        }
        return history
    }

    @Test func piecesMakeTheWholeExport() throws {
        let history = try Self.largeMap()
        let context = ExportContext(mapName: "large", date: "2026-11-21")
        for options in [ExportOptions(), { var o = ExportOptions(); o.since = "1"; return o }()] {
            let request = ExportRequest(format: .dot, options: options)
            let whole = try makeExport(request, of: history.system, timeline: { MapTimeline(history) }, context: context)
            var pieces: [Int] = []
            var streamed: [UInt8] = []
            let output = try makeExport(request, of: history.system, timeline: { MapTimeline(history) }, context: context) { piece in
                pieces.append(piece.count)
                streamed.append(contentsOf: piece)
            }
            #expect(whole.bytes.count > 2 * DotOutput.pieceSize)
            #expect(pieces.count > 2)
            #expect(output.bytes.isEmpty && output.warnings == whole.warnings)
            #expect(streamed == whole.bytes)
        }
    }
}
