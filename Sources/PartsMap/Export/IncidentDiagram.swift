/// One incident of a pattern drawn as DOT (`export dot|svg|png|pdf --incident PATTERN[:N]`): a
/// debrief's moments in order, top to bottom, the part active at each beside it in its role's
/// style, the options branching off each moment, and "next time" at the end; a rupture's answers
/// in the order asked. Generated ids only (`start`, `m1`, `m1_part`, `m1_options`, `next`); every
/// piece of the person's text goes through `DotText` as a quoted label or tooltip.
enum IncidentDiagram {
    /// The incident `reference` names: `PATTERN` (its latest) or `PATTERN:N`. A pattern whose own
    /// name ends in `:N` is found by that whole name first.
    static func find(_ reference: String, in system: InnerSystem) throws(ExportError) -> (pattern: Pattern, number: Int) {
        var name = reference
        var number: Int?
        if system.pattern(named: reference) == nil, let colon = reference.lastIndex(of: ":"),
           let n = Int(reference[reference.index(after: colon)...]) {
            name = String(reference[..<colon])
            number = n
        }
        let pattern: Pattern
        switch system.entity(named: name) {
        case .pattern(let id): pattern = system.patterns[id]!
        case .part(let id): throw .notAPattern(system.parts[id]!.name)
        case nil: throw .noSuchPattern(name, suggestion: system.nearestName(to: name))
        }
        let count = pattern.incidents.count
        let chosen = number ?? count
        guard chosen >= 1, chosen <= count else { throw .noSuchIncident(pattern.name, number: number, count: count) }
        return (pattern, chosen)
    }

    /// `digraph NAME {` with the title, the layout and the fonts: what a diagram of its own begins with.
    static func open(_ name: String, titled titleLines: [String], layout: String, fontsize: Int, to out: inout DotOutput) {
        let font = DiagramStyle.fontname
        out.line("digraph \(name) {")
        out.indent += 1
        out.line("graph [charset=\"UTF-8\" fontname=\"\(font)\" fontsize=16 labelloc=t labeljust=c")
        out.line("       label=\(DotText.label(lines: titleLines.flatMap { ExportText.wrap(ExportText.glance($0, limit: 200), width: 60) }))")
        out.line("       tooltip=\(DotText.tooltip(titleLines.joined(separator: "\n")))")
        out.line("       \(layout) pad=0.3 bgcolor=\"#FFFFFF\"]")
        out.line("node [fontname=\"\(font)\" fontsize=\(fontsize) margin=\"0.14,0.06\"]")
        out.line("edge [fontname=\"\(font)\" fontsize=9 fontcolor=\"#333333\" arrowsize=0.8]")
    }

    static func dot(_ pattern: Pattern, number: Int, in system: InnerSystem, context: ExportContext) -> String {
        let incident = pattern.incidents[number - 1]
        var out = DotOutput()
        /// A node: its heading, then a glance at the answer; the tooltip has the answer whole.
        func node(_ id: String, _ heading: String, _ text: String?, style: String) {
            var lines = heading.isEmpty ? [] : ExportText.wrap(heading, width: 30)
            if let text { lines += ExportText.wrap(ExportText.glance(text, limit: 140), width: 26) }
            let full = text.map { heading.isEmpty ? $0 : "\(heading)\n\($0)" } ?? heading
            out.line("\(id) [label=\(DotText.label(lines: lines)) \(style) tooltip=\(DotText.tooltip(full))]")
        }
        let mapName = context.mapName.isEmpty ? "Inner system map" : context.mapName
        let what = "\(incident.kind.rawValue) \(number)" + (incident.title.isEmpty ? "" : ": \(incident.title)")
        let titleLines = [mapName, "“\(pattern.name)” — \(what)"] + [incident.at?.localDate].compactMap { $0 }
        IncidentDiagram.open("partsmap_incident", titled: titleLines, layout: "rankdir=TB newrank=true nodesep=0.5 ranksep=0.45", fontsize: 11, to: &out)
        let note = DotWriter.nodeStyle(DiagramStyle.patternLook, isNew: false)
        let step = "shape=box style=\"rounded,filled\" fillcolor=\"#F4F4F4\" color=\"#555555\" penwidth=1.2"
        let option = "shape=box style=\"dashed,rounded\" color=\"#777777\" fontcolor=\"#333333\""
        var chain: [String] = []
        switch incident.kind {
        case .debrief:
            out.blank()
            out.line("// how it went, then each moment in order, then next time")
            node("start", "How it went", incident[.highlight], style: note)
            chain.append("start")
            for (index, moment) in incident.moments.enumerated() {
                let id = "m\(index + 1)"
                var lines: [String] = []
                if let happened = moment[.happened] { lines.append(happened) }
                if let did = moment[.did] { lines.append("I did: " + did) }
                node(id, "Moment \(index + 1)", lines.isEmpty ? nil : lines.joined(separator: "\n"), style: step)
                chain.append(id)
                if let active = moment[.part] {
                    let partStyle: String
                    var shownName = active
                    if let partID = moment.partID, let part = system.parts[partID] {
                        partStyle = DotWriter.nodeStyle(DiagramStyle.look(part.role), isNew: false)
                        shownName = part.name
                    } else {
                        partStyle = "shape=box style=\"dashed\" color=\"#555555\""  // the person's words, no part on the map
                    }
                    node("\(id)_part", "", shownName, style: partStyle)
                    out.line("\(id)_part -> \(id) [color=\"#555555\" style=solid arrowhead=dot label=\"active\" tooltip=\"the part that was active\"]")
                }
                if let options = moment[.options] {
                    node("\(id)_options", "Options", options, style: option)
                    out.line("\(id) -> \(id)_options [style=dashed color=\"#777777\" label=\"could have\" tooltip=\"what else you could have done\"]")
                }
                // The part on the left, the moment, its options on the right: one row.
                let row = [moment[.part] == nil ? nil : "\(id)_part", id, moment[.options] == nil ? nil : "\(id)_options"].compactMap { $0 }
                if row.count > 1 { out.line("{ rank=same; \(row.joined(separator: "; ")) }") }
            }
            node("next", "Next time", incident[.next] ?? "not answered yet", style: incident[.next] == nil ? option : note)
            chain.append("next")
        case .rupture:
            out.blank()
            out.line("// the rupture and its repair, in the order asked")
            for question in IncidentKind.rupture.questions {
                let id = question.rawValue
                let open = question == .repair && incident.isOpen
                node(id, question.wording, incident[question] ?? (open ? "still open" : nil), style: incident[question] == nil ? option : step)
                chain.append(id)
            }
        }
        if chain.count > 1 {
            out.blank()
            out.line("// in order")
            for pair in zip(chain, chain.dropFirst()) { out.line("\(pair.0) -> \(pair.1) [color=\"#333333\" penwidth=1.4]") }
        }
        out.indent -= 1
        out.line("}")
        return out.text
    }
}
