/// A session handout in Markdown: the map's title and date, the diagram, each part with its
/// role, fields and dated answers, each pattern with its parts. The person's words are kept as
/// written (escaped so Markdown shows them as text); partsmap's own words stay gentle.
enum MarkdownWriter {
    enum Picture {
        /// An image file beside the handout (its name, as the handout links it).
        case file(String)
        /// Mermaid text, inlined in a fenced block.
        case mermaid(String)
    }

    /// Where the handout's diagram goes: beside FILE, FILE's name with `.svg` for its extension.
    static func companionPath(for file: String) -> (path: String, name: String) {
        let slash = file.lastIndex(of: "/")
        let directory = slash.map { String(file[...$0]) } ?? ""
        let base = slash.map { String(file[file.index(after: $0)...]) } ?? file
        var stem = base
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { stem = String(base[..<dot]) }
        var name = stem + ".svg"
        if name == base { name = base + ".svg" }
        return (directory + name, name)
    }

    static func write(system: InnerSystem, view: MapView, diagram: Diagram, picture: Picture, context: ExportContext) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }

        line("# " + inline(diagram.title))
        line()
        var about: [String] = []
        if !context.date.isEmpty { about.append(inline(context.date)) }
        if let caption = view.caption { about.append(inline(caption)) }
        about.append("a map of parts, in their own words, to bring to a session")
        line("*" + about.joined(separator: " · ") + "*")
        line()

        switch picture {
        case .file(let name):
            line("![Diagram of the map: the parts, how they relate, and the patterns they show up in](\(linkTarget(name)))")
        case .mermaid(let text):
            line("```mermaid")
            out += text
            line("```")
        }
        line()

        if view.isEmpty {
            line(inline(view.emptyNote ?? "Nothing is mapped yet."))
            line()
        }

        let ties = HandoutTies(view)
        let parts = view.partIDs.map { system.parts[$0]! }
        if !parts.isEmpty {
            line("## Parts")
            line()
            for part in parts { writePart(part, system: system, ties: ties, into: &out) }
        }

        let patterns = view.patternIDs.map { system.patterns[$0]! }
        if !patterns.isEmpty {
            line("## Relationship patterns")
            line()
            for pattern in patterns { writePattern(pattern, system: system, ties: ties, into: &out) }
        }

        writeCheckins(system: system, parts: Set(view.partIDs), into: &out)

        line("---")
        line()
        line("*Made with partsmap. Every part here is trying to help in its own way. This map is a way of "
            + "getting curious about an inner world — not a diagnosis and not therapy.*")
        return out
    }

    private static func writePart(_ part: Part, system: InnerSystem, ties: HandoutTies, into out: inout String) {
        func line(_ text: String = "") { out += text + "\n" }
        line("### " + inline(part.name))
        line()
        line("*\(ExportText.roleWord(part.role))*")
        line()
        var fieldLines: [String] = []
        for field in PartField.allCases {
            if let value = part.fields[field], !value.isEmpty {
                fieldLines.append("- **\(field.title):** " + block(value, indent: "  "))
            }
        }
        if !fieldLines.isEmpty {
            for fieldLine in fieldLines { line(fieldLine) }
            line()
        }

        func names(_ ids: [EntityID]) -> String {
            ids.map { inline(ties.names[$0]) }.joined(separator: ", ")
        }
        let tied = ties.labelled(part.id).map { "**\($0.label):** " + names($0.ids) }
        if !tied.isEmpty {
            line(tied.joined(separator: " · "))
            line()
        }

        if !part.steps.isEmpty {
            line("**Steps taken:** " + part.steps.map { step in
                inline(step.step.rawValue) + (ExportText.date(step.at).map { " (\($0))" } ?? "") + (step.text.isEmpty ? "" : " — " + inline(step.text))
            }.joined(separator: "; "))
            line()
        }

        if !part.answers.isEmpty {
            line("**What it has said**")
            line()
            writeAnswers(part.answers, into: &out)
        }
    }

    private static func writePattern(_ pattern: Pattern, system: InnerSystem, ties: HandoutTies, into out: inout String) {
        func line(_ text: String = "") { out += text + "\n" }
        line("### " + inline(pattern.name))
        line()
        if !pattern.with.isEmpty {
            line("*with " + inline(pattern.with) + "*")
            line()
        }
        if !pattern.description.isEmpty {
            line(block(pattern.description, indent: ""))
            line()
        }
        let parts = (ties.patterns[pattern.id] ?? []).map { inline(ties.names[$0]) }
        line(parts.isEmpty ? "*No parts are linked to it yet.*" : "**Parts that show up here:** " + parts.joined(separator: ", "))
        line()
        let echoes = ties.labelledEchoes(pattern.id)
            .map { "**\($0.label):** " + $0.ids.map { inline(ties.names[$0]) }.joined(separator: ", ") }
        if !echoes.isEmpty {
            line(echoes.joined(separator: " · "))
            line()
        }
        if !pattern.answers.isEmpty {
            line("**Reflections**")
            line()
            writeAnswers(pattern.answers, into: &out)
        }
        if !pattern.incidents.isEmpty {
            line("**Looking back**")
            line()
            for (index, incident) in pattern.incidents.enumerated() { writeIncident(incident, number: index + 1, system: system, into: &out) }
        }
    }

    /// One debrief or rupture: a list item with each answer given, a debrief's moments numbered.
    private static func writeIncident(_ incident: Incident, number: Int, system: InnerSystem, into out: inout String) {
        let title = incident.title.isEmpty ? "" : " — " + inline(incident.title)
        let date = ExportText.date(incident.at).map { " — \($0)" } ?? ""
        let open = incident.isOpen ? " (open: the repair is still to come)" : ""
        out += "- *\(incident.kind.rawValue) \(number)*\(title)\(date)\(open)\n\n"
        func answer(_ label: String, _ text: String?, indent: String = "  ") {
            guard let text else { return }
            out += "\(indent)- **\(label)** " + block(text, indent: indent + "  ") + "\n"
        }
        switch incident.kind {
        case .debrief:
            answer(IncidentQuestion.highlight.short.prefix(1).uppercased() + IncidentQuestion.highlight.short.dropFirst() + ":", incident[.highlight])
            for (index, moment) in incident.moments.enumerated() {
                out += "  - **Moment \(index + 1)**\n"
                var active = moment[.part]
                if let id = moment.partID, let part = system.parts[id] { active = part.name }
                answer("What happened:", moment[.happened], indent: "    ")
                answer("Part active:", active, indent: "    ")
                answer("What I did:", moment[.did], indent: "    ")
                answer("Options:", moment[.options], indent: "    ")
            }
            answer("Next time:", incident[.next])
        case .rupture:
            for question in IncidentKind.rupture.questions { answer("*\(question.wording)*", incident[question]) }
        }
        out += "\n"
    }

    /// The latest check-ins of the parts in view, newest first, and the latest Self-energy readings.
    private static func writeCheckins(system: InnerSystem, parts: Set<EntityID>, into out: inout String) {
        let recent = HandoutCheckins(system, parts: parts)
        guard !recent.checkins.isEmpty || !recent.selfReadings.isEmpty else { return }
        func line(_ text: String = "") { out += text + "\n" }
        line("## Recent check-ins")
        line()
        if !recent.checkins.isEmpty {
            line("| Date | Part | How strongly (0–10) | Blended | What set it off |")
            line("|---|---|---|---|---|")
            for (part, checkin) in recent.checkins {
                line("| \(ExportText.date(checkin.at) ?? "") | \(inline(part.name)) | \(checkin.level) | \(checkin.blended ? "yes" : "") | \(inline(checkin.text)) |")
            }
            line()
        }
        if !recent.selfReadings.isEmpty {
            line("**Self-energy:** " + recent.selfReadings.map { reading in
                (ExportText.date(reading.at).map { "\($0) " } ?? "") + (reading.energy.map { "\($0)/10" } ?? inline(reading.note))
            }.joined(separator: " · "))
            line()
        }
    }

    private static func writeAnswers(_ answers: [Answer], into out: inout String) {
        for answer in answers {
            let date = ExportText.date(answer.at).map { " — \($0)" } ?? ""
            out += "- *\(answer.question.wording)*\(date)\n\n"
            // Quoted, line for line: a line followed by more text ends in a hard break.
            let lines = ExportText.paragraphs(answer.text)
            for (index, paragraphLine) in lines.enumerated() {
                let continues = index + 1 < lines.count && !lines[index + 1].isEmpty
                out += paragraphLine.isEmpty ? "  >\n" : "  > " + lineText(paragraphLine) + (continues ? "\\" : "") + "\n"
            }
            out += "\n"
        }
    }

    /// Text on one line (headings, names in lists): line breaks become spaces.
    static func inline(_ text: String) -> String {
        lineText(ExportText.paragraphs(text).joined(separator: " "))
    }

    /// Text that may run over several lines, inside a paragraph or list item: each line break
    /// kept as a hard break (a trailing backslash), continuation lines indented.
    static func block(_ text: String, indent: String) -> String {
        let lines = ExportText.paragraphs(text)
        var result = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { result += "\n" + (line.isEmpty ? "" : indent) }
            result += lineText(line)
            // A hard break only between two lines of text (a blank line starts a new paragraph).
            if index + 1 < lines.count, !line.isEmpty, !lines[index + 1].isEmpty { result += "\\" }
        }
        return result
    }

    /// The bytes `lineText` escapes: Markdown's punctuation and `&`.
    private static func isMarkdownPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x23, 0x7C, 0x7E, 0x24, 0x3D, 0x25, 0x5E, 0x21, 0x26: true  // \ ` * _ [ ] < > # | ~ $ = % ^ ! &
        default: false
        }
    }

    /// One line of the person's text, made to show as text: Markdown's (and Obsidian's)
    /// punctuation escaped with a backslash, `&` as an entity, and a line start that could
    /// open a list or a heading escaped.
    static func lineText(_ text: String) -> String {
        // Most text needs no escape (one pass over its bytes): it goes in whole — unless it could start a list.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != 0xC2 && !isMarkdownPunctuation($0) }),
           let first = text.utf8.first(where: { $0 != 0x20 }), first != 0x2D, first != 0x2B, !(0x30...0x39).contains(first) {
            return text
        }
        return escapedLineText(text)
    }

    /// `lineText` done the long way, scalar by scalar (what its fast path must equal).
    static func escapedLineText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "$", "=", "%", "^", "!":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case "&": result += "&amp;"
            case "\t": result += " "
            default:
                if Escaping.isControl(scalar) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        // A list marker (`- `, `+ `, `1. `, `2) `) at the start would start a list.
        let scalars = Array(result.unicodeScalars)
        var start = 0
        while start < scalars.count, scalars[start] == " " { start += 1 }
        if start < scalars.count {
            if scalars[start] == "-" || scalars[start] == "+" {
                var escaped = String.UnicodeScalarView(scalars[..<start])
                escaped.append("\\")
                escaped.append(contentsOf: scalars[start...])
                return String(escaped)
            }
            var end = start
            while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
            if end > start, end < scalars.count, scalars[end] == "." || scalars[end] == ")" {
                var escaped = String.UnicodeScalarView(scalars[..<end])
                escaped.append("\\")
                escaped.append(contentsOf: scalars[end...])
                return String(escaped)
            }
        }
        return result
    }

    /// A file name as a link target: characters outside the URL-safe set percent-encoded.
    static func linkTarget(_ name: String) -> String {
        var result = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + ExportText.hex2(byte)
            }
        }
        return result
    }
}
