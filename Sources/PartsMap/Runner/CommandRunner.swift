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

    /// What a command gave back.
    public struct Reply: Sendable, Equatable {
        /// What the command produces (a card, a list, an export): standard output.
        public var output = ""
        /// An acknowledgement in words: shown on a terminal, standard error otherwise.
        public var message = ""
        public var quit = false
        /// `ask NAME`: the caller runs the guided conversation with this part or pattern.
        public var conversationWith: String?
        /// `history …`: the caller, which keeps the typed lines, acts on it and says what it did.
        public var history: HistoryRequest?
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
    public func run(_ line: String) throws -> Reply {
        var reply = Reply()
        switch try parse(line) {
        case .change(let change):
            reply.message = MapText.acknowledgement(try document.perform(.change(change)))
        case .undo:
            reply.message = MapText.acknowledgement(try document.perform(.undo))
        case .redo:
            reply.message = MapText.acknowledgement(try document.perform(.redo))
        case .show(let name, let at):
            reply.output = try show(name, at: at)
        case .list(let filter):
            reply.output = MapText.list(filter, in: system)
        case .sessions:
            reply.output = SessionText.sessions(system)
        case .changes(let session):
            reply.output = try changes(in: session)
        case .timeline:
            reply.output = SessionText.timeline(try document.timeline().sessionDiffs(), mapName: mapName)
        case .diff(let from, let to):
            reply.output = try diff(from: from, to: to)
        case .ask(let name):
            _ = try system.resolve(name)
            reply.conversationWith = name
        case .export(let request):
            reply = try export(request)
            if document.isEncrypted, request.file != nil {
                reply.message += "\nThe export itself is not encrypted: keep it somewhere private."
            }
        case .open(let map, let readOnly):
            reply.message = try open(map, readOnly: readOnly)
        case .maps:
            reply.output = maps()
        case .encrypt:
            reply.message = try encrypt()
        case .decrypt:
            reply.message = try decrypt()
        case .help(nil):
            reply.output = HelpText.overview()
        case .help(let topic?):
            guard let text = HelpText.topic(topic) else {
                throw ParseError.unknownCommand(topic, suggestion: nearestWord(to: topic, in: Vocabulary.verbs))
            }
            reply.output = text
        case .quit:
            reply.quit = true
        case .history(let request):
            reply.history = request
        }
        return reply
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

    public var description: String {
        switch self {
        case .notYetOnMap(let name, let session):
            return "\(EchoText.quoted(name)) was not on the map yet at the end of session \(session) (`show --at \(session)` shows what was)"
        case .cannotOpen(let path, let reason, let current):
            return "could not open \(EchoText.path(path)): \(reason)\nStill on \(EchoText.quoted(current)), nothing changed."
        case .notEncrypted(let reason):
            return "not encrypted: \(reason) — nothing was changed"
        }
    }
}
