import Glibc
import LineEditing
import PartsMap

/// Where what a command produces is shown. At a terminal, headings and role words are in colour and
/// output taller than the screen goes through a pager (`pager off` / `pager on`); anywhere else — a
/// pipe, a file — the text goes out exactly as the view made it, with no escape code in it.
final class Screen {
    /// Standard output is a terminal that shows colour (see `Colour.wanted`).
    let colour: Bool
    /// Both standard input and output are a terminal (and `TERM` is not `dumb`): a person reads it
    /// there and can answer a pager. A script's output is never paged.
    let canPage: Bool
    /// The pager's command line (`PARTSMAP_PAGER`, `PAGER` or `less -FRX`); nil when the environment says none.
    let pagerCommand: String?
    /// Which setting the pager came from, for `pager`.
    let pagerSource: String
    /// `pager off` / `pager on`.
    var pagerOn = true
    /// Whether the person has been told that the pager would not start (once is enough).
    private var toldPagerMissing = false

    init() {
        let environment = { (name: String) in getenv(name).map { String(cString: $0) } }
        let outputIsTerminal = isatty(1) != 0
        colour = Colour.wanted(environment: { environment($0).flatMap { $0.isEmpty ? nil : $0 } }, outputIsTerminal: outputIsTerminal)
        canPage = outputIsTerminal && Terminal.isInteractive
        pagerCommand = Paging.command(partsmapPager: environment("PARTSMAP_PAGER"), pager: environment("PAGER"))
        pagerSource = Paging.source(partsmapPager: environment("PARTSMAP_PAGER"), pager: environment("PAGER"))
    }

    /// Shows a command's output: coloured at a terminal, through the pager when it is taller than the screen.
    func show(_ output: String, styles: [StyledSpan]) {
        guard !output.isEmpty else { return }
        let text = colour ? Colour.apply(styles, to: output) : output
        if let pager = pagerCommand, pagerOn, canPage {
            let (rows, columns) = Terminal.size(of: 1)
            if Paging.needsPager(output, screenRows: rows, columns: columns, width: Terminal.columns(of:)) {
                if case .shown = Pager.page(text, through: pager) { return }
                if !toldPagerMissing {
                    toldPagerMissing = true
                    Output.error("The pager `\(EchoText.safe(pager))` (from \(pagerSource)) could not be started, so this is shown "
                        + "all at once; `pager off` stops trying.")
                }
            }
        }
        Output.out(text)
    }

    /// `pager [off|on]`, in plain words.
    func paging(_ request: PagingRequest) -> String {
        guard canPage else {
            return "Nothing is paged here: output that does not go to a terminal (a pipe, a file) is never paged."
        }
        guard let pager = pagerCommand else {
            return "There is no pager: \(pagerSource) is empty, so long output is shown all at once. "
                + "Set PARTSMAP_PAGER (or PAGER) to one, such as `\(Paging.defaultCommand)`, to page it."
        }
        let already = request != .status && (request == .on) == pagerOn
        if request != .status { pagerOn = request == .on }
        if pagerOn {
            return "The pager is \(already ? "already on" : "on"): output taller than the screen goes through `\(pager)` "
                + "(from \(pagerSource)); q leaves it. `pager off` shows everything at once."
        }
        return "The pager is \(already ? "already off" : "off"): long output is shown all at once. `pager on` pages it again."
    }
}
