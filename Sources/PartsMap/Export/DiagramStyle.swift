/// How each kind of thing looks in a diagram. One place, shared by the DOT and Mermaid
/// writers, so the two read alike.
///
/// Colours come from the Okabe–Ito palette (safe for the common forms of colour blindness).
/// Colour is never the only cue: every role also has its own shape, and the fills step
/// through clearly different lightness so a greyscale print still tells them apart
/// (luma, Rec. 709: firefighter 44 %, manager 64 %, exile 86 %, unknown 100 % with a dashed
/// border). Relations differ by line style and arrows, not only by colour. Text is always
/// black on a fill it contrasts with at 5:1 or better.
enum DiagramStyle {
    struct NodeLook: Sendable {
        var shape: String
        /// Graphviz `style` (always includes `filled`).
        var style: String
        var fill: String
        var border: String
        var penwidth: String
        /// Extra Graphviz attributes, already formatted (`peripheries=2`).
        var extra: String = ""
    }

    static func look(_ role: Role) -> NodeLook {
        switch role {
        case .manager:
            // Sky blue, rounded box: the steady planner, keeping things in order.
            NodeLook(shape: "box", style: "rounded,filled", fill: "#56B4E9", border: "#0072B2", penwidth: "1.5")
        case .firefighter:
            // Vermillion, hexagon: acts fast when pain breaks through.
            NodeLook(shape: "hexagon", style: "filled", fill: "#D55E00", border: "#7A3600", penwidth: "1.5",
                     extra: "margin=\"0.02,0.06\"")  // a hexagon adds its own width around the text
        case .exile:
            // Soft yellow, ellipse: young and tender.
            NodeLook(shape: "ellipse", style: "filled", fill: "#F0E442", border: "#9A8F00", penwidth: "1.5")
        case .unknown:
            // White octagon with a dashed border: not yet clear.
            NodeLook(shape: "octagon", style: "dashed,filled", fill: "#FFFFFF", border: "#555555", penwidth: "1.5")
        }
    }

    /// Self: a calm, pale bluish-green circle with a double border.
    static let selfLook = NodeLook(shape: "ellipse", style: "filled", fill: "#DDF1EA", border: "#009E73",
                                   penwidth: "1.5", extra: "peripheries=2")
    /// A relationship pattern: a note, pale reddish purple.
    static let patternLook = NodeLook(shape: "note", style: "filled", fill: "#F6E3EE", border: "#A8507F", penwidth: "1.2")
    /// The cluster of patterns that happen with one person.
    static let personBorder = "#CC79A7"
    static let personFill = "#FDF7FA"

    struct EdgeLook: Sendable {
        var color: String
        var style: String
        var penwidth: String
        /// Graphviz `dir`, `arrowhead`, `arrowtail` as needed, already formatted.
        var extra: String
        /// False for lines that must not bend the layout (Graphviz `constraint=false`).
        var constrains = true
    }

    static func look(_ kind: RelationKind) -> EdgeLook {
        switch kind {
        case .protects:
            EdgeLook(color: "#333333", style: "solid", penwidth: "1.6", extra: "arrowhead=normal")
        case .polarized:
            // Pulling apart: dashed, arrows at both ends; it must not bend the layout.
            EdgeLook(color: "#A23B00", style: "dashed", penwidth: "1.6",
                     extra: "dir=both arrowhead=normal arrowtail=normal", constrains: false)
        case .allied:
            EdgeLook(color: "#00735A", style: "dotted", penwidth: "2.2", extra: "dir=none", constrains: false)
        case .echoes:
            // One pattern repeating an older one: a double line (two strokes, a gap between), plum,
            // an open arrow at the older pattern. Between pattern notes, so it must not bend the layout.
            EdgeLook(color: "#882255:invis:#882255", style: "solid", penwidth: "1.4",
                     extra: "arrowhead=vee", constrains: false)
        }
    }

    /// A part shows up in a pattern: a thin purple line with a small open circle at the
    /// pattern's end (the DOT edge runs pattern → part, so that end is its tail).
    static let linkLook = EdgeLook(color: "#CC79A7", style: "solid", penwidth: "1.2",
                                   extra: "dir=back arrowtail=odot arrowsize=0.7")

    /// Outline drawn around what is new (for `--since`, later).
    static let newPenwidth = "3.5"
    static let newColor = "#000000"

    static let fontname = "Helvetica,Arial,sans-serif"
}
