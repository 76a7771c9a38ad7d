import PartsMap
// SeededGenerator (SplitMix64, shared with the tests): the same map of N parts in every run, on every machine.
import SeededRandom

/// Writes synthetic maps in partsmap's own journal format: one change a line, each made with
/// `ChangePrinter` + `JournalFormat.line` exactly as `MapDocument.perform` journals it.
///
/// The shape of a map of N parts, per part on average: one `add`, about three relations (a
/// protector protects an exile or another protector with a reason, polarized / allied
/// protectors), 3–5 answers of one or two sentences (20–160 characters), a trailhead or note
/// on most, a link to a relationship pattern on half; one pattern per ten parts, grouped by
/// a dozen people, each with a description and a couple of answers; sessions of ~30 changes;
/// now and then a change undone and redone. About 11 lines a part.
struct MapGenerator {
    static let baseNames = [
        "Inner Critic", "The Planner", "People Pleaser", "Numbing", "Little One", "The Girl Who Read Aloud",
        "Perfectionist", "Caretaker", "The Scroller", "Angry Teen", "Lonely Boy", "Taskmaster", "Mom's Girl",
        "The One Who Leaves", "Ashamed One", "Controller", "Binge Eater", "Worrier", "Cheerleader", "Hurt Child",
        "The Judge", "Daydreamer", "Overachiever", "The Sulker", "Rager", "Frozen One", "Helper", "Scared Kid",
        "The Skeptic", "Peacekeeper", "Runner", "The Abandoned One", "Analyzer", "Joker", "The Good Student",
        "Wall Builder", "Shopper", "Tired One", "Rebel", "The Invisible One",
    ]
    static let people = [
        "my partner", "Mum", "Dad", "my manager at work", "Sam", "my sister", "my therapist", "the kids",
        "my best friend", "my ex", "colleagues", "my brother",
    ]
    static let patternNames = [
        "Pursue and withdraw", "Bracing for the review", "Saying yes when I mean no", "Hot and cold",
        "Going quiet at dinner", "Rupture and repair", "Keeping the peace", "Over-explaining",
        "Waiting to be asked", "Fixing their mood",
    ]
    static let openers = [
        "that I would", "it thinks I'll", "so that I don't", "it's afraid I'd", "that everyone will see me",
        "or else I might", "worried I'll", "that one day I'll", "honestly, that I'd", "it says I always",
    ]
    static let middles = [
        "be laughed at the way I was in school", "fall apart in front of people who count on me",
        "feel small and ashamed again", "stop trying and be found out", "be left alone at the end of the day",
        "say the wrong thing and lose them", "feel the old emptiness after everyone goes home",
        "be too much for them", "disappear if I stop working", "be blamed for things that aren't mine",
        "get angry and not be able to stop", "remember what happened that summer",
    ]
    static let tails = [
        "", "", " — mostly late at night", ", like a strict teacher", " and it's exhausting",
        "; I notice it in my jaw", ", maybe since secondary school", " — it wants me to rest, actually",
        ", especially before a review", "; it's \"trying to get there first\"",
    ]
    static let bodyWords = [
        "tight jaw", "a weight behind the eyes", "a knot in the stomach", "shoulders up by my ears",
        "hot face", "a buzzing in my hands", "cold feet, shallow breath",
    ]
    static let towardWords = ["curious", "tired of it, honestly", "a bit warmer now", "compassion", "annoyed", "open", "scared of it"]
    static let ages = ["about twelve", "five or six", "a teenager", "older than me somehow", "seven", "no age, ancient"]

    var rng = SeededGenerator(seed: 0x5EED_2026)
    var lines: [String] = [JournalFormat.header]
    var time = Timestamp(secondsSinceEpoch: 1_735_689_600)  // 2025-01-01T00:00:00Z
    var partNames: [String] = []
    var roles: [Role] = []
    var exiles: [Int] = []
    var protectors: [Int] = []
    var patternNames: [String] = []
    var relations = Set<Int>()  // from * 4 * maxParts + kind * maxParts + to
    var sessionOpen = false
    var sessionNumber = 0
    var changesInSession = 0
    let maxParts: Int

    init(maxParts: Int) { self.maxParts = maxParts }

    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func sentence() -> String {
        var s = "\(pick(Self.openers)) \(pick(Self.middles))\(pick(Self.tails))"
        if chance(0.3) { s += ". \(pick(Self.openers).capitalizedFirst) \(pick(Self.middles))" }
        return s
    }

    mutating func emit(_ record: JournalRecord) {
        time.secondsSinceEpoch += Int64.random(in: 5...90, using: &rng)
        lines.append(JournalFormat.line(for: record, at: time))
        if case .change(let change) = record, change.isSessionMarker { return }
        changesInSession += 1
    }

    mutating func change(_ change: Change) { emit(.change(change)) }

    mutating func sessionBoundary() {
        guard changesInSession >= 30 || !sessionOpen else { return }
        if sessionOpen {
            change(.sessionEnd)
            time.secondsSinceEpoch += Int64.random(in: 86_400...(5 * 86_400), using: &rng)
        }
        sessionNumber += 1
        change(.sessionStart(title: "evening \(sessionNumber)\(chance(0.3) ? ", after \(pick(Self.people)) called" : "")"))
        sessionOpen = true
        changesInSession = 0
    }

    mutating func relate(_ from: Int, _ kind: RelationKind, _ to: Int, reason: String = "") {
        guard from != to else { return }
        let kindIndex = RelationKind.allCases.firstIndex(of: kind)!
        let (a, b) = kind.isSymmetric ? (min(from, to), max(from, to)) : (from, to)
        let key = (a * 4 + kindIndex) * maxParts + b
        guard relations.insert(key).inserted else { return }
        change(.relate(from: partNames[from], kind: kind, to: partNames[to], reason: reason))
    }

    /// Adds part number `index` with everything that comes with it.
    mutating func addPart(_ index: Int) {
        sessionBoundary()
        let base = Self.baseNames[index % Self.baseNames.count]
        let name = index < Self.baseNames.count ? base : "\(base) \(index / Self.baseNames.count + 1)"
        let r = Double.random(in: 0..<1, using: &rng)
        let role: Role = r < 0.35 ? .manager : r < 0.6 ? .firefighter : r < 0.9 ? .exile : .unknown
        partNames.append(name)
        roles.append(role)
        change(.addPart(name: name, role: role))
        if role == .exile { exiles.append(index) } else if role.isProtector { protectors.append(index) }

        // One pattern per ten parts, grouped by person.
        if index % 10 == 0 {
            let patternIndex = patternNames.count
            let patternName = "\(Self.patternNames[patternIndex % Self.patternNames.count]) \(patternIndex + 1)"
            patternNames.append(patternName)
            change(.addPattern(name: patternName, with: pick(Self.people)))
            change(.setField(name: patternName, field: .pattern(.description), text: sentence()))
            change(.answer(name: patternName, question: .active, text: "\(name) first, then \(sentence())"))
            if chance(0.5) { change(.answer(name: patternName, question: .communicate, text: sentence())) }
        }

        if chance(0.7) {
            change(.setField(name: name, field: .part(chance(0.5) ? .trailhead : .note), text: sentence()))
        }
        change(.answer(name: name, question: .body, text: pick(Self.bodyWords)))
        change(.answer(name: name, question: .toward, text: pick(Self.towardWords)))
        if chance(0.6) { change(.answer(name: name, question: .age, text: pick(Self.ages))) }
        if role == .exile {
            change(.setField(name: name, field: .part(.burden), text: sentence()))
            if chance(0.5) { change(.answer(name: name, question: .message, text: sentence())) }
        } else {
            change(.answer(name: name, question: .job, text: sentence()))
            change(.answer(name: name, question: .afraid, text: sentence()))
        }

        // About three relations a part, with earlier parts.
        guard index > 0 else { return }
        let earlier = { (rng: inout SeededGenerator) in Int.random(in: max(0, index - 2_000)..<index, using: &rng) }
        for _ in 0..<3 {
            let other = earlier(&rng)
            if role.isProtector {
                if roles[other] == .exile || chance(0.4) {
                    let reason = sentence()
                    change(.answer(name: name, question: .protecting, text: reason))
                    relate(index, .protects, other, reason: reason)
                } else if roles[other].isProtector {
                    relate(index, chance(0.5) ? .polarized : .allied, other)
                } else {
                    relate(index, .allied, other)
                }
            } else if roles[other].isProtector {
                relate(other, .protects, index, reason: chance(0.5) ? sentence() : "")
            } else {
                relate(index, .allied, other)
            }
        }
        if !patternNames.isEmpty, chance(0.5) {
            change(.link(part: name, pattern: patternNames[Int.random(in: max(0, patternNames.count - 50)..<patternNames.count, using: &rng)]))
        }
        // Now and then a change taken back and put back again.
        if chance(0.02) {
            change(.setField(name: name, field: .part(.note), text: "not sure about this one"))
            emit(.undo)
            if chance(0.5) { emit(.redo) }
        }
    }

    /// The journal of a map of `parts` parts (complete lines, header first).
    static func map(parts: Int) -> [String] {
        var generator = MapGenerator(maxParts: parts)
        for index in 0..<parts { generator.addPart(index) }
        if generator.sessionOpen { generator.change(.sessionEnd) }
        return generator.lines
    }

    /// The name of a part in every generated map: the first one.
    static var somePart: String { baseNames[0] }
    /// A pattern every generated map has (its first), with parts linked to it.
    static var somePattern: String { "\(patternNames[0]) 1" }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
