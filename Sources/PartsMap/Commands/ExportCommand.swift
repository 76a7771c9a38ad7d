import Glibc

/// `export FORMAT [options] [FILE]`: the map as a diagram, data or a handout — to standard output, or
/// written atomically (0600) to FILE with any companion file beside it, never over a map.
enum ExportCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "export", group: "Looking",
        forms: ["export dot|svg|png|pdf|mermaid|json|markdown|html [FILE]",
                "options: --pattern NAME, --part NAME [--depth N], --role ROLE, --no-legend, --no-self, --no-activation",
                "export chart FILE [--days N]: activation and Self-energy over time (FILE .svg, .png or .pdf)",
                "--at SESSION: the map as it was at the end of that session",
                "--since SESSION: mark what is new since the end of that session",
                "no FILE: write to standard output (svg, png and pdf need a FILE)"],
        summary: "write the map as a diagram, data or a handout", example: "export svg --since 2 map.svg")
    static var completion: [Completer.Slot]? { [.words(ExportFormat.allCases.map(\.rawValue))] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms[0]
        guard let formatToken = try parser.next(&scanner) else { throw .missing("a format", usage: usage) }
        guard let format = ExportFormat(rawValue: formatToken.text.lowercased()) else {
            throw .unknownWord(formatToken.text, expected: "a format",
                               suggestion: nearestWord(to: formatToken.text, in: ExportFormat.allCases.map(\.rawValue)),
                               usage: usage)
        }
        var request = ExportRequest(format: format)
        (request.options, request.file) = try readOptions(&scanner, with: parser, usage: usage, form: "export FORMAT")
        return .export(request)
    }

    /// The view options and the FILE, in any order (shared with `view`).
    static func readOptions(_ scanner: inout Scanner, with parser: Parser, usage: String, form: String) throws(ParseError)
        -> (options: ExportOptions, file: String?)
    {
        var options = ExportOptions()
        var file: String?
        while let token = try parser.next(&scanner) {
            func value() throws(ParseError) -> String {
                guard let v = try parser.next(&scanner) else { throw .missing("a value after \(token.text)", usage: usage) }
                return v.text
            }
            switch token.quoted ? "" : token.text {
            case "--pattern": options.pattern = try value()
            case "--part": options.part = try value()
            case "--depth":
                let v = try value()
                guard let depth = Int(v), depth >= 0 else { throw .unknownWord(v, expected: "a depth", suggestion: nil, usage: "--depth N") }
                options.depth = depth
            case "--role":
                let v = try value()
                guard let role = Role(word: v) else {
                    throw .unknownWord(v, expected: "a role", suggestion: nearestWord(to: v, in: Vocabulary.roleWords), usage: "--role ROLE")
                }
                options.role = role
            case "--no-legend": options.legend = false
            case "--no-self": options.showSelf = false
            case "--self": options.showSelf = true
            case "--no-activation": options.showActivation = false
            case "--days":
                let v = try value()
                guard let days = Int(v), (1...3660).contains(days) else {
                    throw .unknownWord(v, expected: "a number of days (1 to 3660)", suggestion: nil, usage: "--days N")
                }
                options.days = days
            case "--at", "--since":
                guard let session = try parser.next(&scanner) else {
                    throw .missing("a SESSION after \(token.text) (its number or title)", usage: "\(form) \(token.text) SESSION [FILE]")
                }
                if token.text == "--at" { options.at = session.text } else { options.since = session.text }
            default:
                if !token.quoted, token.text.hasPrefix("--") {
                    throw .unknownWord(token.text, expected: "an export option",
                                       suggestion: nearestWord(to: token.text, in: Vocabulary.exportOptions),
                                       usage: "options: " + Vocabulary.exportOptions.joined(separator: " "))
                }
                guard file == nil else { throw .unexpected(token.text, usage: usage) }
                file = token.text
            }
        }
        return (options, file)
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .export(let request) = command else { unexpected(command) }
        var reply = try runner.export(request)
        if runner.document.isEncrypted, request.file != nil {
            reply.message += "\nThe export itself is not encrypted: keep it somewhere private."
        }
        return reply
    }
}

extension CommandRunner {
    /// `export FORMAT [FILE]`: to standard output, or written atomically (0600) to FILE with any
    /// companion file beside it.
    fileprivate func export(_ request: ExportRequest) throws -> Reply {
        // Dated by the map's last session, so the same map always exports the same bytes
        // (an export `--at SESSION` is dated by that session instead).
        let context = exportContext()
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

    /// Dated by the map's last session, so the same map always exports the same bytes
    /// (an export `--at SESSION` is dated by that session instead).
    func exportContext() -> ExportContext {
        let last = system.sessions.last
        var context = ExportContext(mapName: mapName, date: (last?.ended ?? last?.started ?? Timestamp.now()).localDate)
        context.today = document.clock().localDay
        return context
    }

    /// A file name an export of this map in `format` could have, for a message that refuses another.
    func suggestedFileName(for format: ExportFormat) -> String {
        mapName + "." + format.fileExtension
    }
}
