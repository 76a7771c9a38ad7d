#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// What Tab does with the program's `Completions` (pure, so it can be tested without a tty, and
/// timed by the benchmark as part of Tab).
public enum CompletionAction: Equatable {
    /// Nothing matches: ring the bell.
    case beep
    /// Delete `deleting` Unicode scalars before the cursor and insert `text`; then, if
    /// `addSpace`, a space (a single candidate is complete).
    case insert(deleting: Int, text: String, addSpace: Bool)
    /// Several candidates and nothing more to insert: show them.
    case list([String])
    /// So many candidates that the screen would scroll away: ask first, as readline does
    /// ("Display all 11000 possibilities? (y or n)"), and list them only on yes.
    case askToList(count: Int)

    /// More candidates than this are asked about before they are listed (readline's
    /// `completion-query-items`, 100 by default).
    public static let listWithoutAsking = 100

    /// - Parameters:
    ///   - typed: the text of the line up to the cursor.
    ///   - completions: what the program offers for it.
    public init(typed: String, completions: Completions) {
        let available = typed.unicodeScalars.count
        let replacing = min(max(completions.replacing, 0), available)
        let prefix = completions.commonPrefix
        switch completions.count {
        case 0:
            self = .beep
        case 1:
            // A folder ("maps/", "\"my maps/") is not finished: the next Tab goes on into it.
            self = .insert(deleting: replacing, text: prefix, addSpace: !prefix.hasSuffix("/"))
        default:
            let replaced = String(typed.unicodeScalars.suffix(replacing))
            if prefix.unicodeScalars.count > replacing {
                self = .insert(deleting: replacing, text: prefix, addSpace: false)
            } else if prefix.unicodeScalars.count == replacing, prefix != replaced,
                      prefix.lowercased() == replaced.lowercased() {
                // Same length, different case ("inn" → "Inn"): adopt the candidates' spelling
                // on this Tab; the next one lists.
                self = .insert(deleting: replacing, text: prefix, addSpace: false)
            } else if completions.count > Self.listWithoutAsking {
                self = .askToList(count: completions.count)
            } else {
                self = .list(completions.candidates)
            }
        }
    }
}

/// The longest common prefix of `strings`, compared by whole characters and case-insensitively,
/// spelled as in the first string. (Whole characters, so a prefix never ends inside an emoji
/// sequence or before a combining mark.) Each string is read only as far as it still agrees: Tab
/// runs this over every name in a map.
public func commonPrefix(_ strings: [String]) -> String {
    guard let first = strings.first else { return "" }
    if let length = asciiCommonPrefixLength(strings) { return String(first.utf8.prefix(length))! }
    let folded = first.map { String($0).lowercased() }
    var length = folded.count
    for other in strings.dropFirst() {
        var i = 0
        for character in other {
            guard i < length, String(character).lowercased() == folded[i] else { break }
            i += 1
        }
        length = i
        if length == 0 { break }
    }
    return String(first.prefix(length))
}

/// The common prefix's length in bytes when every string is ASCII without a CR (so each byte is one
/// character, and folds alone); nil otherwise.
private func asciiCommonPrefixLength(_ strings: [String]) -> Int? {
    func fold(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
    func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { !bytes.contains { $0 >= 0x80 || $0 == 0x0D } }
    var first = strings[0]
    return first.withUTF8 { head -> Int? in
        guard plain(head) else { return nil }
        var length = head.count
        for var other in strings.dropFirst() {
            let agreed = other.withUTF8 { bytes -> Int? in
                guard plain(bytes) else { return nil }
                var i = 0
                while i < min(length, bytes.count), fold(bytes[i]) == fold(head[i]) { i += 1 }
                return i
            }
            guard let agreed else { return nil }
            length = agreed
            if length == 0 { return 0 }  // nothing in common, whatever the rest hold
        }
        return length
    }
}

/// Columns a string takes on the terminal (`wcwidth` per scalar; unknown scalars count 1,
/// control characters 0).
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + Terminal.columns(of: $1) }
}

/// Lays `items` out in columns (down, then across, like `ls`) to fit `width` terminal columns,
/// leaving the last column free so no row wraps. Returns the rows, without trailing spaces.
func columnLayout(_ items: [String], width: Int, measure: (String) -> Int = displayWidth) -> [String] {
    guard !items.isEmpty else { return [] }
    let widths = items.map(measure)
    let gap = 2
    let cellWidth = widths.max()! + gap
    let columns = max(1, min(items.count, (max(width, 1) - 1 + gap) / cellWidth))
    let rows = (items.count + columns - 1) / columns
    var lines: [String] = []
    lines.reserveCapacity(rows)
    for row in 0..<rows {
        var line = ""
        var column = 0
        while true {
            let index = column * rows + row
            guard index < items.count else { break }
            line += items[index]
            let next = (column + 1) * rows + row
            if next < items.count {
                line += String(repeating: " ", count: cellWidth - widths[index])
            }
            column += 1
        }
        lines.append(line)
    }
    return lines
}
