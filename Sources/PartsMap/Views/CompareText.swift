/// `compare`: one pattern as each of two maps holds it — who it is with, each side's parts in it and
/// what they protect, each side's reflection answers and incidents — side by side where the terminal
/// is wide enough, one after the other otherwise. Both people's words are quoted back as written;
/// nothing is weighed against the other side.
public enum CompareText {
    /// A pattern of this map with the other map's pattern it is compared to.
    public struct Pair: Equatable, Sendable {
        public var this: EntityID
        public var other: EntityID
    }

    /// The patterns to compare: the one named (found on the other side by `otherName`, or by the same
    /// name), or every pattern the two maps share by name, compared case-insensitively.
    public static func pairs(this: InnerSystem, other: InnerSystem, pattern: String?, otherName: String?, otherMap: String) throws -> [Pair] {
        guard let pattern else {
            let shared = this.patterns.values.compactMap { mine in other.pattern(named: mine.name).map { Pair(this: mine.id, other: $0.id) } }
            guard !shared.isEmpty else { throw CompareError.nothingShared(otherMap, these: this.patterns.values.map(\.name), those: other.patterns.values.map(\.name)) }
            return shared
        }
        let mine: Pattern
        switch try this.resolve(pattern) {
        case .pattern(let id): mine = this.patterns[id]!
        case .part(let id): throw MapError.notAPattern(this.parts[id]!.name)
        }
        let wanted = otherName ?? mine.name
        guard let theirs = other.pattern(named: wanted) else {
            let near = other.nearestName(to: wanted).flatMap { other.pattern(named: $0)?.name }
            throw CompareError.notOnTheOtherMap(wanted, otherMap, suggestion: near, patterns: other.patterns.values.map(\.name))
        }
        return [Pair(this: mine.id, other: theirs.id)]
    }

    public static func render(_ pairs: [Pair], names: (String, String), this: InnerSystem, other: InnerSystem, width: Int) -> String {
        var out = ""
        let (thisTies, otherTies) = (Ties(this), Ties(other))
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out += "\n" }
            let left = side(this.patterns[pair.this]!, mapName: names.0, in: this, ties: thisTies)
            let right = side(other.patterns[pair.other]!, mapName: names.1, in: other, ties: otherTies)
            let heading = this.patterns[pair.this]!.name
            out += "Two stories, one relationship: \(quoted(heading))\n"
            out += width >= 100 ? sideBySide(left, right, width: width) : (left + [""] + right).map { $0 + "\n" }.joined()
        }
        return out
    }

    /// What the sides need from one map, gathered in one pass over its links and relations (in the map's
    /// order): looking them up for every pattern compared grew with patterns × relations.
    struct Ties {
        var partsIn: [EntityID: [EntityID]] = [:]
        var protects: [EntityID: [(part: EntityID, reason: String)]] = [:]

        init(_ system: InnerSystem) {
            for link in system.links { partsIn[link.pattern, default: []].append(link.part) }
            for (relation, reason) in system.relations where relation.kind == .protects {
                protects[relation.from, default: []].append((relation.to, reason))
            }
        }
    }

    /// One map's side of the pattern, line by line.
    static func side(_ pattern: Pattern, mapName: String, in system: InnerSystem, ties: Ties) -> [String] {
        var lines = ["In \(quoted(mapName)): \(pattern.name)"]
        lines.append("With: " + (pattern.with.isEmpty ? "nobody named" : pattern.with))
        if !pattern.description.isEmpty { lines.append("Description: " + pattern.description) }
        let parts = (ties.partsIn[pattern.id] ?? []).map { system.parts[$0]! }
        if parts.isEmpty {
            lines.append("No parts are linked to it yet.")
        } else {
            lines.append("Parts in it:")
            for part in parts {
                lines.append("  \(part.name) (\(ExportText.roleWord(part.role)))")
                for (protected, reason) in ties.protects[part.id] ?? [] {
                    lines.append("    protects \(system.parts[protected]!.name)" + (reason.isEmpty ? "" : " — from \(quoted(reason))"))
                }
                if let protecting = part.answers.last(where: { $0.question == .protecting }) {
                    lines.append("    \(Question.protecting.wording) \(quoted(protecting.text))")
                }
            }
        }
        if !pattern.answers.isEmpty {
            lines.append("Reflections:")
            for answer in pattern.answers {
                lines.append("  \(answer.question.wording)")
                lines.append("    \(quoted(answer.text))")
            }
        }
        if !pattern.incidents.isEmpty {
            lines.append("Looking back:")
            for (index, incident) in pattern.incidents.enumerated() { lines.append("  \(index + 1). \(MapText.shortForm(incident))") }
        }
        return lines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Two columns with a rule between them, each line wrapped to its column.
    static func sideBySide(_ left: [String], _ right: [String], width: Int) -> String {
        let column = (width - 3) / 2
        let (a, b) = (left.flatMap { wrap($0, column) }, right.flatMap { wrap($0, column) })
        var out = ""
        for row in 0..<max(a.count, b.count) {
            let l = row < a.count ? a[row] : ""
            let r = row < b.count ? b[row] : ""
            out += l + String(repeating: " ", count: max(0, column - l.count)) + " │ " + r + "\n"
        }
        return out
    }

    /// A line cut to `width` characters, at a blank where there is one, continuation lines indented like it.
    static func wrap(_ line: String, _ width: Int) -> [String] {
        let indent = String(line.prefix(while: { $0 == " " })) + "  "
        var rest = Substring(line)
        var lines: [String] = []
        while rest.count > width {
            let limit = rest.index(rest.startIndex, offsetBy: width)
            let cut = rest[..<limit].lastIndex(of: " ").flatMap { $0 > rest.startIndex && rest[rest.startIndex..<$0].contains(where: { $0 != " " }) ? $0 : nil } ?? limit
            lines.append(String(rest[..<cut]))
            rest = rest[cut...].drop(while: { $0 == " " })
            rest = Substring(indent + rest)
            if indent.count >= width { break }
        }
        lines.append(String(rest))
        return lines
    }
}

/// Why `compare` found nothing to set side by side.
public enum CompareError: Error, Equatable, Sendable, CustomStringConvertible {
    case nothingShared(String, these: [String], those: [String])
    case notOnTheOtherMap(String, String, suggestion: String?, patterns: [String])

    public var description: String {
        switch self {
        case .nothingShared(let map, let these, let those):
            let list = { (names: [String]) in names.isEmpty ? "none" : names.map { EchoText.quoted($0) }.joined(separator: ", ") }
            return "this map and \(EchoText.quoted(map)) share no pattern by name (here: \(list(these)); there: \(list(those))) — "
                + "`compare MAP PATTERN --as NAME` sets two that are named differently side by side"
        case .notOnTheOtherMap(let name, let map, let suggestion, let patterns):
            if let suggestion { return "\(EchoText.quoted(map)) has no pattern named \(EchoText.quoted(name)) — did you mean \(EchoText.quoted(suggestion))? (`--as NAME` names it as that map does)" }
            let there = patterns.isEmpty ? "it has no patterns yet" : "its patterns: " + patterns.map { EchoText.quoted($0) }.joined(separator: ", ")
            return "\(EchoText.quoted(map)) has no pattern named \(EchoText.quoted(name)) (\(there)); `--as NAME` names it as that map does"
        }
    }
}
