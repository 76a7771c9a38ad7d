import PartsMap

/// A view's marked words in colour, for a terminal: headings bold, each role in a 256-colour near its
/// colour on the diagram (DiagramStyle's Okabe–Ito palette, a shade that reads on dark and light
/// backgrounds alike). Only the console at a terminal calls this; views and exports stay plain.
enum Colour {
    /// Whether standard output gets colour: it is a terminal, `TERM` is set and not `dumb`, and
    /// `NO_COLOR` is unset or empty (no-color.org).
    static func wanted(environment: (String) -> String?, outputIsTerminal: Bool) -> Bool {
        guard outputIsTerminal, let term = environment("TERM"), term != "dumb" else { return false }
        return environment("NO_COLOR") == nil
    }

    /// `text` with an SGR code around each marked span.
    static func apply(_ spans: [StyledSpan], to text: String) -> String {
        guard !spans.isEmpty else { return text }
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + spans.count * 16)
        var position = 0
        for span in spans where span.range.lowerBound >= position && span.range.upperBound <= utf8.count {
            out += utf8[position..<span.range.lowerBound]
            out += Array("\u{1B}[\(span.styles.map(code).joined(separator: ";"))m".utf8)
            out += utf8[span.range]
            out += Array("\u{1B}[0m".utf8)
            position = span.range.upperBound
        }
        out += utf8[position...]
        return String(decoding: out, as: UTF8.self)
    }

    static func code(_ style: TextStyle) -> String {
        switch style {
        case .heading: "1"
        case .role(.manager): "38;5;32"  // #0087D7, between the manager's #56B4E9 fill and #0072B2 border
        case .role(.firefighter): "38;5;166"  // #D75F00, the firefighter's #D55E00
        case .role(.exile): "38;5;178"  // #D7AF00, between the exile's #F0E442 fill and #9A8F00 border
        case .role(.unknown): "38;5;244"  // #808080, the grey of a role not yet clear
        case .pattern: "38;5;175"  // #D787AF, the patterns' #CC79A7
        case .selfEnergy: "38;5;36"  // #00AF87, Self's #009E73
        }
    }
}
