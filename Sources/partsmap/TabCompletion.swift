import LineEditing
import PartsMap

/// What Tab completes right now: commands at the prompt, or what a conversation step offers
/// (e.g. exile names). The line editor asks through this one indirection.
final class TabCompletion {
    var source: (String) -> Completions = { _ in .none }

    func useCommands(of runner: CommandRunner) {
        source = { line in
            Self.adapt(Completer.complete(line, in: runner.system, mapNames: {
                runner.mapDirectory.map { MapFiles.list(in: $0).map(MapFiles.name) } ?? []
            }))
        }
    }

    func use(_ completion: StepCompletion, of runner: CommandRunner) {
        source = { line in Self.adapt(completion.complete(line, in: runner.system)) }
    }

    /// A map's names go over unquoted, with their count and common prefix: quoted only if listed.
    static func adapt(_ found: CompletionCandidates) -> Completions {
        guard let prefix = found.commonPrefix else {
            return Completions(replacing: found.replacing, candidates: found.candidates, distinct: found.distinct)
        }
        return Completions(replacing: found.replacing, count: found.count, commonPrefix: prefix, candidates: { found.candidates })
    }
}
