/// What `pager` asks: whether long output at the keyboard goes through a pager.
public enum PagingRequest: String, Equatable, Sendable, CaseIterable {
    /// `pager`: whether it is on, and which pager.
    case status = ""
    case off, on
}

/// When output taller than the screen goes through a pager, as psql does: the decision only. The
/// program around the runner reads the environment, measures the terminal and runs the pager.
public enum Paging {
    /// What pages when neither `PARTSMAP_PAGER` nor `PAGER` says otherwise: quits by itself when the
    /// text fits (-F), shows colour (-R) and leaves the text on the screen after it (-X).
    public static let defaultCommand = "less -FRX"

    /// The pager's command line: `PARTSMAP_PAGER` when it is set, otherwise `PAGER`, otherwise
    /// `less -FRX`. nil when the one that counts is empty or blank: no pager at all.
    public static func command(partsmapPager: String?, pager: String?) -> String? {
        guard let chosen = partsmapPager ?? pager else { return defaultCommand }
        return chosen.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } ? nil : chosen
    }

    /// Where the pager's command came from, in words for `pager`.
    public static func source(partsmapPager: String?, pager: String?) -> String {
        partsmapPager != nil ? "$PARTSMAP_PAGER" : pager != nil ? "$PAGER" : "the default"
    }

    /// How many screen rows `text` takes on a terminal `columns` wide, each line wrapped, with
    /// `width` giving how many columns a character takes (2 for most CJK and emoji, 0 for a combining mark).
    public static func rows(_ text: String, columns: Int, width: (Unicode.Scalar) -> Int) -> Int {
        let columns = max(columns, 1)
        var rows = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var used = 0
            for scalar in line.unicodeScalars {
                used += scalar == "\t" ? 8 - used % 8 : max(width(scalar), 0)
            }
            rows += max(1, (used + columns - 1) / columns)
        }
        // A closing line break ends the last line; it does not start another.
        return text.hasSuffix("\n") ? rows - 1 : rows
    }

    /// Whether `text` needs a pager on a screen of `screenRows` × `columns`: it would not fit with the
    /// prompt on the row after it.
    public static func needsPager(_ text: String, screenRows: Int, columns: Int, width: (Unicode.Scalar) -> Int) -> Bool {
        screenRows > 0 && rows(text, columns: columns, width: width) >= screenRows
    }
}
