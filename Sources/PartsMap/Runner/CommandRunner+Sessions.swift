extension CommandRunner {
    /// `show [NAME] [--at SESSION]`: now, or as the journal replays to at the end of that session.
    func show(_ name: String?, at reference: String?) throws -> String {
        guard let reference else {
            return try name.map { MapText.card(try system.resolve($0), in: system) } ?? MapText.overview(system, mapName: mapName)
        }
        let session = try system.session(reference)
        let then = try document.timeline().system(atEndOf: session.number)
        guard let name else {
            return MapText.overview(then, mapName: mapName, asAt: "at the end of session \(session.number)\(SessionText.titleClause(session))")
        }
        guard let entity = then.entity(named: name) else {
            if let now = system.entity(named: name) { throw RunnerError.notYetOnMap(system.name(of: now), session: session.number) }
            throw MapError.noSuchName(name, suggestion: then.nearestName(to: name))
        }
        return "At the end of session \(session.number):\n" + MapText.card(entity, in: then)
    }

    /// `changes [SESSION]`: the records of one session (the latest when none is named).
    func changes(in reference: String?) throws -> String {
        guard let session = try reference.map({ try system.session($0) }) ?? system.sessions.last else {
            return "No changes yet.\n"
        }
        return SessionText.changes(in: session, entries: try document.timeline().entries(in: session.number))
    }

    /// `diff A [B]`: from the end of A to the end of B, or to now; always forward in time.
    func diff(from a: String, to b: String?) throws -> String {
        var from = try system.session(a)
        var to = try b.map { try system.session($0) }
        if let later = to, later.number < from.number { (from, to) = (later, from) }
        return SessionText.diff(try document.timeline().diff(from: from.number, to: to?.number), from: from, to: to)
    }
}
