// Reading lines: libedit on a terminal (TerminalLineEditor), plain buffered reads from
// pipes and files (PlainLineReader). No Foundation here: this is on the startup path.

/// One result of reading a line.
public enum LineInput: Equatable, Sendable {
    /// A line, without its line ending.
    case line(String)
    /// Ctrl-C at the prompt: the half-typed line was dropped. Only terminal editors return this.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// What Tab asks of the program: given the text of the line up to the cursor, how many
/// Unicode scalars before the cursor the candidates replace, and the candidates (already
/// quoted as they should be inserted, e.g. `"\"Inner Critic\""`).
public struct Completions: Equatable, Sendable {
    public var replacing: Int
    public var candidates: [String]
    /// The program knows no candidate comes twice (a map's names), so Tab need not check.
    public var distinct: Bool

    public init(replacing: Int, candidates: [String], distinct: Bool = false) {
        self.replacing = replacing
        self.candidates = candidates
        self.distinct = distinct
    }

    /// Equal when they offer the same: `distinct` is a hint about them, not part of what they are.
    public static func == (a: Completions, b: Completions) -> Bool { a.replacing == b.replacing && a.candidates == b.candidates }

    /// Nothing to offer: Tab beeps.
    public static let none = Completions(replacing: 0, candidates: [])
}

public protocol LineEditor: AnyObject {
    /// Reads one line (without its trailing newline). `prompt` is shown only by terminal editors.
    func readLine(prompt: String) -> LineInput
    /// Keeps a line in history (and on disk for terminal editors). The caller decides what to
    /// keep (it already drops lines starting with a space and honours "history off").
    func addToHistory(_ line: String)
}
