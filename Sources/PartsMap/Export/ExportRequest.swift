/// The formats `export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case dot, svg, png, pdf, mermaid, json, markdown, html
    /// Activation and Self-energy over time (`trends`) as a chart: SVG, or PNG/PDF by the FILE's name.
    case chart

    /// Formats Graphviz's `dot` renders from the DOT text.
    public var isRendered: Bool { self == .svg || self == .png || self == .pdf }

    /// The usual ending of a file in this format.
    public var fileExtension: String {
        switch self {
        case .mermaid: return "mmd"
        case .markdown: return "md"
        case .chart: return "svg"
        default: return rawValue
        }
    }
}

/// Which part of the map a diagram shows, and how.
public struct ExportOptions: Equatable, Sendable {
    /// Only this pattern, its parts and what they protect.
    public var pattern: String?
    /// Only this part's neighbourhood, `depth` relations deep.
    public var part: String?
    public var depth: Int = 1
    /// Only parts of this role.
    public var role: Role?
    public var legend = true
    public var showSelf = true
    /// Draw each part's latest check-in (and Self's latest Self-energy) as its outline's weight.
    public var showActivation = true
    /// `export chart`: the last N days (nil: from the first reading to the last).
    public var days: Int?
    /// The map as it was at the end of this session (number or title).
    public var at: String?
    /// Highlight what appeared after this session.
    public var since: String?

    public init() {}
}

/// `export FORMAT [options] [FILE]`.
public struct ExportRequest: Equatable, Sendable {
    public var format: ExportFormat
    public var file: String?
    public var options = ExportOptions()

    public init(format: ExportFormat, file: String? = nil, options: ExportOptions = ExportOptions()) {
        self.format = format
        self.file = file
        self.options = options
    }
}
