/// Reading the short replies of a conversation: yes and no, a choice, a name.
enum AnswerWords {
    /// A reply as kept: blanks and line-end characters trimmed from both ends (a piped line may
    /// end in "\r"); nothing inside is touched.
    static func trimmed(_ line: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = line.firstIndex(where: { !blank($0) }) else { return "" }
        let end = line.lastIndex(where: { !blank($0) })!
        return String(line[start...end])
    }

    /// A name typed as a reply: one pair of surrounding quotes taken off (a habit from the
    /// command language), blanks collapsed as the map keeps names.
    static func name(_ reply: String) -> String {
        var text = reply
        let pairs: [(Character, Character)] = [("\"", "\""), ("'", "'"), ("“", "”"), ("‘", "’"), ("«", "»")]
        if text.count >= 2, let first = text.first, let last = text.last,
           pairs.contains(where: { $0.0 == first && $0.1 == last }) {
            text = String(text.dropFirst().dropLast())
        }
        return InnerSystem.normalized(text)
    }

    enum YesNo: Equatable {
        case yes, no, unsure
    }

    /// Yes, no or not sure; nil when the reply is none of these.
    static func yesNo(_ reply: String) -> YesNo? {
        let words = Words(reply).tokens.compactMap { token -> String? in
            if case .word(let w) = token { return w }
            return nil
        }
        guard let first = words.first else { return nil }
        let unsure: Set<String> = ["maybe", "unsure", "perhaps", "idk", "dunno", "think", "guess", "partly", "somewhat",
                                   "probably", "possibly", "hmm", "mixed"]
        let yes: Set<String> = ["yes", "y", "yeah", "yea", "yep", "yup", "ok", "okay", "k", "sure", "fine", "alright",
                                "absolutely", "definitely", "certainly", "go", "continue"]
        let negated = words.contains { Words.isNegator($0) || $0 == "nope" || $0 == "nah" || $0 == "n" }
        if negated {
            if words.contains("sure") || words.contains("know") { return .unsure }
            return .no
        }
        if yes.contains(first) { return .yes }
        if words.contains(where: unsure.contains) { return .unsure }
        if words.contains(where: yes.contains) { return .yes }
        return nil
    }
}

/// The words of a reply, lowercased, with clause breaks (punctuation, "but", "and") between them.
struct Words {
    enum Token: Equatable {
        case word(String)
        case clauseBreak
    }

    var tokens: [Token] = []

    init(_ text: String) {
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(.word(current)) }
            current = ""
        }
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "'", "’", "ʼ":
                current.unicodeScalars.append("'")
            case ",", ";", ".", "!", "?", ":", "—", "–", "…", "(", ")":
                flush()
                if tokens.last != .clauseBreak { tokens.append(.clauseBreak) }
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.unicodeScalars.append(scalar)
                } else {
                    flush()
                }
            }
        }
        flush()
        // Quotes used as quotation marks leave a stray apostrophe at a word's edge.
        tokens = tokens.compactMap { token in
            guard case .word(var w) = token else { return token }
            while w.hasPrefix("'") { w.removeFirst() }
            while w.hasSuffix("'") { w.removeLast() }
            if w.isEmpty { return nil }
            if Words.clauseWords.contains(w) { return .clauseBreak }
            return .word(w)
        }
    }

    static let clauseWords: Set<String> = ["but", "and", "though", "although", "yet", "however", "except", "while"]

    static let negatorWords: Set<String> = ["not", "no", "never", "nor", "neither", "without", "hardly", "barely",
                                            "dont", "cant", "wont", "isnt", "arent", "doesnt", "didnt", "cannot",
                                            "wasnt", "werent", "havent", "hasnt", "couldnt", "wouldnt", "shouldnt",
                                            "aint"]

    static func isNegator(_ word: String) -> Bool {
        negatorWords.contains(word) || word.hasSuffix("n't")
    }
}
