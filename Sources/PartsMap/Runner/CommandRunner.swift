/// Carries out one line of the command language against an open map. The same runner serves
/// the terminal, a pipe and `-c`; it never touches the terminal itself.
public final class CommandRunner {
    public let document: MapDocument
    public let mapName: String

    /// What a command gave back.
    public struct Reply: Sendable, Equatable {
        /// What the command produces (a card, a list, an export): standard output.
        public var output = ""
        /// An acknowledgement in words: shown on a terminal, standard error otherwise.
        public var message = ""
        public var quit = false
        /// `ask NAME`: the caller runs the guided conversation with this part or pattern.
        public var conversationWith: String?
    }

    public init(document: MapDocument, mapName: String) {
        self.document = document
        self.mapName = mapName
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
        case .show(nil):
            reply.output = MapText.overview(system, mapName: mapName)
        case .show(let name?):
            reply.output = MapText.card(try system.resolve(name), in: system)
        case .list(let filter):
            reply.output = MapText.list(filter, in: system)
        case .sessions:
            reply.output = MapText.sessions(system)
        case .ask(let name):
            _ = try system.resolve(name)
            reply.conversationWith = name
        case .export(let request):
            reply = try export(request)
        case .help(nil):
            reply.output = HelpText.overview()
        case .help(let topic?):
            guard let text = HelpText.topic(topic) else {
                throw ParseError.unknownCommand(topic, suggestion: nearestWord(to: topic, in: Vocabulary.verbs))
            }
            reply.output = text
        case .quit:
            reply.quit = true
        }
        return reply
    }
}
