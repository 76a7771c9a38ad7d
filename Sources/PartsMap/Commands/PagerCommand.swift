/// `pager [off|on]`: whether output taller than the screen goes through a pager. The program around the
/// runner pages (the library never touches the terminal); its console does what is asked.
enum PagerCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "pager", group: "Editing",
        forms: ["pager [off|on]",
                "alone: whether long output goes through a pager, and which one",
                "off: show long output all at once (until `pager on`)",
                "the pager is $PARTSMAP_PAGER, or $PAGER, or less -FRX; an empty PARTSMAP_PAGER means none",
                "only at the keyboard: a pipe, a file or -c to a file is never paged"],
        summary: "whether output taller than the screen goes through a pager; turn it off or on",
        example: "pager off")
    static var completion: [Completer.Slot]? { [.words(Vocabulary.pagerWords), .text] }
    static var yieldsToAliases: Bool { true }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        .pager(try oneWord(&scanner, parser, none: PagingRequest.status, words: Vocabulary.pagerWords))
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .pager(let request) = command else { unexpected(command) }
        guard let console = runner.console else {
            return .saying("Nothing is paged here: nothing shows output on a screen in this runner.")
        }
        return .saying(console.paging(request))
    }
}
