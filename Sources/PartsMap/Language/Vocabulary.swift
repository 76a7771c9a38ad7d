/// The words of the command language that are not names: verbs, roles, relation kinds, field
/// names, question keys and separators. A name equal to one of these is printed in quotes so a
/// journal line always reads back as it was written.
public enum Vocabulary {
    /// Every word that starts a command, from the commands themselves.
    public static let verbs = Commands.words
    /// Verbs that came after the natural aliases: a line that reads as `A protects B` with A a
    /// known name stays that relation even when A's first word is one of these.
    static let verbsYieldingToAliases = Set(Commands.all.filter { $0.yieldsToAliases }.map { $0.word })
    public static let roleWords = ["manager", "firefighter", "exile", "part"]
    public static let listFilters = ["parts", "managers", "firefighters", "exiles", "unknown", "patterns"]
    public static let kinds = RelationKind.allCases.map(\.rawValue)
    public static let fields = ["role"] + Field.allWords
    public static let questionKeys = Question.allCases.map(\.rawValue)
    public static let separators = ["to", "from", "with", "because"]
    public static let sessionWords = ["start", "end"]
    public static let historyWords = TypedLinesRequest.allCases.map(\.rawValue).filter { !$0.isEmpty }
    public static let pagerWords = PagingRequest.allCases.map(\.rawValue).filter { !$0.isEmpty }
    public static let exportOptions = ["--pattern", "--part", "--depth", "--role", "--no-legend", "--no-self", "--no-activation", "--at", "--since", "--days", "--incident", "--with", "--as"]

    static let reserved: Set<String> = Set(
        verbs + roleWords + ["pattern", "unknown", "self"] + listFilters + kinds + fields + questionKeys
            + separators + sessionWords)

    public static func isReserved(_ word: String) -> Bool { reserved.contains(word.lowercased()) }
}
