/// Writes a diagram as a Mermaid flowchart (renders in GitHub and Obsidian Markdown): the same
/// ids, shapes-per-role, colours and line styles as the DOT diagram, as far as Mermaid can.
///
/// User text only appears inside `"…"` strings, with everything Mermaid could read as syntax
/// or HTML written as its entity codes (`#quot;`, `#35;`, `#lt;` …), which Mermaid turns back
/// into the characters when it draws.
enum MermaidWriter {
    static func write(_ diagram: Diagram, withTitle: Bool = true) -> String {
        var out = DotOutput()
        if withTitle {
            let title = ([diagram.title] + (diagram.subtitle.isEmpty ? [] : [diagram.subtitle])).joined(separator: " · ")
            out.line("---")
            out.line("title: \(yamlQuoted(title))")
            out.line("---")
        }
        out.line("flowchart TB")
        out.indent += 1
        var classes: [(name: String, ids: [String])] = []
        func classify(_ id: String, _ name: String) {
            if let index = classes.firstIndex(where: { $0.name == name }) { classes[index].ids.append(id) }
            else { classes.append((name, [id])) }
        }
        func node(_ node: Diagram.Node) {
            out.line(node.id + shaped(node.kind, text(node.marks.map { node.label + "\n" + $0 } ?? node.label)))
            classify(node.id, className(node.kind))
            if node.isNew { classify(node.id, "new") }
        }

        if let selfNode = diagram.selfNode { node(selfNode) }
        for part in diagram.parts { node(part) }
        for pattern in diagram.loosePatterns { node(pattern) }
        for group in diagram.groups {
            out.line("subgraph with\(group.number)[\"\(text(group.label))\"]")
            out.indent += 1
            for pattern in diagram.nodes(in: group) { node(pattern) }
            out.indent -= 1
            out.line("end")
        }
        if let note = diagram.emptyNote { out.line("empty_note[\"\(text(note))\"]") }

        // Mermaid styles lines by their position among all lines drawn.
        var lineStyles: [(style: String, indexes: [Int])] = []
        var lineCount = 0
        func styleLine(_ style: String) {
            if let index = lineStyles.firstIndex(where: { $0.style == style }) { lineStyles[index].indexes.append(lineCount) }
            else { lineStyles.append((style, [lineCount])) }
            lineCount += 1
        }
        for edge in diagram.edges {
            let label = edge.label.map { "|\"\(text($0))\"|" } ?? ""
            out.line("\(edge.from) \(arrow(edge.kind))\(label) \(edge.to)")
            styleLine(lineStyle(edge.kind, isNew: edge.isNew))
        }

        if !diagram.legend.isEmpty {
            out.line("subgraph legend[\"Legend\"]")
            out.indent += 1
            var lineWords: [String] = []
            for (index, item) in diagram.legend.enumerated() {
                let id = "legend_\(index + 1)"
                switch item {
                case .selfNode: out.line(id + shaped(.selfNode, "Self")); classify(id, className(.selfNode))
                case .role(let role):
                    out.line(id + shaped(.part(role), text(ExportText.roleWord(role)))); classify(id, className(.part(role)))
                case .pattern: out.line(id + shaped(.pattern, "pattern")); classify(id, className(.pattern))
                case .new(let words): out.line("\(id)[\"\(text(words))\"]"); classify(id, "new")
                case .relation(.protects): lineWords.append("⟶ protects")
                case .relation(.polarized): lineWords.append("⇠⇢ polarized (dashed)")
                case .relation(.allied): lineWords.append("┈┈ allied (dotted)")
                case .link: lineWords.append("—○ shows up in")
                case .activation: lineWords.append("n/10 under a name: its latest check-in")
                case .step: lineWords.append("a step's name under a name: the latest step of healing taken")
                }
            }
            if !lineWords.isEmpty {
                out.line("legend_lines[\"\(lineWords.map(text).joined(separator: "<br>"))\"]")
                classify("legend_lines", "legendtext")
            }
            out.indent -= 1
            out.line("end")
            out.line("style legend fill:#FFFFFF,stroke:#BBBBBB")
        }

        for (name, definition) in classDefinitions where classes.contains(where: { $0.name == name }) {
            out.line("classDef \(name) \(definition)")
        }
        for (name, ids) in classes { out.line("class \(ids.joined(separator: ",")) \(name)") }
        for group in diagram.groups {
            out.line("style with\(group.number) fill:\(DiagramStyle.personFill),stroke:\(DiagramStyle.personBorder)")
        }
        for (style, indexes) in lineStyles {
            out.line("linkStyle \(indexes.map(String.init).joined(separator: ",")) \(style)")
        }
        return out.text
    }

    static func shaped(_ kind: Diagram.NodeKind, _ text: String) -> String {
        switch kind {
        case .selfNode: "(((\"\(text)\")))"
        case .part(.manager): "(\"\(text)\")"
        case .part(.firefighter): "{{\"\(text)\"}}"
        case .part(.exile): "([\"\(text)\"])"
        case .part(.unknown): "[\"\(text)\"]"
        case .pattern: "[/\"\(text)\"/]"
        }
    }

    static func className(_ kind: Diagram.NodeKind) -> String {
        switch kind {
        case .selfNode: "selfnode"
        case .part(.unknown): "unknownrole"
        case .part(let role): role.rawValue
        case .pattern: "pattern"
        }
    }

    static let classDefinitions: [(String, String)] = {
        func definition(_ look: DiagramStyle.NodeLook, dashed: Bool = false) -> String {
            "fill:\(look.fill),stroke:\(look.border),stroke-width:\(look.penwidth)px,color:#000000"
                + (dashed ? ",stroke-dasharray:5 4" : "")
        }
        return [
            ("selfnode", definition(DiagramStyle.selfLook)),
            ("manager", definition(DiagramStyle.look(.manager))),
            ("firefighter", definition(DiagramStyle.look(.firefighter))),
            ("exile", definition(DiagramStyle.look(.exile))),
            ("unknownrole", definition(DiagramStyle.look(.unknown), dashed: true)),
            ("pattern", definition(DiagramStyle.patternLook)),
            ("legendtext", "fill:#FFFFFF,stroke:#FFFFFF,color:#222222"),
            ("new", "stroke:\(DiagramStyle.newColor),stroke-width:\(DiagramStyle.newPenwidth)px"),
        ]
    }()

    static func arrow(_ kind: Diagram.EdgeKind) -> String {
        switch kind {
        case .relation(.protects): "-->"
        case .relation(.polarized): "<-.->"
        case .relation(.allied): "-.-"
        case .link: "--o"
        }
    }

    static func lineStyle(_ kind: Diagram.EdgeKind, isNew: Bool) -> String {
        let look: DiagramStyle.EdgeLook
        var dashes = ""
        switch kind {
        case .relation(let relation):
            look = DiagramStyle.look(relation)
            if relation == .polarized { dashes = ",stroke-dasharray:8 4" }
            if relation == .allied { dashes = ",stroke-dasharray:2 4" }
        case .link: look = DiagramStyle.linkLook
        }
        let width = isNew ? DiagramStyle.newPenwidth : look.penwidth
        return "stroke:\(look.color),stroke-width:\(width)px\(dashes)"
    }

    /// Text for inside a Mermaid `"…"` string.
    static func text(_ value: String) -> String {
        var result = ""
        Escaping.forEachPiece(of: value) { piece in
            switch piece {
            case .lineBreak: result += "<br>"
            case .tab: result += " "
            case .scalar("\""): result += "#quot;"
            case .scalar("#"): result += "#35;"
            case .scalar("&"): result += "#amp;"
            case .scalar("<"): result += "#lt;"
            case .scalar(">"): result += "#gt;"
            case .scalar("`"): result += "#96;"
            case .scalar("|"): result += "#124;"
            case .scalar("%"): result += "#37;"
            case .scalar(let scalar): result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A YAML double-quoted scalar for the front matter's title.
    static func yamlQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n", "\r", "\t": result += " "
            default:
                if Escaping.isControl(scalar) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
