/// `export chart`: the trends as a chart to print — SVG written here, deterministic (the same map,
/// range and title give the same bytes), every piece of the person's text escaped as in the HTML
/// handout. One panel a line (each part with check-ins, then Self-energy), sharing a time axis with
/// a dashed line where each session began; a check-in is a dot (a ringed one when the part was
/// blended), a step a labelled diamond. The diagram's colour-blind-safe palette, and every cue also
/// a shape, a label or a dash, so a greyscale print reads the same. PNG and PDF are rendered from this
/// SVG by librsvg's `rsvg-convert`.
enum ChartWriter {
    static let width = 960
    static let left = 170
    static let right = 30
    static let top = 90
    static let panelHeight = 72
    static let panelGap = 14

    /// The colour a line is drawn in: its role's outline (Self's for Self-energy).
    static func colour(_ role: Role?) -> String {
        guard let role else { return DiagramStyle.selfLook.border }
        return DiagramStyle.look(role).border
    }

    static func write(_ trends: Trends, title: String, subtitle: String) -> String {
        let lines = trends.parts + (trends.selfEnergy.map { [$0] } ?? [])
        let plotWidth = Double(width - left - right)
        let step = plotWidth / Double(max(1, trends.dayCount))
        func x(_ day: Int) -> Double { Double(left) + (Double(day - trends.first) + 0.5) * step }
        let panelsHeight = lines.count * (panelHeight + panelGap)
        let axisY = top + panelsHeight
        let height = axisY + 96
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        func n(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
        }
        func text(_ value: String) -> String { HTMLWriter.text(value) }

        line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        line("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
             + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
        line("<title>\(text(title)) — trends</title>")
        line("<rect width=\"\(width)\" height=\"\(height)\" fill=\"#FFFFFF\"/>")
        line("<text x=\"\(left)\" y=\"28\" font-size=\"18\" fill=\"#222222\">\(text(title)) — activation and Self-energy over time</text>")
        line("<text x=\"\(left)\" y=\"48\" fill=\"#555555\">\(text(subtitle))</text>")

        // Sessions: a dashed line down through every panel, its number above.
        for session in trends.sessions {
            let sx = n(x(session.day))
            line("<line x1=\"\(sx)\" y1=\"\(top - 8)\" x2=\"\(sx)\" y2=\"\(axisY)\" stroke=\"#999999\" stroke-dasharray=\"4 3\"/>")
            line("<text x=\"\(sx)\" y=\"\(top - 12)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555555\">session \(session.number)</text>")
        }

        for (index, series) in lines.enumerated() {
            let y0 = top + index * (panelHeight + panelGap)
            let bottom = Double(y0 + panelHeight - 10), topY = Double(y0 + 14)
            func y(_ level: Int) -> Double { bottom - Double(level) / 10 * (bottom - topY) }
            let colour = colour(series.role)
            line("<g>")
            line("<rect x=\"\(left)\" y=\"\(y0)\" width=\"\(Int(plotWidth))\" height=\"\(panelHeight)\" fill=\"#FAFAFA\" stroke=\"#DDDDDD\"/>")
            for level in [0, 5, 10] {
                line("<line x1=\"\(left)\" y1=\"\(n(y(level)))\" x2=\"\(width - right)\" y2=\"\(n(y(level)))\" stroke=\"#EEEEEE\"/>")
                line("<text x=\"\(left - 6)\" y=\"\(n(y(level) + 4))\" text-anchor=\"end\" font-size=\"9\" fill=\"#777777\">\(level)</text>")
            }
            let name = series.name.count > 24 ? String(series.name.prefix(23)) + "…" : series.name
            let roleWord = series.role.map { ExportText.roleWord($0) } ?? "0–10"
            line("<text x=\"\(left - 22)\" y=\"\(y0 + panelHeight / 2)\" text-anchor=\"end\" font-size=\"12\" fill=\"#222222\">\(text(name))</text>")
            line("<text x=\"\(left - 22)\" y=\"\(y0 + panelHeight / 2 + 14)\" text-anchor=\"end\" font-size=\"9\" fill=\"#666666\">\(text(roleWord))</text>")
            // Consecutive days joined by a line; across days with no check-in, a dashed one.
            let days = series.days.keys.sorted()
            for (a, b) in zip(days, days.dropFirst()) {
                let dash = b - a > 1 ? " stroke-dasharray=\"3 3\" stroke-opacity=\"0.6\"" : ""
                line("<line x1=\"\(n(x(a)))\" y1=\"\(n(y(series.days[a]!.level)))\" x2=\"\(n(x(b)))\" y2=\"\(n(y(series.days[b]!.level)))\" "
                     + "stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            }
            for day in days {
                let reading = series.days[day]!
                let tip = "\(Timestamp.date(ofDay: day)): \(reading.level)/10\(reading.blended ? ", blended" : "")"
                if reading.blended {
                    line("<circle cx=\"\(n(x(day)))\" cy=\"\(n(y(reading.level)))\" r=\"6\" fill=\"#FFFFFF\" stroke=\"#222222\" stroke-width=\"1.5\"><title>\(text(tip))</title></circle>")
                }
                line("<circle cx=\"\(n(x(day)))\" cy=\"\(n(y(reading.level)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(text(tip))</title></circle>")
            }
            // One mark a day, naming every step of that day.
            var stepDays: [(day: Int, names: [String])] = []
            for taken in series.steps {
                if stepDays.last?.day == taken.day { stepDays[stepDays.count - 1].names.append(taken.step.rawValue) }
                else { stepDays.append((taken.day, [taken.step.rawValue])) }
            }
            for (day, names) in stepDays {
                let sx = x(day), sy = Double(y0 + 8)
                let label = names.joined(separator: ", ")
                line("<path d=\"M\(n(sx)) \(n(sy - 5)) L\(n(sx + 5)) \(n(sy)) L\(n(sx)) \(n(sy + 5)) L\(n(sx - 5)) \(n(sy)) Z\" fill=\"#222222\">"
                     + "<title>\(text(Timestamp.date(ofDay: day) + ": " + label))</title></path>")
                // Near the right-hand edge the label goes to the left of its mark.
                let leftward = sx > Double(width - right) - Double(label.count) * 6.5
                line("<text x=\"\(n(leftward ? sx - 8 : sx + 8))\" y=\"\(n(sy + 4))\"\(leftward ? " text-anchor=\"end\"" : "") font-size=\"10\" "
                     + "fill=\"#222222\">\(text(label))</text>")
            }
            line("</g>")
        }

        // The time axis: about eight dates, evenly spaced.
        line("<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(width - right)\" y2=\"\(axisY)\" stroke=\"#888888\"/>")
        let every = max(1, (trends.dayCount + 7) / 8)
        for day in stride(from: trends.first, through: trends.last, by: every) {
            line("<line x1=\"\(n(x(day)))\" y1=\"\(axisY)\" x2=\"\(n(x(day)))\" y2=\"\(axisY + 5)\" stroke=\"#888888\"/>")
            line("<text x=\"\(n(x(day)))\" y=\"\(axisY + 18)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#444444\">\(Timestamp.shortDate(ofDay: day))</text>")
        }
        // The key.
        let ky = axisY + 48
        line("<g font-size=\"11\" fill=\"#333333\">")
        line("<circle cx=\"\(left + 6)\" cy=\"\(ky - 4)\" r=\"3.5\" fill=\"#555555\"/><text x=\"\(left + 16)\" y=\"\(ky)\">a check-in, 0–10 (the day's latest)</text>")
        line("<circle cx=\"\(left + 236)\" cy=\"\(ky - 4)\" r=\"6\" fill=\"#FFFFFF\" stroke=\"#222222\" stroke-width=\"1.5\"/>"
             + "<circle cx=\"\(left + 236)\" cy=\"\(ky - 4)\" r=\"3.5\" fill=\"#555555\"/><text x=\"\(left + 248)\" y=\"\(ky)\">blended (it had taken over)</text>")
        line("<path d=\"M\(left + 436) \(ky - 9) L\(left + 441) \(ky - 4) L\(left + 436) \(ky + 1) L\(left + 431) \(ky - 4) Z\" fill=\"#222222\"/>"
             + "<text x=\"\(left + 448)\" y=\"\(ky)\">a step of healing</text>")
        line("<line x1=\"\(left + 572)\" y1=\"\(ky - 10)\" x2=\"\(left + 572)\" y2=\"\(ky + 2)\" stroke=\"#999999\" stroke-dasharray=\"4 3\"/>"
             + "<text x=\"\(left + 580)\" y=\"\(ky)\">a session began</text>")
        line("<line x1=\"\(left)\" y1=\"\(ky + 16)\" x2=\"\(left + 12)\" y2=\"\(ky + 16)\" stroke=\"#555555\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/>"
             + "<text x=\"\(left + 16)\" y=\"\(ky + 20)\">dashed: days in between without a check-in</text>")
        line("</g>")
        line("</svg>")
        return out
    }
}
