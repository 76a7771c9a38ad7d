/// `trends` in the terminal: one line a part, a sparkline of its daily activation with gaps where
/// there was no check-in, a row under it marking the days it was blended and the steps it took, and
/// Self-energy as its own line; dates on the axis; as wide as the terminal. Plain ASCII (digits)
/// where the terminal or the locale cannot show block characters.
public enum TrendText {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]

    /// A step's letter in the marks row.
    static func letter(_ step: HealingStep) -> Character {
        switch step {
        case .witnessed: "W"
        case .retrieved: "R"
        case .unburdened: "U"
        case .invited: "I"
        case .released: "L"
        }
    }

    static func glyph(_ level: Int, unicode: Bool) -> Character {
        unicode ? blocks[(min(max(level, 0), 10) * 7 + 5) / 10] : digits[min(max(level, 0), 10)]
    }

    /// Whether the locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) and the terminal can show block characters.
    public static func canShowUnicode(environment: (String) -> String?) -> Bool {
        if environment("TERM") == "dumb" { return false }
        var locale = ""
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment(name), !value.isEmpty { locale = value; break }
        }
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    public static func render(_ trends: Trends, width: Int, unicode: Bool, about part: String? = nil) -> String {
        guard !trends.isEmpty else {
            if let part { return "No check-ins or steps for \(quoted(part)) yet — `checkin \(ChangePrinter.name(part)) LEVEL` keeps one.\n" }
            return "No check-ins or Self-energy readings yet — `checkin` (guided) or `checkin PART LEVEL`, and `self LEVEL`, keep them.\n"
        }
        let lines = trends.parts + (trends.selfEnergy.map { [$0] } ?? [])
        let labelWidth = min(20, max(lines.map { $0.name.count }.max() ?? 0, "Sessions".count)) + 2
        let tail = 8  // "  now 10"
        let room = max(10, width - labelWidth - tail)
        let first = max(trends.first, trends.last - room + 1)
        let columns = trends.last - first + 1

        // Plain ASCII throughout where block characters cannot be shown.
        let (dash, ellipsis, dot) = unicode ? ("–", "…", "·") : ("-", "...", ",")
        var out = "Trends \(Timestamp.date(ofDay: first)) \(dash) \(Timestamp.date(ofDay: trends.last)): one column a day, "
        out += "activation 0\(dash)10 (\(unicode ? "▁ low … █ high" : "0 ... 9, X for 10")), a gap where there was no check-in\n"
        if first > trends.first { out += "(the last \(columns) days; a wider terminal shows more, or `--days N`)\n" }
        out += "\n"
        out += axis(first: first, columns: columns, labelWidth: labelWidth)
        var usedLetters: Set<Character> = []
        var anyBlended = false
        for line in lines {
            var row = pad(line.name, labelWidth, ellipsis: ellipsis)
            var marks = String(repeating: " ", count: labelWidth)
            var anyMark = false
            for day in first...trends.last {
                row.append(line.days[day].map { glyph($0.level, unicode: unicode) } ?? " ")
                if let step = line.steps.last(where: { $0.day == day })?.step {
                    marks.append(letter(step))
                    usedLetters.insert(letter(step))
                    anyMark = true
                } else if line.days[day]?.blended == true {
                    marks.append("b")
                    anyBlended = true
                    anyMark = true
                } else {
                    marks.append(" ")
                }
            }
            if let latest = line.days.keys.max().flatMap({ line.days[$0] }) { row += "  now \(latest.level)" }
            out += trimmed(row) + "\n"
            if anyMark { out += trimmed(marks) + "\n" }
        }
        if !trends.sessions.isEmpty {
            var row = pad("Sessions", labelWidth, ellipsis: ellipsis)
            var filled = Array(repeating: Character(" "), count: columns)
            for (day, number) in trends.sessions where day >= first {
                let label = Array(String(number))
                let start = day - first
                guard start + label.count <= columns, filled[start..<(start + label.count)].allSatisfy({ $0 == " " }) else { continue }
                for (i, c) in label.enumerated() { filled[start + i] = c }
            }
            row += String(filled)
            if filled.contains(where: { $0 != " " }) { out += trimmed(row) + "\n" }
        }
        var legend: [String] = []
        if anyBlended { legend.append("b blended (it had taken over)") }
        for step in HealingStep.allCases where usedLetters.contains(letter(step)) { legend.append("\(letter(step)) \(step.rawValue)") }
        if !legend.isEmpty { out += "\nMarks under a day: " + legend.joined(separator: " \(dot) ")
            + (usedLetters.isEmpty ? "" : " (a day with several steps shows its last)") + "\n" }
        // Every step, by name and day.
        for line in lines where !line.steps.isEmpty {
            var days: [(day: Int, steps: [String])] = []
            for taken in line.steps where taken.day >= first {
                if days.last?.day == taken.day { days[days.count - 1].steps.append(taken.step.rawValue) }
                else { days.append((taken.day, [taken.step.rawValue])) }
            }
            guard !days.isEmpty else { continue }
            out += "Steps of \(line.name): " + days.map { "\($0.steps.joined(separator: ", ")) \(Timestamp.shortDate(ofDay: $0.day))" }.joined(separator: "; ") + "\n"
        }
        // A name may hold anything; in ASCII its other characters are left as they are (they are the person's words).
        return EchoText.printable(out)
    }

    /// Dates along the top: a label where it fits, a tick under it.
    static func axis(first: Int, columns: Int, labelWidth: Int) -> String {
        var labels = Array(repeating: Character(" "), count: columns + 8)
        var ticks = Array(repeating: Character(" "), count: columns)
        var next = 0
        for column in 0..<columns {
            guard column >= next else { continue }
            let text = Array(Timestamp.shortDate(ofDay: first + column))
            guard column + text.count <= labels.count else { break }
            for (i, c) in text.enumerated() { labels[column + i] = c }
            ticks[column] = "|"
            next = column + text.count + 3
        }
        let indent = String(repeating: " ", count: labelWidth)
        return trimmed(indent + String(labels)) + "\n" + trimmed(indent + String(ticks)) + "\n"
    }

    static func pad(_ name: String, _ width: Int, ellipsis: String) -> String {
        let shown = name.count > width - 2 ? String(name.prefix(width - 2 - ellipsis.count)) + ellipsis : name
        return shown + String(repeating: " ", count: max(1, width - shown.count))
    }

    static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
