/// Writes a diagram as Graphviz DOT: generated ids only (`p1`, `pat3`, `self`, `cluster_with1`,
/// `legend_…`), every piece of the person's text through `DotText` as a quoted label or
/// tooltip, everything in the map's order — the same map gives the same bytes.
///
/// Each node and edge is written as the diagram works it out from the map, and with a sink the
/// bytes leave a piece at a time: the DOT of a large map is never held whole, nor its nodes.
enum DotWriter {
    static func write(_ diagram: Diagram) -> String { String(decoding: bytes(diagram), as: UTF8.self) }

    /// The DOT as UTF-8 bytes, as a file holds them.
    static func bytes(_ diagram: Diagram) -> [UInt8] {
        var out = DotOutput()
        // Room for a typical map's DOT from the start (some 450 bytes a node or edge), rather than
        // doubling up to it.
        out.bytes.reserveCapacity(4_096 + 512 * diagram.partAndEdgeCount)
        write(diagram, to: &out)
        return out.bytes
    }

    /// The same bytes handed to `sink` a piece at a time (`DotOutput.pieceSize`), in order: a large
    /// map's DOT is hundreds of megabytes, and a file or a pipe needs none of it kept.
    static func write(_ diagram: Diagram, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var out = DotOutput()
            out.sink = sink
            write(diagram, to: &out)
            out.flush()
        }
    }

    private static func write(_ diagram: Diagram, to out: inout DotOutput) {
        let font = DiagramStyle.fontname
        out.line("digraph partsmap {")
        out.indent += 1
        let titleLines = [diagram.title] + (diagram.subtitle.isEmpty ? [] : [diagram.subtitle])
        out.line("graph [charset=\"UTF-8\" fontname=\"\(font)\" fontsize=18 labelloc=t labeljust=c")
        out.line("       label=\(DotText.label(lines: titleLines))")
        out.line("       tooltip=\(DotText.tooltip(titleLines.joined(separator: "\n")))")
        out.line("       rankdir=TB newrank=true nodesep=0.45 ranksep=0.6 pad=0.3 outputorder=edgesfirst bgcolor=\"#FFFFFF\"]")
        out.line("node [fontname=\"\(font)\" fontsize=12 margin=\"0.14,0.06\"]")
        out.line("edge [fontname=\"\(font)\" fontsize=9 fontcolor=\"#333333\" arrowsize=0.8]")

        if let selfNode = diagram.selfNode {
            out.blank()
            out.line("// Self: not a part, the calm centre")
            out.line("\(selfNode.id) [\(attributes(of: selfNode)) width=1.1 height=0.75 fontsize=14]")
        }
        section("parts", diagram.parts, to: &out, writeNode)
        if !diagram.loosePatternIDs.isEmpty || !diagram.groups.isEmpty {
            out.blank()
            out.line("// relationship patterns, grouped by the person they happen with")
            for node in diagram.loosePatterns { writeNode(node, to: &out) }
            for group in diagram.groups {
                out.line("subgraph cluster_with\(group.number) {")
                out.indent += 1
                out.line("graph [label=\(DotText.label(lines: ExportText.wrap(group.label, width: 30))) "
                    + "tooltip=\(DotText.tooltip(group.tooltip)) fontsize=12 fontcolor=\"#6B2E50\" "
                    + "style=\"rounded,filled\" color=\"\(DiagramStyle.personBorder)\" fillcolor=\"\(DiagramStyle.personFill)\" "
                    + "penwidth=1.2 margin=12]")
                for node in diagram.nodes(in: group) { writeNode(node, to: &out) }
                out.indent -= 1
                out.line("}")
            }
        }
        if let note = diagram.emptyNote {
            out.blank()
            out.line("empty_note [shape=plaintext fontcolor=\"#555555\" label=\(DotText.label(note)) tooltip=\(DotText.tooltip(note))]")
        }

        section("how parts relate", diagram.relationEdges, to: &out) { edge, out in
            writeEdge(edge, from: edge.from, to: edge.to, to: &out)
        }
        // Drawn from the pattern down to the part, so patterns (the outer side) sit above the
        // parts that show up in them; the small circle marks the pattern's end.
        section("where parts show up in relationship patterns", diagram.linkEdges, to: &out) { edge, out in
            writeEdge(edge, from: edge.to, to: edge.from, to: &out)
        }
        if let selfNode = diagram.selfNode {
            section("keeps Self above the map, not tied to any one part", diagram.selfAnchors, to: &out) { anchor, out in
                out.line("\(selfNode.id) -> \(anchor.id) [style=invis weight=2\(anchor.minlen > 1 ? " minlen=\(anchor.minlen)" : "")]")
            }
        }
        if !diagram.legend.isEmpty {
            writeLegend(diagram.legend, to: &out)
            // Under the map: below the nodes nothing hangs from, with no pull sideways.
            for sink in diagram.sinks { out.line("\(sink) -> legend_1 [style=invis weight=0]") }
        }
        out.indent -= 1
        out.line("}")
    }

    /// A blank line, `// comment` and a line or more for each of `items`; nothing when there are
    /// none (known only once they are read: they come from the map as they are written).
    private static func section<Items: Sequence>(_ comment: String, _ items: Items, to out: inout DotOutput,
                                                 _ write: (Items.Element, inout DotOutput) -> Void) {
        var items = items.makeIterator()
        guard let first = items.next() else { return }
        out.blank()
        out.line("// " + comment)
        write(first, &out)
        while let item = items.next() { write(item, &out) }
    }

    /// `id [attributes]` on a line of its own, written straight into `out`.
    static func writeNode(_ node: Diagram.Node, to out: inout DotOutput) {
        out.startLine()
        out.add(node.id)
        out.add(" [label=")
        out.add(DotText.label(lines: ExportText.wrap(node.label, width: Diagram.labelWidth) + (node.marks.map { [$0] } ?? [])))
        out.add(" ")
        switch (node.kind, node.isNew) {
        case (.part(let role), false): out.add(roleStyles[role]!)
        case (.pattern, false): out.add(patternStyle)
        default: out.add(nodeStyle(look(of: node.kind), isNew: node.isNew))
        }
        // Later attributes win: the weight of its latest activation (a highlight keeps its own), a second outline.
        if let weight = node.weight, !node.isNew {
            out.add(" penwidth=")
            out.add(weight)
        }
        if node.stepped { out.add(" peripheries=2") }
        out.add(" tooltip=")
        out.add(DotText.tooltip(node.tooltip))
        out.add("]")
        out.endLine()
    }

    /// `from -> to [attributes]` on a line of its own, written straight into `out`.
    static func writeEdge(_ edge: Diagram.Edge, from: String, to: String, to out: inout DotOutput) {
        out.startLine()
        out.add(from)
        out.add(" -> ")
        out.add(to)
        out.add(" [")
        switch (edge.kind, edge.isNew) {
        case (.relation(let kind), false): out.add(relationStyles[kind]!)
        case (.link, false): out.add(linkStyle)
        default: out.add(edgeStyle(edge.kind, isNew: edge.isNew))
        }
        let tooltip = DotText.tooltip(edge.tooltip)
        if let label = edge.label {
            out.add(" label=")
            out.add(DotText.label(lines: ExportText.wrap(label, width: 20)))
            out.add(" labeltooltip=")
            out.add(tooltip)
        }
        out.add(" tooltip=")
        out.add(tooltip)
        out.add("]")
        out.endLine()
    }

    // The styles of everything not highlighted, worked out once rather than for every node and edge.
    static let roleStyles = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, nodeStyle(DiagramStyle.look($0), isNew: false)) })
    static let patternStyle = nodeStyle(DiagramStyle.patternLook, isNew: false)
    static let relationStyles = Dictionary(uniqueKeysWithValues: RelationKind.allCases.map { ($0, edgeStyle(.relation($0), isNew: false)) })
    static let linkStyle = edgeStyle(.link, isNew: false)

    static func look(of kind: Diagram.NodeKind) -> DiagramStyle.NodeLook {
        switch kind {
        case .part(let role): DiagramStyle.look(role)
        case .pattern: DiagramStyle.patternLook
        case .selfNode: DiagramStyle.selfLook
        }
    }

    static func attributes(of node: Diagram.Node) -> String {
        let look: DiagramStyle.NodeLook
        switch node.kind {
        case .part(let role): look = DiagramStyle.look(role)
        case .pattern: look = DiagramStyle.patternLook
        case .selfNode: look = DiagramStyle.selfLook
        }
        var attributes = "label=\(DotText.label(lines: ExportText.wrap(node.label, width: Diagram.labelWidth) + (node.marks.map { [$0] } ?? []))) "
            + nodeStyle(look, isNew: node.isNew)
        if let weight = node.weight, !node.isNew { attributes += " penwidth=\(weight)" }
        attributes += " tooltip=\(DotText.tooltip(node.tooltip))"
        return attributes
    }

    static func nodeStyle(_ look: DiagramStyle.NodeLook, isNew: Bool) -> String {
        var style = "shape=\(look.shape) style=\"\(look.style)\" fillcolor=\"\(look.fill)\" color=\"\(look.border)\" "
            + "penwidth=\(isNew ? DiagramStyle.newPenwidth : look.penwidth)"
        if !look.extra.isEmpty { style += " " + look.extra }
        return style
    }

    static func edgeStyle(_ kind: Diagram.EdgeKind, isNew: Bool, inLegend: Bool = false) -> String {
        let look: DiagramStyle.EdgeLook
        switch kind {
        case .relation(let relation): look = DiagramStyle.look(relation)
        case .link: look = DiagramStyle.linkLook
        }
        // A legend sample is a level line whatever the kind: only the map's lines may need
        // to stay out of the ranking.
        return "color=\"\(look.color)\" style=\(look.style) penwidth=\(isNew ? DiagramStyle.newPenwidth : look.penwidth) \(look.extra)"
            + (look.constrains || inLegend ? "" : " constraint=false")
    }

    /// A small key in its own box under the map: a row of sample shapes, then a row of sample
    /// lines, only what the diagram uses.
    ///
    /// The rows are `rank=same` sets without edges between their members (an invisible flat
    /// edge makes dot leave a wide gap); dot places such a row right to left in the order the
    /// nodes are written, so each row is written back to front to read left to right.
    static func writeLegend(_ items: [Diagram.LegendItem], to out: inout DotOutput) {
        out.blank()
        out.line("// legend: only what this diagram uses")
        out.line("subgraph cluster_legend {")
        out.indent += 1
        out.line("graph [label=\"Legend\" tooltip=\"Legend\" fontsize=11 fontcolor=\"#444444\" style=rounded color=\"#BBBBBB\" penwidth=1 margin=10]")
        out.line("node [fontsize=9 margin=\"0.06,0.02\" width=0.3 height=0.25]")
        out.line("edge [fontsize=9 fontcolor=\"#222222\"]")
        var shapes: [(id: String, attributes: String)] = []
        var lines: [(id: String, label: String, style: String)] = []
        for (index, item) in items.enumerated() {
            let id = "legend_\(index + 1)"
            switch item {
            case .selfNode:
                shapes.append((id, "label=\"Self\" tooltip=\"Self\" \(nodeStyle(DiagramStyle.selfLook, isNew: false))"))
            case .role(let role):
                let word = ExportText.roleWord(role)
                // The legend's own small margin wins over a role's (written last).
                shapes.append((id, "label=\(DotText.label(lines: ExportText.wrap(word, width: 10))) tooltip=\(DotText.tooltip(word)) "
                    + nodeStyle(DiagramStyle.look(role), isNew: false) + " margin=\"0.04,0.02\""))
            case .pattern:
                shapes.append((id, "label=\"pattern\" tooltip=\"relationship pattern\" \(nodeStyle(DiagramStyle.patternLook, isNew: false))"))
            case .new(let text):
                shapes.append((id, "label=\(DotText.label(text)) tooltip=\(DotText.tooltip(text)) shape=box style=\"rounded,filled\" "
                    + "fillcolor=\"#FFFFFF\" color=\"\(DiagramStyle.newColor)\" penwidth=\(DiagramStyle.newPenwidth)"))
            case .activation:
                let text = "outline weight: latest check-in, 0–10"
                shapes.append((id, "label=\(DotText.label(lines: ["heavier", "= more here"])) tooltip=\(DotText.tooltip(text)) shape=box "
                    + "style=\"rounded,filled\" fillcolor=\"#FFFFFF\" color=\"#333333\" penwidth=\(Diagram.weight(8))"))
            case .step:
                let text = "second outline: a step of healing taken (its name inside)"
                shapes.append((id, "label=\(DotText.label(lines: ["step", "taken"])) tooltip=\(DotText.tooltip(text)) shape=box "
                    + "style=\"rounded,filled\" fillcolor=\"#FFFFFF\" color=\"#333333\" penwidth=1.2 peripheries=2"))
            case .relation(let kind):
                lines.append((id, kind.rawValue, edgeStyle(.relation(kind), isNew: false, inLegend: true)))
            case .link:
                lines.append((id, "shows up in", edgeStyle(.link, isNew: false, inLegend: true)))
            }
        }
        // A row of shapes over a row of lines: a low strip under the map.
        var rows: [[String]] = []
        for start in stride(from: 0, to: shapes.count, by: 6) {
            let row = Array(shapes[start..<min(start + 6, shapes.count)])
            for shape in row.reversed() { out.line("\(shape.id) [\(shape.attributes)]") }
            rows.append(row.map(\.id))
        }
        for start in stride(from: 0, to: lines.count, by: 4) {
            let row = Array(lines[start..<min(start + 4, lines.count)])
            for line in row.reversed() {
                out.line("\(line.id)a [shape=point width=0.02 style=invis]")
                out.line("\(line.id)b [shape=point width=0.02 style=invis]")
                out.line("\(line.id)a -> \(line.id)b [\(line.style) label=\(DotText.label(line.label)) tooltip=\(DotText.tooltip(line.label))]")
            }
            rows.append(row.reversed().flatMap { ["\($0.id)a", "\($0.id)b"] }.reversed())
        }
        for row in rows where row.count > 1 { out.line("{ rank=same; \(row.reversed().joined(separator: "; ")) }") }
        // Each row above the next, tied at the right-hand end (which keeps the rows in order).
        for pair in zip(rows, rows.dropFirst()) { out.line("\(pair.0.last!) -> \(pair.1.last!) [style=invis]") }
        out.indent -= 1
        out.line("}")
    }

}
/// DOT text being written, indented by two spaces a level.
/// Kept as UTF-8 bytes: a large map's DOT is tens of megabytes, written piece by piece.
struct DotOutput {
    var bytes: [UInt8] = []
    var indent = 0
    /// Where the bytes go once `pieceSize` of them are written (at the end of a line); nil: they
    /// all stay in `bytes`.
    var sink: ((UnsafeBufferPointer<UInt8>) -> Void)?
    static let pieceSize = 1 << 18

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func line(_ line: String) {
        startLine()
        bytes.append(contentsOf: line.utf8)
        endLine()
    }

    mutating func blank() { bytes.append(0x0A) }

    /// The indentation of a new line, for a line written in pieces (`add`, then `endLine`).
    mutating func startLine() {
        for _ in 0..<indent { bytes.append(0x20); bytes.append(0x20) }
    }

    mutating func add(_ piece: String) { bytes.append(contentsOf: piece.utf8) }

    mutating func endLine() {
        bytes.append(0x0A)
        if sink != nil, bytes.count >= Self.pieceSize { flush() }
    }

    /// Hands what has been written to the sink, if there is one.
    mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer(sink)
        bytes.removeAll(keepingCapacity: true)
    }
}
