/// How the answer to "How do you feel toward it?" reads: Self-like (curious, calm,
/// compassionate, open, warm…), another part's feeling (annoyed, afraid of it, wanting it
/// gone, nothing…), or not clear. The words are matched case-insensitively as whole words,
/// and a feeling after "not", "don't", "never"… within the same clause counts as its opposite
/// ("not curious", "I don't like it") or, for another part's feeling, as nothing ("not angry").
/// When both kinds are there ("a bit curious but mostly annoyed") another part is likely near.
/// Anything not recognised is `unsure`, so the conversation asks rather than assumes.
public enum TowardFeeling: Sendable, Equatable {
    case selfLike
    case anotherPart
    case unsure

    public init(answer: String) {
        let tokens = Words(answer).tokens
        var selfLike = false, another = false, unsure = false
        var negation = 0  // words still covered by the last "not"
        var i = 0
        while i < tokens.count {
            guard case .word(let word) = tokens[i] else {
                negation = 0
                i += 1
                continue
            }
            let negated = negation > 0
            switch TowardFeeling.phrase(at: i, in: tokens) {
            case .feeling(let kind, let length):
                switch kind {
                case .selfLike: if negated { another = true } else { selfLike = true }
                case .anotherPart: if !negated { another = true }
                case .unsure: unsure = true
                }
                negation = max(0, negation - 1)
                i += length
                continue
            case .filler(let length):
                i += length
                continue
            case nil:
                break
            }
            if Words.isNegator(word) {
                negation = 3
                i += 1
                continue
            }
            negation = max(0, negation - 1)
            if TowardFeeling.isSelfLike(word) {
                if !negated { selfLike = true }
                else if word.hasPrefix("clear") { unsure = true }  // "it's not clear" is not a feeling
                else { another = true }
            } else if TowardFeeling.isAnotherPart(word) {
                if !negated { another = true }
            } else if word == "sure", negated {
                unsure = true
            } else if TowardFeeling.unsureWords.contains(word) {
                unsure = true
            }
            i += 1
        }
        if another { self = .anotherPart }
        else if unsure { self = .unsure }
        else if selfLike { self = .selfLike }
        else { self = .unsure }
    }

    // MARK: Words

    /// Self's qualities and their everyday forms, matched as the start of a word.
    static let selfStems = [
        "curio", "compassion", "warm", "interest", "accept", "connect", "patien", "confiden", "courag", "grateful",
        "gratitude", "tender", "kind", "lov", "calm", "open", "clear", "clarity", "peace", "gentle", "appreciat",
        "empath", "affection", "fond", "respect", "relax", "welcom", "spacious", "present", "grounded",
        "centered", "centred", "soft", "playful", "creativ", "brave", "thankful", "friendly", "intrigu", "fascinat",
        "wonder",
    ]
    static let selfWords: Set<String> = ["care", "cares", "caring", "understanding", "steady"]

    /// Feelings that usually belong to another part, matched as the start of a word.
    static let anotherStems = [
        "annoy", "irritat", "anger", "angry", "furious", "fury", "rage", "raging", "hate", "hating", "hatred",
        "disgust", "frustrat", "scare", "scary", "afraid", "fear", "fright", "terrified", "terrifying", "anxi",
        "worr", "nervous", "overwhelm", "tired", "exhaust", "weary", "impatien", "ashamed", "shame", "embarrass",
        "contempt", "resent", "numb", "indifferen", "bored", "boring", "dislike", "hostil", "judg", "jealous",
        "suspicio", "distrust", "mistrust", "uneasy", "uncomfortable", "defensive", "helpless", "hopeless", "dread",
        "panic", "guilt", "repuls", "revuls", "upset", "pissed", "detached", "disappoint", "sick", "hurt",
        "threaten", "disdain", "loath", "despis", "irked", "resist", "reluctan", "tense", "alarm", "horrif",
        "creep", "aversion", "repel", "uninterest", "disinterest", "disconnect", "unkind", "impatien", "intimidat",
    ]
    static let anotherWords: Set<String> = ["mad", "cross", "critical", "envious", "envy", "wary", "distant", "cold",
                                            "closed", "blank", "nothing", "ugh", "meh", "whatever", "blah", "grr",
                                            "argh", "yuck", "ew", "eww"]
    /// Feelings that may be Self's or a part's: the conversation asks.
    static let unsureWords: Set<String> = ["unsure", "idk", "dunno", "confused", "mixed", "ambivalent", "torn",
                                           "sad", "sadness", "sorry", "pity", "stuck"]

    static func isSelfLike(_ word: String) -> Bool {
        selfWords.contains(word) || selfStems.contains { word.hasPrefix($0) }
    }

    static func isAnotherPart(_ word: String) -> Bool {
        anotherWords.contains(word) || anotherStems.contains { word.hasPrefix($0) }
    }

    /// Phrases, checked before single words. A `nil` kind is a filler ("kind of") whose words
    /// are passed over, so "kind of annoyed" reads as annoyed, not as kind.
    static let phrases: [([String], TowardFeeling?)] = [
        (["kind", "of"], nil), (["sort", "of"], nil),
        (["don't", "know"], .unsure), (["dont", "know"], .unsure), (["do", "not", "know"], .unsure),
        (["no", "idea"], .unsure), (["not", "sure"], .unsure), (["can't", "tell"], .unsure), (["cant", "tell"], .unsure),
        (["can't", "stand"], .anotherPart), (["cant", "stand"], .anotherPart), (["cannot", "stand"], .anotherPart),
        (["fed", "up"], .anotherPart), (["had", "enough"], .anotherPart), (["go", "away"], .anotherPart),
        (["get", "rid"], .anotherPart), (["it", "gone"], .anotherPart), (["them", "gone"], .anotherPart),
        (["him", "gone"], .anotherPart), (["her", "gone"], .anotherPart), (["make", "it", "stop"], .anotherPart),
        (["it", "to", "stop"], .anotherPart), (["it", "to", "go"], .anotherPart), (["it", "to", "leave"], .anotherPart),
        (["shut", "up"], .anotherPart), (["leave", "me", "alone"], .anotherPart), (["push", "it", "away"], .anotherPart),
        (["wish", "it", "would"], .anotherPart), (["wish", "it", "wasn't"], .anotherPart),
        (["wish", "it", "wasnt"], .anotherPart), (["wish", "it", "didn't"], .anotherPart),
        (["over", "it"], .anotherPart), (["done", "with"], .anotherPart),
        (["like", "it"], .selfLike), (["like", "him"], .selfLike), (["like", "her"], .selfLike),
        (["like", "them"], .selfLike), (["like", "this", "part"], .selfLike),
        (["want", "to", "know"], .selfLike), (["want", "to", "understand"], .selfLike),
        (["want", "to", "help"], .selfLike), (["want", "to", "listen"], .selfLike), (["want", "to", "hear"], .selfLike),
        (["want", "to", "learn"], .selfLike), (["feel", "for", "it"], .selfLike),
    ]

    enum PhraseMatch {
        case feeling(TowardFeeling, length: Int)
        case filler(length: Int)
    }

    static func phrase(at index: Int, in tokens: [Words.Token]) -> PhraseMatch? {
        for (words, kind) in phrases where index + words.count <= tokens.count {
            guard words.indices.allSatisfy({ tokens[index + $0] == .word(words[$0]) }) else { continue }
            guard let kind else { return .filler(length: words.count) }
            return .feeling(kind, length: words.count)
        }
        return nil
    }
}
