/// What a command that talks with the person needs from wherever partsmap runs — a terminal, a
/// pipe, a test: somewhere to say things, the next line of an answer, and the lines typed at the
/// prompt, which the program keeps (the map never holds them). With a console, `ask` and every
/// guided conversation run like any other command, in the library.
public protocol Console: AnyObject {
    /// A question or a note from a conversation: to the person at a terminal, otherwise a message.
    func say(_ text: String)
    /// The next line of an answer, with Tab offering `completion` meanwhile; nil when the person
    /// stopped (Ctrl-C, or the input ended).
    func readAnswer(prompt: String, completion: StepCompletion) -> String?
    /// `history [off|on|clear]`: does what was asked of the typed-line history and says what it did.
    func typedLines(_ request: TypedLinesRequest) throws -> String
    /// `pager [off|on]`: does what was asked of paging long output and says what it did.
    func paging(_ request: PagingRequest) -> String
}

extension Console {
    public func paging(_ request: PagingRequest) -> String {
        "Nothing is paged here: output is shown as it is, all at once."
    }
}
