extension CommandRunner {
    /// `export FORMAT [FILE]`: to standard output, or written atomically (0600) to FILE with any
    /// companion file beside it.
    func export(_ request: ExportRequest) throws -> Reply {
        // Dated by the map's last session, so the same map always exports the same bytes
        // (an export `--at SESSION` is dated by that session instead).
        let last = system.sessions.last
        let date = (last?.ended ?? last?.started ?? Timestamp.now()).localDate
        let context = ExportContext(mapName: mapName, date: date)
        if request.file == nil, request.format == .png || request.format == .pdf {
            throw ExportError.needsFile(request.format)
        }
        let output = try makeExport(request, of: document.history, context: context)
        var reply = Reply()
        reply.message = output.warnings.map { "Note: \($0)" }.joined(separator: "\n")
        guard let file = request.file else {
            reply.output = String(decoding: output.bytes, as: UTF8.self)
            return reply
        }
        for companion in output.companions { try writeFileAtomically(companion.bytes, to: companion.path) }
        try writeFileAtomically(output.bytes, to: file)
        let written = ([file] + output.companions.map(\.path)).joined(separator: " and ")
        reply.message += (reply.message.isEmpty ? "" : "\n") + "Wrote \(written)."
        return reply
    }
}
