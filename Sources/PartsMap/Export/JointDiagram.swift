/// Both sides of one pattern in one diagram (`export dot|svg|png|pdf --with MAP --pattern NAME`): each
/// map's parts in the pattern (and what they protect) in a cluster of its own, titled with the map's
/// name, meeting at the shared pattern between them. Generated ids only (`a_p3`, `b_p7`, `shared`);
/// every name and answer goes through `DotText` as a quoted label or tooltip, on both sides.
enum JointDiagram {
    struct Side {
        var system: InnerSystem
        var mapName: String
        var pattern: Pattern
    }

    /// The pattern's parts on one side: those linked to it, then what they protect, all the way down.
    static func parts(of side: Side) -> [EntityID] {
        var options = ExportOptions()
        options.pattern = side.pattern.name
        guard let view = try? MapView.select(options, in: side.system) else { return [] }
        return Array(view.partIDs)
    }

    static func dot(_ a: Side, _ b: Side) -> String {
        var out = DotOutput()
        let heading = "Two stories, one relationship: “\(a.pattern.name)”"
        let with = [a, b].map { $0.pattern.with }.filter { !$0.isEmpty }
        let titleLines = [heading] + (with.isEmpty ? [] : ["with " + with.joined(separator: " / ")])
        IncidentDiagram.open("partsmap_both", titled: titleLines, layout: "rankdir=LR newrank=true nodesep=0.4 ranksep=0.8", fontsize: 12, to: &out)
        out.blank()
        out.line("// the pattern both maps share")
        let names = a.pattern.name == b.pattern.name ? a.pattern.name : "\(a.pattern.name) / \(b.pattern.name)"
        out.line("shared [label=\(DotText.label(lines: ExportText.wrap(names, width: Diagram.labelWidth))) "
            + DotWriter.nodeStyle(DiagramStyle.patternLook, isNew: false)
            + " tooltip=\(DotText.tooltip("\(a.mapName): \(Diagram.tooltip(for: a.pattern))\n\n\(b.mapName): \(Diagram.tooltip(for: b.pattern))"))]")
        for (prefix, side) in [("a", a), ("b", b)] {
            let ids = parts(of: side)
            out.blank()
            out.line("// \(prefix == "a" ? "this" : "the other") map's parts in it")
            out.line("subgraph cluster_\(prefix) {")
            out.indent += 1
            out.line("graph [label=\(DotText.label(lines: ExportText.wrap(side.mapName, width: 30))) tooltip=\(DotText.tooltip(side.mapName)) "
                + "fontsize=13 style=rounded color=\"#888888\" penwidth=1.2 margin=14]")
            if ids.isEmpty {
                out.line("\(prefix)_none [shape=plaintext fontcolor=\"#555555\" label=\"No parts linked yet\" tooltip=\"No parts are linked to this pattern yet\"]")
            }
            for id in ids {
                let part = side.system.parts[id]!
                out.line("\(prefix)_p\(id) [label=\(DotText.label(lines: ExportText.wrap(part.name, width: Diagram.labelWidth))) "
                    + DotWriter.nodeStyle(DiagramStyle.look(part.role), isNew: false) + " tooltip=\(DotText.tooltip(Diagram.tooltip(for: part)))]")
            }
            let shown = Set(ids)
            for relation in side.system.relations.keys where relation.kind == .protects && shown.contains(relation.from) && shown.contains(relation.to) {
                // Left to right the other map's way, right to left this map's: both lead out from the shared pattern.
                let (from, to) = ("\(prefix)_p\(relation.from)", "\(prefix)_p\(relation.to)")
                out.line((prefix == "a" ? "\(to) -> \(from) [dir=back arrowtail=normal " : "\(from) -> \(to) [")
                    + DotWriter.edgeStyle(.relation(.protects), isNew: false)
                    + " tooltip=\(DotText.tooltip(ExportText.sentence(.protects, side.system.parts[relation.from]!.name, side.system.parts[relation.to]!.name)))]")
            }
            out.indent -= 1
            out.line("}")
            // Each side's linked parts meet at the shared pattern: this map's on its left, the other's on its right.
            for link in side.system.links where link.pattern == side.pattern.id {
                let (from, to) = prefix == "a" ? ("\(prefix)_p\(link.part)", "shared") : ("shared", "\(prefix)_p\(link.part)")
                out.line("\(from) -> \(to) [color=\"#CC79A7\" penwidth=1.2 arrowhead=none tooltip=\(DotText.tooltip("\(side.system.parts[link.part]!.name) shows up in “\(side.pattern.name)” (\(side.mapName))"))]")
            }
        }
        out.indent -= 1
        out.line("}")
        return out.text
    }
}
