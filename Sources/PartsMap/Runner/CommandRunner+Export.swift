import Glibc

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
        var reply = Reply()
        // A warning of Graphviz's may quote a label, which is the person's text.
        func note(_ output: ExportOutput) { reply.message = output.warnings.map { "Note: \(EchoText.safe($0, limit: 400))" }.joined(separator: "\n") }
        guard let file = request.file else {
            // DOT goes out as it is written when there is somewhere to stream it.
            if request.format == .dot, let standardOutput {
                note(try makeExport(request, of: system, timeline: document.timeline, context: context, dotSink: standardOutput))
                return reply
            }
            let output = try makeExport(request, of: system, timeline: document.timeline, context: context)
            note(output)
            reply.output = String(decoding: output.bytes, as: UTF8.self)
            return reply
        }
        // Every file this export would write is checked before any of it is made: never a map, by any name.
        let openMap = document.identity
        let suggestion = suggestedFileName(for: request.format)
        try WriteDestination.check(file, sparing: openMap, suggestion: suggestion)
        if request.format == .markdown {
            try WriteDestination.check(MarkdownWriter.companionPath(for: file).path, sparing: openMap, suggestion: suggestion)
        }
        if request.format == .dot {
            // Written into the new file as it is made (a large map's DOT is hundreds of megabytes). A
            // reason the export can't be made is found before any of it is written; the new file is
            // then removed and the map's file, if any, left as it was.
            var writeFailure: JournalIO.Failure?
            var exportFailure: (any Error)?
            do {
                try writeFileAtomically(to: file, sparing: openMap) { fd throws(JournalIO.Failure) in
                    do {
                        note(try makeExport(request, of: system, timeline: document.timeline, context: context) { piece in
                            guard writeFailure == nil else { return }
                            do throws(JournalIO.Failure) { try JournalIO.writeAll(fd, UnsafeRawBufferPointer(piece)) } catch {
                                writeFailure = error
                            }
                        })
                    } catch {
                        exportFailure = error
                        throw JournalIO.Failure(code: ECANCELED)
                    }
                    if let writeFailure { throw writeFailure }
                }
            } catch {
                if let exportFailure { throw exportFailure }
                throw error
            }
            reply.message += (reply.message.isEmpty ? "" : "\n") + "Wrote \(EchoText.path(file))."
            return reply
        }
        let output = try makeExport(request, of: system, timeline: document.timeline, context: context)
        note(output)
        for companion in output.companions { try writeFileAtomically(companion.bytes, to: companion.path, sparing: openMap) }
        try writeFileAtomically(output.bytes, to: file, sparing: openMap)
        let written = ([file] + output.companions.map(\.path)).joined(separator: " and ")
        reply.message += (reply.message.isEmpty ? "" : "\n") + "Wrote \(EchoText.path(written))."
        return reply
    }

    /// A file name an export of this map in `format` could have, for a message that refuses another.
    private func suggestedFileName(for format: ExportFormat) -> String {
        mapName + "." + format.fileExtension
    }
}
