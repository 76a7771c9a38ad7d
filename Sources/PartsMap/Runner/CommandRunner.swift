import Glibc

/// Carries out one line of the command language against an open map. The same runner serves
/// the terminal, a pipe and `-c`; it never touches the terminal itself.
public final class CommandRunner {
    /// The open map; `open FILE` replaces it (closing the one before, which releases its lock).
    public internal(set) var document: MapDocument
    /// How the prompt and titles name the open map: its file name without `.parts`.
    public internal(set) var mapName: String
    /// Where `maps` looks and `open NAME` finds a map by name (`$XDG_DATA_HOME/partsmap`);
    /// nil: the current directory.
    public let mapDirectory: String?
    /// Where `encrypt` gets a new passphrase and `open` the passphrase of an encrypted map;
    /// nil: nowhere (both then say how to give one).
    public var passphrases: PassphraseSource?
    /// Where `export dot` without a FILE is written as it is made, instead of coming back whole in
    /// `Reply.output` (a large map's DOT is hundreds of megabytes); nil: in `Reply.output`.
    public var standardOutput: ((UnsafeBufferPointer<UInt8>) -> Void)?
    /// Where `ask` talks with the person and `history` reaches the typed lines; nil: nowhere (both
    /// then say what they would need).
    public weak var console: (any Console)?
    /// Where `view` keeps its page unless given a FILE (`$XDG_STATE_HOME/partsmap/views`); nil: beside the map.
    public var viewDirectory: String?
    /// How wide the terminal is, for `trends` (nil: not a terminal; 80 columns then, or `$COLUMNS`).
    public var terminalColumns: () -> Int? = {
        getenv("COLUMNS").flatMap { Int(String(cString: $0)) }.flatMap { $0 > 0 ? $0 : nil }
    }
    /// The environment, for what it says about the terminal (`LANG`, `TERM`).
    public var environment: (String) -> String? = { name in getenv(name).map { String(cString: $0) } }
    /// The page `view` keeps up to date; nil when the view is off.
    var liveView: LiveView?

    /// What a command gave back.
    public struct Reply: Sendable, Equatable {
        /// What the command produces (a card, a list, an export): standard output.
        public var output = ""
        /// An acknowledgement in words: shown on a terminal, standard error otherwise.
        public var message = ""
        public var quit = false
        /// What parts of `output` are (headings, role words), for a terminal that shows them in colour;
        /// `output` itself is plain.
        public var styles: [StyledSpan] = []

        /// A reply that produces `output`.
        static func showing(_ output: String) -> Reply { Reply(output: output) }
        /// A reply that produces a view, its headings and role words marked.
        static func showing(_ view: StyledText) -> Reply { Reply(output: view.text, styles: view.spans) }
        /// A reply that acknowledges in words.
        static func saying(_ message: String) -> Reply { Reply(message: message) }
    }

    public init(document: MapDocument, mapName: String, mapDirectory: String? = nil) {
        self.document = document
        self.mapName = mapName
        self.mapDirectory = mapDirectory
    }

    public var system: InnerSystem { document.system }

    /// Reads a line the way the map would: unquoted names are split where a known name ends.
    public func parse(_ line: String) throws(ParseError) -> Command {
        let system = document.system
        return try Parser(isKnownName: { system.entity(named: $0) != nil }).parse(line)
    }

    /// Runs one line. Throws (with a message that says what was wrong) and changes nothing on error.
    public func run(_ line: String) throws -> Reply { try run(try read(line)) }

    /// A line read once, to be run: the REPL asks whether to keep it in history before running it.
    public struct ReadLine {
        let verb: any CommandVerb.Type
        public let command: Command
        /// `history …` is never kept in history itself, so `history off` leaves no trace of the switch.
        public var isAboutTypedLines: Bool { verb == HistoryCommand.self }
    }

    public func read(_ line: String) throws(ParseError) -> ReadLine {
        let system = document.system
        let (verb, command) = try Parser(isKnownName: { system.entity(named: $0) != nil }).read(line)
        return ReadLine(verb: verb, command: command)
    }

    public func run(_ line: ReadLine) throws -> Reply {
        let before = (ObjectIdentifier(document), document.lineCount)
        defer { if (ObjectIdentifier(document), document.lineCount) != before { mapDidChange() } }
        var reply = try line.verb.run(line.command, in: self)
        if let problem = liveView?.takeProblem() { reply.message += (reply.message.isEmpty ? "" : "\n") + "Note: " + problem }
        return reply
    }

    /// A change, undo, redo, session marker or another map: the view (if on) is redrawn in the background.
    func mapDidChange() {
        liveView?.changed(system, context: exportContext())
    }

    /// Drives a guided walk through the console: each step said, each reply read from the same input
    /// (so a script can answer), each change it gives saved before the next step; stopping keeps
    /// what was said. `nobody` is the message when there is no console to answer.
    func converse<Walk: GuidedWalk>(_ walk: inout Walk, nobody: @autoclosure () -> RunnerError) throws {
        guard let console else { throw nobody() }
        while !walk.isFinished {
            console.say(walk.step.say)
            let changes: [Change]
            if let answer = console.readAnswer(prompt: "  … ", completion: walk.step.completion) {
                changes = walk.respond(answer, in: system)
            } else {
                changes = walk.stop(in: system)
            }
            for change in changes {
                try document.perform(.change(change))
                mapDidChange()
            }
            if walk.isFinished { console.say(walk.step.say) }
        }
    }

    /// Draws the view one last time (if on) and closes the map: partsmap is leaving.
    public func close() {
        liveView?.stop()
        liveView = nil
        document.close()
    }
}

/// Why a look back in time or a switch of maps could not be done. Each says what would work.
public enum RunnerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `show NAME --at SESSION` for something that came later.
    case notYetOnMap(String, session: Int)
    /// `open` failed; the map that was open stays open.
    case cannotOpen(String, reason: String, stayingOn: String)
    /// `encrypt` got no passphrase.
    case notEncrypted(String)
    /// A conversation with nobody to answer it (a runner with no console).
    case nobodyToAsk(String)
    /// `show --incident N` without a pattern, or with `--at`.
    case incidentNeedsPattern
    /// `compare` (or `export --with`) named the open map itself.
    case compareWithItself(String)
    /// The other map could not be opened to read.
    case cannotCompare(String, reason: String)
    /// A guided walk (`self`, `checkin`) with nobody to answer it; `instead` is the one-line form.
    case nobodyToWalk(String, instead: String)
    /// `view --at` or `--since`: the live view draws the map as it is now.
    case viewOfThePast
    /// The view's page could not be made or drawn.
    case cannotView(String)

    public var description: String {
        switch self {
        case .notYetOnMap(let name, let session):
            return "\(EchoText.quoted(name)) was not on the map yet at the end of session \(session) (`show --at \(session)` shows what was)"
        case .cannotOpen(let path, let reason, let current):
            return "could not open \(EchoText.path(path)): \(reason)\nStill on \(EchoText.quoted(current)), nothing changed."
        case .notEncrypted(let reason):
            return "not encrypted: \(reason) — nothing was changed"
        case .viewOfThePast:
            return "the view draws the map as it is now; `export html --at SESSION` (or `--since SESSION`) makes a page of another time"
        case .cannotView(let reason):
            return "no view: \(reason)"
        case .compareWithItself(let name):
            return "that is this map (\(EchoText.quoted(name))); `compare` sets another person's map beside it"
        case .cannotCompare(let path, let reason):
            return "could not read \(EchoText.path(path)) to compare: \(reason) — nothing was changed"
        case .incidentNeedsPattern:
            return "`--incident N` shows one of a pattern's incidents as it is now: `show PATTERN --incident N`"
        case .nobodyToWalk(let what, let instead):
            return "there is nobody here to answer \(what); `\(instead)` keeps one reading"
        case .nobodyToAsk(let name):
            return "there is nobody here to answer questions about \(quoted(name)); `ask \(ChangePrinter.name(name)) QUESTION TEXT` keeps one answer"
        }
    }
}
