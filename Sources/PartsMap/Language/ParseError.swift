/// Why a line is not a command. Each names what was wrong and what would work.
public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(SyntaxError)
    case unknownCommand(String, suggestion: String?)
    case missing(String, usage: String)
    case unexpected(String, usage: String)
    case unknownWord(String, expected: String, suggestion: String?, usage: String)
    case notAChange(String)

    public var description: String {
        // The words come from the line as typed (or as a damaged file holds it), so they are quoted back
        // escaped and cut; a usage may carry a name from it too.
        switch self {
        case .syntax(let error):
            return error.description
        case .unknownCommand(let word, let suggestion):
            if let suggestion { return "unknown command \(EchoText.quoted(word)) — did you mean \"\(suggestion)\"?" }
            return "unknown command \(EchoText.quoted(word)) (`help` lists the commands)"
        case .missing(let what, let usage):
            return "missing \(EchoText.safe(what, limit: 400)) — \(EchoText.safe(usage, limit: 400))"
        case .unexpected(let word, let usage):
            return "unexpected \(EchoText.quoted(word)) — \(EchoText.safe(usage, limit: 400))"
        case .unknownWord(let word, let expected, let suggestion, let usage):
            let usage = EchoText.safe(usage, limit: 400)
            if let suggestion { return "\(EchoText.quoted(word)) is not \(expected) — did you mean \"\(suggestion)\"? (\(usage))" }
            return "\(EchoText.quoted(word)) is not \(expected) — \(usage)"
        case .notAChange(let verb):
            return "\(EchoText.quoted(verb)) is not a change; a map file holds only changes"
        }
    }
}

/// The word among `candidates` closest to a mistyped one, if it is close enough to be a typo.
func nearestWord(to word: String, in candidates: [String]) -> String? {
    let wanted = Array(word.lowercased().unicodeScalars)
    guard !wanted.isEmpty else { return nil }
    let limit = max(1, min(2, wanted.count / 3))
    var best: (Int, String)?
    for candidate in candidates {
        let d = editDistance(wanted, Array(candidate.unicodeScalars), limit: limit)
        if d <= limit, best == nil || d < best!.0 { best = (d, candidate) }
    }
    if best == nil, wanted.count >= 2, let prefixed = candidates.first(where: { $0.hasPrefix(word.lowercased()) }) {
        return prefixed
    }
    return best?.1
}
