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
///
/// Tab decides from how many candidates there are and their common prefix; the candidates
/// themselves are made only when they are listed. So a program offering a map's 11,000 names
/// can give those two and make the list on demand (`init(replacing:count:commonPrefix:candidates:)`).
public struct Completions: Equatable, Sendable {
    public var replacing: Int
    /// How many candidates, each counted once.
    public let count: Int
    /// Their longest common prefix (`commonPrefix(_:)`); the candidate itself when there is one.
    public let commonPrefix: String
    private let make: @Sendable () -> [String]

    /// The candidates, each once, in the program's order.
    public var candidates: [String] { make() }

    /// - Parameter distinct: the program knows no candidate comes twice (a map's names), so
    ///   Tab need not check.
    public init(replacing: Int, candidates: [String], distinct: Bool = false) {
        var unique = candidates
        if !distinct {
            var seen = Set<String>(minimumCapacity: candidates.count)
            unique = candidates.filter { seen.insert($0).inserted }
        }
        self.init(replacing: replacing, count: unique.count, commonPrefix: LineEditing.commonPrefix(unique),
                  candidates: { [unique] in unique })
    }

    /// Candidates the program summarises itself: `count` distinct ones whose common prefix is
    /// `commonPrefix` (as `commonPrefix(_:)` gives it), made by `candidates` only if listed.
    public init(replacing: Int, count: Int, commonPrefix: String, candidates: @escaping @Sendable () -> [String]) {
        self.replacing = replacing
        self.count = count
        self.commonPrefix = commonPrefix
        make = candidates
    }

    /// Equal when they offer the same.
    public static func == (a: Completions, b: Completions) -> Bool {
        a.replacing == b.replacing && a.count == b.count && a.commonPrefix == b.commonPrefix && a.candidates == b.candidates
    }

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
