/// What a piece of a view is, for a console that can show it (a terminal in colour): a heading, a
/// role's word, a pattern. The view's text stays plain; a console that shows no colour (a pipe, a
/// file, `NO_COLOR`, an export) just prints the text and never sees an escape code.
public enum TextStyle: Sendable, Equatable, Hashable {
    /// A title or a section's heading (`Map "m": …`, `Managers:`, `Session 2 …`).
    case heading
    /// A role's word or heading, in the role's colour on the diagram.
    case role(Role)
    /// A relationship pattern's word or heading, in the diagram's pattern colour.
    case pattern
    /// Self, in the diagram's colour for Self.
    case selfEnergy
}

/// A styled stretch of a view's text, in UTF-8 bytes from its start.
public struct StyledSpan: Sendable, Equatable {
    public var range: Range<Int>
    public var styles: [TextStyle]
}

/// Text built piece by piece, some pieces marked with what they are. `text` is always the plain view.
public struct StyledText: Sendable, Equatable, CustomStringConvertible {
    public private(set) var text = ""
    public private(set) var spans: [StyledSpan] = []

    public init(_ text: String = "") { self.text = text }

    public var description: String { text }

    /// Appends `piece`, marked with `styles` (none: plain).
    public mutating func append(_ piece: some StringProtocol, _ styles: TextStyle...) {
        append(piece, styles: styles)
    }

    public mutating func append(_ piece: some StringProtocol, styles: [TextStyle]) {
        let start = text.utf8.count
        text += piece
        if !styles.isEmpty, text.utf8.count > start { spans.append(StyledSpan(range: start..<text.utf8.count, styles: styles)) }
    }

    public mutating func append(_ other: StyledText) {
        let offset = text.utf8.count
        text += other.text
        spans += other.spans.map { StyledSpan(range: ($0.range.lowerBound + offset)..<($0.range.upperBound + offset), styles: $0.styles) }
    }

    public static func += (lhs: inout StyledText, rhs: String) { lhs.append(rhs) }
    public static func += (lhs: inout StyledText, rhs: StyledText) { lhs.append(rhs) }
    public static func + (lhs: StyledText, rhs: String) -> StyledText {
        var out = lhs
        out += rhs
        return out
    }

    /// The same text made safe for a terminal (`EchoText.printable`), its marks kept on the same words:
    /// each stretch between marks is escaped on its own, which is the same as escaping the whole.
    public func printable() -> StyledText { mappingStretches(EchoText.printable) }

    /// Each stretch between and within marks changed by `transform` (which must act on characters
    /// alone, as escaping or indenting does), the marks kept on what their stretch became.
    func mappingStretches(_ transform: (String) -> String) -> StyledText {
        var out = StyledText()
        var position = 0
        let utf8 = Array(text.utf8)
        func piece(_ range: Range<Int>) -> String { transform(String(decoding: utf8[range], as: UTF8.self)) }
        for span in spans {
            if span.range.lowerBound > position { out.append(piece(position..<span.range.lowerBound)) }
            out.append(piece(span.range), styles: span.styles)
            position = span.range.upperBound
        }
        if utf8.count > position { out.append(piece(position..<utf8.count)) }
        return out
    }
}
