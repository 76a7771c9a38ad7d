/// One word of a command line.
public struct Token: Equatable, Sendable {
    /// The word with its quotes removed and escapes resolved.
    public var text: String
    /// Written in quotes: never read as a keyword.
    public var quoted: Bool
    /// Byte offsets of the word in the line, quotes included.
    public var start: Int
    public var end: Int
}

public enum SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    case openQuote(Character, column: Int)
    case emptyLine

    public var description: String {
        switch self {
        case .openQuote(let q, let column):
            return "the quote \(q) opened at column \(column) is never closed — close it with \(q)"
        case .emptyLine:
            return "empty command"
        }
    }
}

/// Splits a command line into words, shell-like: double quotes (with `\"`, `\\`, `\n`, `\t`
/// escapes), single quotes (no escapes). A quote opens a quoted word only at the start of a
/// word, so `Mom's Girl` and `don't` need no quoting. Outside quotes a backslash is an
/// ordinary character. Works on the UTF-8 bytes (through `LineWords`): every byte it looks for
/// is ASCII.
public struct Scanner {
    public let line: String
    private let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ line: String) {
        self.line = line
        self.bytes = Array(line.utf8)
    }

    public var atEnd: Bool { bytes.withUnsafeBufferPointer { LineWords($0, at: position).atEnd } }

    /// Looks at the next word without consuming it.
    public func peek() throws(SyntaxError) -> Token? {
        var copy = self
        return try copy.next()
    }

    public mutating func next() throws(SyntaxError) -> Token? {
        let start = position
        let found = bytes.withUnsafeBufferPointer { buffer -> Result<(Token, Int)?, SyntaxError> in
            var words = LineWords(buffer, at: start)
            do throws(SyntaxError) {
                guard let word = try words.next() else { return .success(nil) }
                return .success((Token(text: words.text(of: word), quoted: word.quoted, start: word.start, end: word.end), words.position))
            } catch {
                return .failure(error)
            }
        }
        guard let (token, after) = try found.get() else {
            position = bytes.count
            return nil
        }
        position = after
        return token
    }

    /// Everything left on the line as one TEXT: the content of a single quoted word if that is
    /// all there is, otherwise the rest of the line exactly as typed, without surrounding blanks.
    public mutating func rest() -> String {
        let start = position
        position = bytes.count
        return bytes.withUnsafeBufferPointer { buffer in
            var words = LineWords(buffer, at: start)
            return words.rest()
        }
    }
}

/// The words of a line read in place from its UTF-8 bytes: `Scanner`'s rules, without making a
/// `String` of a word until asked (the journal's fast path compares keywords as bytes).
struct LineWords {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// A word as it lies in the line.
    struct Word {
        /// Byte offsets of the word, quotes included.
        var start: Int
        var end: Int
        var quoted: Bool
        /// The word's text when it is a stretch of the line as it stands (no escapes, nothing
        /// glued after a closing quote); nil when `text(of:)` has to build it.
        var plain: Range<Int>?
    }

    var atEnd: Bool {
        var p = position
        while p < bytes.count, isBlank(bytes[p]) { p += 1 }
        return p == bytes.count
    }

    mutating func next() throws(SyntaxError) -> Word? {
        while position < bytes.count, isBlank(bytes[position]) { position += 1 }
        guard position < bytes.count else { return nil }
        let start = position
        let quoted = bytes[position] == 0x22 || bytes[position] == 0x27
        var plain: Range<Int>?
        if quoted {
            guard let (content, after) = quotedWord(at: start) else {
                throw .openQuote(Character(Unicode.Scalar(bytes[start])), column: column(of: start))
            }
            if case .range(let range) = content { plain = range }
            position = after
        }
        // Anything glued to the word (or after its closing quote) belongs to it.
        let glued = position
        while position < bytes.count, !isBlank(bytes[position]) { position += 1 }
        if !quoted { plain = start..<position } else if glued != position { plain = nil }
        return Word(start: start, end: position, quoted: quoted, plain: plain)
    }

    /// The word with its quotes removed and escapes resolved.
    func text(of word: Word) -> String {
        if let plain = word.plain { return string(plain) }
        var text: [UInt8] = []
        var glued = word.start
        if let (content, after) = quotedWord(at: word.start) {
            text = content.bytes(in: bytes)
            glued = after
        }
        text += bytes[glued..<word.end]
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether the word is unquoted and exactly `keyword` (ASCII).
    func word(_ word: Word, is keyword: StaticString) -> Bool {
        guard !word.quoted, let plain = word.plain, plain.count == keyword.utf8CodeUnitCount else { return false }
        let expected = keyword.utf8Start
        for i in 0..<plain.count where bytes[plain.lowerBound + i] != expected[i] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// What a quoted word holds: a stretch of the line itself, or (when it has escapes) bytes
    /// of its own.
    private enum QuotedContent {
        case range(Range<Int>)
        case escaped([UInt8])

        func bytes(in line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            switch self {
            case .range(let range): Array(line[range])
            case .escaped(let bytes): bytes
            }
        }
    }

    /// The content of the quoted word opening at `start`, and the offset just past its closing
    /// quote; nil when the quote is never closed.
    private func quotedWord(at start: Int) -> (QuotedContent, Int)? {
        let quote = bytes[start]
        var p = start + 1
        // Most quoted words have no escape: the content is a stretch of the line.
        while p < bytes.count {
            let b = bytes[p]
            if b == quote { return (.range(start + 1..<p), p + 1) }
            if quote == 0x22, b == 0x5C { break }
            p += 1
        }
        guard p < bytes.count else { return nil }
        var out = Array(bytes[(start + 1)..<p])
        while p < bytes.count {
            let b = bytes[p]
            p += 1
            if b == quote { return (.escaped(out), p) }
            if quote == 0x22, b == 0x5C, p < bytes.count {  // backslash inside double quotes
                let e = bytes[p]
                p += 1
                switch e {
                case 0x6E: out.append(0x0A)  // \n
                case 0x74: out.append(0x09)  // \t
                case 0x72: out.append(0x0D)  // \r
                case 0x22, 0x5C: out.append(e)
                default: out.append(b); out.append(e)  // an unknown escape is kept as written
                }
                continue
            }
            out.append(b)
        }
        return nil
    }

    /// Everything left on the line as one TEXT: the content of a single quoted word if that is
    /// all there is, otherwise the rest of the line exactly as typed, without surrounding blanks.
    mutating func rest() -> String {
        while position < bytes.count, isBlank(bytes[position]) { position += 1 }
        let start = position
        var end = bytes.count
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        position = bytes.count
        if start < end, bytes[start] == 0x22 || bytes[start] == 0x27,
           let (content, after) = quotedWord(at: start), after == end {
            switch content {
            case .range(let range): return string(range)
            case .escaped(let bytes): return String(decoding: bytes, as: UTF8.self)
            }
        }
        return string(start..<end)
    }

    private func column(of offset: Int) -> Int {
        string(0..<offset).count + 1
    }
}

@inline(__always) func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
