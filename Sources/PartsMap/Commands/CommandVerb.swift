/// One verb of the command language, whole in one file: its help, the shape Tab completes after it,
/// how the words after it are read, and what running it does. `Commands.all` lists every verb; help,
/// the words a name is quoted to stay apart from (`Vocabulary`), completion and dispatch are all read
/// from that list, so a new verb is one new file and one line there.
protocol CommandVerb: Sendable {
    /// Its forms, one-line summary and example, for `help`, usage messages and the man page.
    static var help: CommandInfo { get }
    /// Other words for it (`exit` for `quit`).
    static var aliases: [String] { get }
    /// What Tab offers after the verb, slot by slot (nil: nothing).
    static var completion: [Completer.Slot]? { get }
    /// A verb that came after the natural aliases: a line that reads as `A protects B` with A a name on
    /// the map stays that relation, even when A's first word is this verb ("Open Heart protects …").
    static var yieldsToAliases: Bool { get }
    /// Reads the words after the verb.
    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command
    /// Carries out what `parse` read; changes nothing when it throws.
    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply
}

extension CommandVerb {
    /// The word that starts the line.
    static var word: String { help.verb }
    static var aliases: [String] { [] }
    static var completion: [Completer.Slot]? { nil }
    static var yieldsToAliases: Bool { false }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        try runChange(command, in: runner)
    }

    /// The verbs that change the map: the change (or undo, redo) is saved before the reply says so.
    static func runChange(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        let record: JournalRecord
        switch command {
        case .change(let change): record = .change(change)
        case .undo: record = .undo
        case .redo: record = .redo
        default: unexpected(command)
        }
        return .saying(MapText.acknowledgement(try runner.document.perform(record)))
    }

    /// For a verb that takes nothing after it.
    static func nothingMore(_ scanner: inout Scanner, _ parser: Parser, then command: Command) throws(ParseError) -> Command {
        try parser.expectEnd(&scanner, verb: word)
        return command
    }

    /// For a verb that takes at most one word of a few (`history off`, `pager on`): the request that word
    /// names, `none` when there is no word; anything else is refused with the words that would work.
    static func oneWord<Request: RawRepresentable<String>>(_ scanner: inout Scanner, _ parser: Parser, none: Request,
                                                          words: [String]) throws(ParseError) -> Request {
        guard let word = try parser.next(&scanner) else { return none }
        try parser.expectEnd(&scanner, verb: self.word)
        guard !word.quoted, let request = Request(rawValue: word.text.lowercased()), request.rawValue != none.rawValue else {
            let expected = words.dropLast().joined(separator: ", ") + (words.count > 1 ? " or " : "") + (words.last ?? "")
            throw .unknownWord(word.text, expected: expected, suggestion: nearestWord(to: word.text, in: words), usage: help.forms[0])
        }
        return request
    }

    /// For `run`: `command` is always one this verb's `parse` made.
    static func unexpected(_ command: Command) -> Never {
        preconditionFailure("`\(word)` was given \(command), which it does not read")
    }
}

/// Every verb of the language, in the order `help` lists them within a group.
enum Commands {
    static let all: [any CommandVerb.Type] = [
        AddCommand.self, SetCommand.self, RenameCommand.self, RemoveCommand.self,
        RelateCommand.self, UnrelateCommand.self, LinkCommand.self, UnlinkCommand.self, CompareCommand.self,
        AskCommand.self, DebriefCommand.self, RuptureCommand.self,
        SelfCommand.self, CheckinCommand.self, MarkCommand.self, SelfCheckCommand.self, TrendsCommand.self,
        ShowCommand.self, ListCommand.self, ExportCommand.self, ViewCommand.self,
        SessionCommand.self, SessionsCommand.self, ChangesCommand.self, TimelineCommand.self, DiffCommand.self,
        OpenCommand.self, MapsCommand.self, EncryptCommand.self, DecryptCommand.self,
        UndoCommand.self, RedoCommand.self, HistoryCommand.self, PagerCommand.self, HelpCommand.self, QuitCommand.self,
    ]

    /// Each verb and alias, to its command.
    private static let byWord: [String: any CommandVerb.Type] = {
        var table: [String: any CommandVerb.Type] = [:]
        for verb in all {
            for word in [verb.word] + verb.aliases {
                precondition(table[word] == nil, "two commands are called \(word)")
                table[word] = verb
            }
        }
        return table
    }()

    /// The command a (lowercased) first word names.
    static func named(_ word: String) -> (any CommandVerb.Type)? { byWord[word] }

    /// Every word that starts a command, aliases included.
    static let words: [String] = all.flatMap { [$0.word] + $0.aliases }
}
