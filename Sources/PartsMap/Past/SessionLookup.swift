/// Why a SESSION given to `show --at`, `changes`, `diff` or `export --at/--since` names no
/// session. Each says what would work.
public enum SessionLookupError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSessions
    case noSuchNumber(Int, last: Int)
    case noSuchTitle(String, suggestion: Session?)
    case ambiguousTitle(String, matches: [Int])

    public var description: String {
        switch self {
        case .noSessions:
            return "this map has no sessions yet (`session start [TITLE]` marks one)"
        case .noSuchNumber(let number, let last):
            let range = last == 1 ? "there is only session 1" : "the sessions are numbered 1 to \(last)"
            return "there is no session \(number) — \(range) (`sessions` lists them)"
        case .noSuchTitle(let title, let suggestion?):
            return "no session is titled \(EchoText.quoted(title)) — did you mean session \(suggestion.number), \(EchoText.quoted(suggestion.title))?"
        case .noSuchTitle(let title, nil):
            return "no session is titled \(EchoText.quoted(title)) — give a session's number or title (`sessions` lists them)"
        case .ambiguousTitle(let title, let matches):
            let numbers = matches.map(String.init)
            let list = numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!
            return "\(EchoText.quoted(title)) could be session \(list) — give its number"
        }
    }
}

extension InnerSystem {
    /// The session a person means by `reference`: its number as `sessions` lists it, or its
    /// title — matched regardless of case; the beginning of a title is enough when only one
    /// title begins that way.
    public func session(_ reference: String) throws(SessionLookupError) -> Session {
        guard let last = sessions.last else { throw .noSessions }
        let wanted = InnerSystem.key(reference)
        if !wanted.isEmpty, wanted.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let number = Int(wanted), (1...last.number).contains(number) else {
                throw .noSuchNumber(Int(wanted.prefix(18)) ?? Int.max, last: last.number)
            }
            return sessions[number - 1]
        }
        let titled = sessions.filter { !$0.implicit }
        if let exact = titled.first(where: { InnerSystem.key($0.title) == wanted }) { return exact }
        let beginning = titled.filter { !wanted.isEmpty && InnerSystem.key($0.title).hasPrefix(wanted) }
        if beginning.count == 1 { return beginning[0] }
        if beginning.count > 1 { throw .ambiguousTitle(reference, matches: beginning.map(\.number)) }
        let suggestion = titled.first { title in
            let key = InnerSystem.key(title.title)
            let limit = max(1, min(3, wanted.count / 4))
            return key.contains(wanted) && !wanted.isEmpty
                || editDistance(Array(wanted.unicodeScalars), Array(key.unicodeScalars), limit: limit) <= limit
        }
        throw .noSuchTitle(reference, suggestion: suggestion)
    }
}
