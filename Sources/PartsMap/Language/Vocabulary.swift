/// The words of the command language that are not names: verbs, roles, relation kinds, field
/// names, question keys and separators. A name equal to one of these is printed in quotes so a
/// journal line always reads back as it was written.
public enum Vocabulary {
    public static let verbs = ["add", "show", "list", "set", "rename", "remove", "relate", "unrelate",
                               "link", "unlink", "ask", "session", "sessions", "undo", "redo",
                               "changes", "timeline", "diff", "export", "open", "maps", "encrypt", "decrypt", "help", "quit", "exit",
                               "history"]
    /// Verbs that came after the natural aliases: a line that reads as `A protects B` with A a
    /// known name stays that relation even when A's first word is one of these.
    static let verbsYieldingToAliases: Set<String> = ["changes", "timeline", "diff", "open", "maps", "encrypt", "decrypt", "history"]
    public static let roleWords = ["manager", "firefighter", "exile", "part"]
    public static let listFilters = ["parts", "managers", "firefighters", "exiles", "unknown", "patterns"]
    public static let kinds = RelationKind.allCases.map(\.rawValue)
    public static let fields = ["role"] + Field.allWords
    public static let questionKeys = Question.allCases.map(\.rawValue)
    public static let separators = ["to", "from", "with", "because"]
    public static let sessionWords = ["start", "end"]
    public static let historyWords = HistoryRequest.allCases.map(\.rawValue).filter { !$0.isEmpty }
    public static let exportOptions = ["--pattern", "--part", "--depth", "--role", "--no-legend", "--no-self", "--at", "--since"]

    static let reserved: Set<String> = Set(
        verbs + roleWords + ["pattern", "unknown", "self"] + listFilters + kinds + fields + questionKeys
            + separators + sessionWords)

    public static func isReserved(_ word: String) -> Bool { reserved.contains(word.lowercased()) }
}
