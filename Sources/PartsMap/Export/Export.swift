/// Where an export is made: the map's name for titles, today's date, and where to look for
/// Graphviz.
public struct ExportContext: Sendable {
    /// How titles name the map, e.g. the map file's name without `.parts`.
    public var mapName: String
    /// The date shown in titles, `2026-11-21` (the caller's local date).
    public var date: String
    /// Directories to search for `dot`, `:`-separated like `PATH`; nil means the `PATH` of
    /// this process.
    public var searchPath: String?
    /// Today, as a local day number: where `export chart --days N` ends.
    public var today: Int?
    /// `view`'s page: it reloads itself to pick up the next drawing (the handout does not).
    public var livePage = false

    public init(mapName: String, date: String, searchPath: String? = nil) {
        self.mapName = mapName
        self.date = date
        self.searchPath = searchPath
    }
}

/// The bytes of an export, and anything to write beside it.
public struct ExportOutput: Sendable {
    /// A file to write next to FILE, e.g. the Markdown handout's diagram.
    public struct Companion: Sendable, Equatable {
        /// Where to write it: beside FILE (FILE's directory joined with `name`).
        public var path: String
        /// Its own name, as the main file refers to it.
        public var name: String
        public var bytes: [UInt8]
    }

    /// What goes into FILE, or to standard output when there is no FILE.
    public var bytes: [UInt8]
    public var companions: [Companion] = []
    /// Things the person should know that did not stop the export (said on standard error).
    public var warnings: [String] = []
    /// False for PNG and PDF, which a terminal should not be sent.
    public var isText: Bool
}

/// Why an export could not be made. Each says what was wrong and what would work.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// PNG and PDF are not text: they go to a file.
    case needsFile(ExportFormat)
    case noSuchPart(String, suggestion: String?)
    case noSuchPattern(String, suggestion: String?)
    /// `--part` named a pattern.
    case notAPart(String)
    /// `--pattern` named a part.
    case notAPattern(String)
    case conflictingViews
    /// A diagram view asked of a format that always carries the whole map.
    case viewNotForFormat(option: String, format: ExportFormat)
    case dotMissing
    /// `export chart` as PNG or PDF needs librsvg's `rsvg-convert`.
    case rendererMissing(String)
    /// The chart's renderer ended with a failure; its own messages.
    case rendererFailed(String, status: Int32, stderr: String)
    /// `dot` could not be started (the system's reason).
    case dotNotStarted(path: String, reason: String)
    /// `dot` ended with a failure; its own messages.
    case dotFailed(status: Int32, stderr: String)
    /// `dot` ended well but wrote nothing.
    case dotEmptyOutput(stderr: String)
    /// `--at` or `--since` named no session.
    case session(SessionLookupError)
    /// `--incident` named a number the pattern does not have (nil: it named none, and there are none).
    case noSuchIncident(String, number: Int?, count: Int)
    /// `--incident` draws a diagram of its own: not with a view, nor in a format that is not a diagram.
    case incidentNotWith(String)
    /// `--with MAP` draws both sides of one pattern, named with `--pattern`.
    case withNeedsPattern
    case withNotFor(String)

    public var description: String {
        switch self {
        case .session(let error):
            return error.description
        case .noSuchIncident(let name, let number, let count):
            if count == 0 { return "\(EchoText.quoted(name)) has no debrief or rupture yet (`debrief \(ExportError.argument(name))` begins one)" }
            return "\(EchoText.quoted(name)) has \(Wording.count(count, "incident")); there is no incident \(number.map(String.init) ?? "") "
                + "(`--incident \(ExportError.argument(name)):N` with N from 1 to \(count))"
        case .withNeedsPattern:
            return "`--with MAP` draws both sides of one pattern: name it with `--pattern NAME` (and `--as NAME` if the other map calls it something else)"
        case .withNotFor(let what):
            return "`--with MAP --pattern NAME` draws both sides of one pattern (export dot, svg, png or pdf); it does not go with \(what)"
        case .incidentNotWith(let what):
            return "`--incident PATTERN[:N]` draws one incident on its own (export dot, svg, png or pdf); it does not go with \(what)"
        case .needsFile(let format):
            return "\(format.rawValue.uppercased()) is not text: give a FILE, e.g. `export \(format.rawValue) map.\(format.rawValue)`"
        case .noSuchPart(let name, let suggestion):
            if let suggestion { return "no part named \(EchoText.quoted(name)) — did you mean \(EchoText.quoted(suggestion))?" }
            return "no part named \(EchoText.quoted(name)) (`list parts` shows them all)"
        case .noSuchPattern(let name, let suggestion):
            if let suggestion { return "no pattern named \(EchoText.quoted(name)) — did you mean \(EchoText.quoted(suggestion))?" }
            return "no pattern named \(EchoText.quoted(name)) (`list patterns` shows them all)"
        case .notAPart(let name):
            return "\(EchoText.quoted(name)) is a pattern, not a part — `--pattern \(ExportError.argument(name))` shows it with its parts"
        case .notAPattern(let name):
            return "\(EchoText.quoted(name)) is a part, not a pattern — `--part \(ExportError.argument(name))` shows its neighbourhood"
        case .conflictingViews:
            return "choose one view: `--pattern NAME` or `--part NAME` (either can be combined with `--role ROLE`)"
        case .viewNotForFormat(let option, let format):
            return "`\(option)` chooses what a diagram shows; `export \(format.rawValue)` always carries the whole map "
                + "(diagrams: dot, svg, png, pdf, mermaid, markdown)"
        case .dotMissing:
            return "Graphviz's dot was not found on PATH — install it with: sudo apt-get install graphviz "
                + "(`export dot`, `export mermaid` and `export json` work without it)"
        case .rendererMissing(let program):
            return "\(program) was not found on PATH; it turns the chart into PNG or PDF — install it with: sudo apt-get install librsvg2-bin "
                + "(`export chart FILE.svg` works without it)"
        case .rendererFailed(let program, let status, let stderr):
            let said = ExportError.trimmed(stderr)
            return "\(program) failed (exit status \(status))" + (said.isEmpty ? " without saying why" : ":\n\(said)")
        case .dotNotStarted(let path, let reason):
            return "could not run Graphviz's dot (\(EchoText.path(path))): \(reason)"
        case .dotFailed(let status, let stderr):
            let said = ExportError.trimmed(stderr)
            return "Graphviz's dot failed (exit status \(status))" + (said.isEmpty ? " without saying why" : ":\n\(said)")
        case .dotEmptyOutput(let stderr):
            let said = ExportError.trimmed(stderr)
            return "Graphviz's dot produced nothing" + (said.isEmpty ? "" : ":\n\(said)")
        }
    }

    private static func argument(_ name: String) -> String {
        name.contains(" ") || name.contains("'") ? EchoText.quoted(name) : EchoText.safe(name)
    }

    /// What dot said, line by line made safe to print: it may quote a label, which is the person's text.
    private static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s.split(separator: "\n", omittingEmptySubsequences: false).map { EchoText.safe($0, limit: 240) }.joined(separator: "\n")
    }
}

/// Produces the bytes of an export. Rendered formats (svg/png/pdf) run Graphviz `dot`; so does
/// `markdown` to a FILE, whose diagram becomes an SVG companion beside it (with no FILE, or
/// without Graphviz, the handout carries its diagram inline as Mermaid).
///
/// The caller writes `bytes` to `request.file` (and each companion to its path), or prints
/// `bytes` when there is no FILE.
///
/// A map alone has no past: `--at` and `--since` need its history (the other `makeExport`);
/// here they are noted in a warning and the map is exported as given.
public func makeExport(_ request: ExportRequest, of system: InnerSystem, context: ExportContext) throws(ExportError) -> ExportOutput {
    var output = try makeExport(request, of: system, context: context, highlight: .none)
    if request.options.at != nil || request.options.since != nil {
        output.warnings.insert("`--at` and `--since` need the map's history; this is the map as given", at: 0)
    }
    return output
}

/// An export of a map with its past, so that `--at SESSION` exports the map as it was at the
/// end of that session (replayed from the journal, and dated by that session) and
/// `--since SESSION` marks in the diagram what is new since the end of that one.
///
/// `now` is the map as it is; `timeline` gives its past, and is asked for it only by `--at` and
/// `--since` (an open map re-reads its journal for it). What it throws is passed on; everything
/// else thrown is an `ExportError`.
///
/// With `dotSink`, a DOT export is handed to it a piece at a time as it is written, and `bytes`
/// comes back empty: a large map's DOT is hundreds of megabytes. Other formats ignore it.
public func makeExport(_ request: ExportRequest, of now: InnerSystem, timeline: () throws -> MapTimeline,
                       context: ExportContext, dotSink: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) throws -> ExportOutput {
    let options = request.options
    func session(_ reference: String) throws(ExportError) -> Session {
        do { return try now.session(reference) } catch { throw .session(error) }
    }
    let at = try options.at.map { (reference: String) throws(ExportError) in try session(reference) }
    let since = try options.since.map { (reference: String) throws(ExportError) in try session(reference) }

    let past = [at, since].compactMap { $0?.number }
    let then = past.isEmpty ? [:] : try timeline().systems(atEndOf: past)  // one replay for both
    var context = context
    var system = now
    var warnings: [String] = []
    if let at {
        system = then[at.number]!
        let date = (at.ended ?? at.started)?.localDate
        context.date = "session \(at.number)" + (date.map { ", \($0)" } ?? "")
    }
    var highlight = DiagramHighlight.none
    if let since, let at, since.number >= at.number {
        warnings.append("`--since \(since.number)` marks what came after session \(since.number), "
            + "and the map at the end of session \(at.number) has nothing from after it, so nothing is marked")
    } else if let since {
        let diff = MapDiff(from: then[since.number]!, to: system)
        highlight = DiagramHighlight(marking: diff, since: since.number)
        if request.format == .json {
            warnings.append("`--since` marks what is new in a diagram; `export json` has no marks (its answers carry their dates)")
        } else if highlight.isEmpty {
            let shown = at.map { "the map at the end of session \($0.number)" } ?? "this map"
            warnings.append("nothing on \(shown) is new since the end of session \(since.number), so nothing is marked")
        }
    }
    var output = try makeExport(request, of: system, context: context, highlight: highlight, dotSink: dotSink)
    output.warnings = warnings + output.warnings
    return output
}

func makeExport(_ request: ExportRequest, of system: InnerSystem, context: ExportContext,
                highlight: DiagramHighlight, dotSink: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) throws(ExportError) -> ExportOutput {
    let options = request.options
    var warnings: [String] = []

    if request.format == .chart {
        if options.pattern != nil { throw .viewNotForFormat(option: "--pattern", format: .chart) }
        if options.part != nil { throw .viewNotForFormat(option: "--part", format: .chart) }
        if options.role != nil { throw .viewNotForFormat(option: "--role", format: .chart) }
        return try makeChart(request, of: system, context: context)
    }
    if request.format == .json {
        if options.pattern != nil { throw .viewNotForFormat(option: "--pattern", format: .json) }
        if options.part != nil { throw .viewNotForFormat(option: "--part", format: .json) }
        if options.role != nil { throw .viewNotForFormat(option: "--role", format: .json) }
        if options.incident != nil { throw .incidentNotWith("export json") }
        return ExportOutput(bytes: Array(JSONWriter.document(system).utf8), warnings: warnings, isText: true)
    }

    if let reference = options.incident {
        guard [.dot, .svg, .png, .pdf].contains(request.format) else { throw .incidentNotWith("export \(request.format.rawValue)") }
        if options.pattern != nil || options.part != nil || options.role != nil { throw .incidentNotWith("--pattern, --part or --role") }
        let (pattern, number) = try IncidentDiagram.find(reference, in: system)
        let dot = IncidentDiagram.dot(pattern, number: number, in: system, context: context)
        if request.format == .dot {
            let bytes = Array(dot.utf8)
            guard let dotSink else { return ExportOutput(bytes: bytes, warnings: warnings, isText: true) }
            bytes.withUnsafeBufferPointer(dotSink)
            return ExportOutput(bytes: [], warnings: warnings, isText: true)
        }
        let result = try Graphviz.render(dot, format: request.format, searchPath: context.searchPath)
        return ExportOutput(bytes: result.bytes, warnings: warnings + result.warnings, isText: request.format == .svg)
    }

    let view = try MapView.select(options, in: system)
    let diagram = Diagram(view: view, options: options, context: context, highlight: highlight)

    switch request.format {
    case .dot:
        guard let dotSink else { return ExportOutput(bytes: DotWriter.bytes(diagram), warnings: warnings, isText: true) }
        DotWriter.write(diagram, to: dotSink)
        return ExportOutput(bytes: [], warnings: warnings, isText: true)
    case .svg, .png, .pdf:
        let result = try Graphviz.render(format: request.format, searchPath: context.searchPath) { DotWriter.write(diagram, to: $0) }
        warnings += result.warnings
        return ExportOutput(bytes: result.bytes, warnings: warnings, isText: request.format == .svg)
    case .mermaid:
        return ExportOutput(bytes: Array(MermaidWriter.write(diagram).utf8), warnings: warnings, isText: true)
    case .markdown:
        var companions: [ExportOutput.Companion] = []
        var picture = MarkdownWriter.Picture.mermaid(MermaidWriter.write(diagram, withTitle: false))
        if let file = request.file {
            let (path, name) = MarkdownWriter.companionPath(for: file)
            do {
                let svg = try Graphviz.render(format: .svg, searchPath: context.searchPath) { DotWriter.write(diagram, to: $0) }
                warnings += svg.warnings
                companions.append(.init(path: path, name: name, bytes: svg.bytes))
                picture = .file(name)
            } catch .dotMissing {
                warnings.append("Graphviz's dot was not found on PATH, so the handout shows its diagram as Mermaid "
                    + "(install it with: sudo apt-get install graphviz)")
            }
        }
        let text = MarkdownWriter.write(system: system, view: view, diagram: diagram, picture: picture, context: context)
        return ExportOutput(bytes: Array(text.utf8), companions: companions, warnings: warnings, isText: true)
    case .html:
        // The diagram inline; without Graphviz the page says so and keeps the cards.
        var svg: [UInt8]?
        do {
            let rendered = try Graphviz.render(format: .svg, searchPath: context.searchPath) { DotWriter.write(diagram, to: $0) }
            warnings += rendered.warnings
            svg = rendered.bytes
        } catch .dotMissing {
            warnings.append("Graphviz's dot was not found on PATH, so the page has no diagram (install it with: sudo apt-get install graphviz)")
        }
        let page = HTMLWriter.write(system: system, view: view, diagram: diagram, svg: svg, context: context)
        return ExportOutput(bytes: Array(page.utf8), warnings: warnings, isText: true)
    case .chart:
        return try makeChart(request, of: system, context: context)
    case .json:
        // Handled before the view is chosen; kept here so the switch stays exhaustive.
        return ExportOutput(bytes: Array(JSONWriter.document(system).utf8), warnings: warnings, isText: true)
    }
}

/// `export chart FILE [--days N]`: the SVG, or PNG/PDF from it through `rsvg-convert`, by FILE's ending.
func makeChart(_ request: ExportRequest, of system: InnerSystem, context: ExportContext) throws(ExportError) -> ExportOutput {
    let today = context.today ?? Timestamp.now().localDay
    let trends = Trends(system, days: request.options.days, today: today)
    let range = "\(Timestamp.date(ofDay: trends.first)) – \(Timestamp.date(ofDay: trends.last))"
    let subtitle = trends.isEmpty ? "no check-ins or Self-energy readings yet (`checkin`, `self`)" : range
    let svg = ChartWriter.write(trends, title: context.mapName.isEmpty ? "Inner system map" : context.mapName, subtitle: subtitle)
    let lower = request.file?.lowercased() ?? ""
    let format = lower.hasSuffix(".png") ? "png" : lower.hasSuffix(".pdf") ? "pdf" : "svg"
    guard format != "svg" else { return ExportOutput(bytes: Array(svg.utf8), isText: true) }
    let result = try Graphviz.run(arguments: ["-f", format], input: Array(svg.utf8), searchPath: context.searchPath, program: "rsvg-convert")
    let said = String(decoding: result.stderr, as: UTF8.self)
    guard result.status == 0, !result.stdout.isEmpty else { throw .rendererFailed("rsvg-convert", status: result.status, stderr: said) }
    return ExportOutput(bytes: result.stdout, isText: false)
}
