@testable import PartsMap

/// The checks the libFuzzer targets in `Fuzz/` run on every input, and `FuzzCorpusTests` runs on every
/// file of the seed corpus. Library code only — no Foundation, no Testing — because `Fuzz/build` compiles
/// this very file into the fuzzers.
///
/// Two kinds of input:
/// - `commandLines`: bytes as typed at the prompt, one command a line, run against a small map that grows
///   as the lines apply. For every line: the parser never crashes; a parsed change prints (ChangePrinter) to
///   one line that parses back to the same change, with or without the map's names at hand; a change the map
///   refuses leaves the map exactly as it was (nothing half-applied); an accepted one, written as its
///   journal line and replayed, rebuilds the same map, and undo then redo restore it.
/// - `journal`: bytes as a map file. `JournalFile.read()` splits it exactly (or names the damaged line);
///   `MapDocument.replay` loads it or stops at a line number inside the file; a record the map refuses
///   changes nothing; a map that loads, written back in canonical lines, loads into the same map.
enum FuzzChecks {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func fail(_ what: String) -> Failure { Failure(description: what) }

    // MARK: Lines at the prompt

    /// The map the command lines start from: enough names for relations, links, answers and quoting.
    static let startingJournal = [
        JournalFormat.header,
        "2026-01-02T10:00:00Z session start first look",
        "2026-01-02T10:00:01Z add manager \"Inner Critic\"",
        "2026-01-02T10:00:02Z add exile \"Little One\"",
        "2026-01-02T10:00:03Z add firefighter Numbing",
        "2026-01-02T10:00:04Z add part \"to protects\"",
        "2026-01-02T10:00:05Z add pattern \"Hot and cold\" with Sam",
        "2026-01-02T10:00:06Z relate \"Inner Critic\" protects \"Little One\" because being laughed at",
        "2026-01-02T10:00:07Z link \"Inner Critic\" to \"Hot and cold\"",
        "2026-01-02T10:00:08Z ask Numbing body a heavy chest",
    ]

    static let startingHistory: EditHistory = {
        var report = LoadReport()
        return try! MapDocument.replay(startingJournal, path: "start.parts", report: &report)
    }()

    /// The most lines one input runs (each line is checked against the map the lines before built).
    static let maximumLines = 64

    static func commandLines(_ bytes: [UInt8]) throws(Failure) {
        var history = startingHistory
        var names = NamesChecked()
        let time = Timestamp(secondsSinceEpoch: 1_800_000_000)
        var lineNumber = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(maximumLines) {
            lineNumber += 1
            // As the plain line reader hands a line over: decoded, invalid bytes replaced.
            let line = String(decoding: raw, as: UTF8.self)
            let system = history.system
            let known: (String) -> Bool = { system.entity(named: $0) != nil }
            let command: Command
            do { command = try Parser(isKnownName: known).parse(line) } catch { continue }
            let record: JournalRecord
            switch command {
            case .change(let change):
                try roundTrip(change, known: known, line: line)
                record = .change(change)
            case .undo: record = .undo
            case .redo: record = .redo
            default: continue  // reads the map, changes nothing
            }
            try step(&history, record, at: time, names: &names, context: "line \(lineNumber) \(quoted(line))")
        }
    }

    /// parse(print(change)) == change, whatever names the map holds.
    static func roundTrip(_ change: Change, known: @escaping (String) -> Bool, line: String) throws(Failure) {
        let printed = ChangePrinter.line(for: change)
        guard !printed.utf8.contains(0x0A) else { throw fail("\(quoted(line)) printed over two lines: \(quoted(printed))") }
        for (label, parser) in [("no names known", Parser()), ("the map's names known", Parser(isKnownName: known))] {
            let again: Command
            do { again = try parser.parse(printed) } catch {
                throw fail("\(quoted(line)) gave \(change), printed \(quoted(printed)), which does not parse (\(label)): \(error)")
            }
            guard again == .change(change) else {
                throw fail("\(quoted(line)) gave \(change), printed \(quoted(printed)), read back as \(again) (\(label))")
            }
        }
    }

    /// Records one change, undo or redo and checks the map before and after: a refusal changes nothing; an
    /// acceptance is what its journal line replays to, and undo/redo bring the map back and forth.
    static func step(_ history: inout EditHistory, _ record: JournalRecord, at time: Timestamp?,
                     names: inout NamesChecked, context: @autoclosure () -> String) throws(Failure) {
        let before = history
        let outcome: EditHistory.Outcome
        do {
            outcome = try history.record(record, at: time)
        } catch {
            let (beforeState, after) = (Snapshot(before), Snapshot(history))
            guard after == beforeState else {
                throw fail("\(context()): refused (\(error)) but half-applied:\n  before \(beforeState)\n  after  \(after)")
            }
            return
        }
        let afterState = Snapshot(history)
        try checkInvariants(history.system, names: &names, context: context())

        // What the journal keeps for it replays to the same map.
        let stored: JournalRecord
        if case .applied(let change) = outcome { stored = .change(change) } else { stored = record }
        let journalLine = JournalFormat.line(for: stored, at: time ?? Timestamp(secondsSinceEpoch: 0))
        guard case .record(_, let body) = JournalFormat.classify(journalLine) else {
            throw fail("\(context()): its journal line \(quoted(journalLine)) is not read as a record")
        }
        var replayed = before
        let system = before.system
        do {
            let reread = try Parser(isKnownName: { system.entity(named: $0) != nil }).parseJournalRecord(String(body))
            try replayed.record(reread, at: time)
        } catch {
            throw fail("\(context()): its journal line \(quoted(journalLine)) does not replay: \(error)")
        }
        guard Snapshot(replayed) == afterState else {
            throw fail("\(context()): its journal line \(quoted(journalLine)) replays to another map:\n  live   \(afterState)\n  replay \(Snapshot(replayed))")
        }

        // Undo takes it back (session counts aside: an undo is itself counted), redo brings it again.
        guard case .applied(let change) = outcome, !change.isSessionMarker, history.canUndo else { return }
        var probe = history
        do { try probe.record(.undo, at: time) } catch { throw fail("\(context()): cannot undo it: \(error)") }
        guard Content(probe.system) == Content(before.system) else {
            throw fail("\(context()): undo does not restore the map:\n  before \(Content(before.system))\n  undone \(Content(probe.system))")
        }
        do { try probe.record(.redo, at: time) } catch { throw fail("\(context()): cannot redo it: \(error)") }
        guard Content(probe.system) == Content(history.system) else {
            throw fail("\(context()): redo does not bring it back:\n  after  \(Content(history.system))\n  redone \(Content(probe.system))")
        }
    }

    // MARK: Map files

    /// Checks one map file's bytes, read from memory by the code that reads a map file (no file per input).
    static func journal(_ bytes: [UInt8]) throws(Failure) {
        let journal = JournalFile.inMemory(bytes, path: "fuzz.parts")
        defer { journal.close() }
        let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let contents: JournalContents
        do {
            contents = try journal.read()
        } catch {
            let line: Int
            switch error {
            case .invalidUTF8(_, let n), .nulBytes(_, let n), .lineTooLong(_, let n, _): line = n
            default: throw fail("read failed unexpectedly: \(error)")
            }
            guard line >= 1, line <= newlines + 1 else { throw fail("damage reported at line \(line) of \(newlines + 1)") }
            return
        }
        // The lines and the tail are the file, exactly.
        var rebuilt: [UInt8] = []
        for line in contents.lines { rebuilt += Array(line.utf8) + [0x0A] }
        rebuilt += contents.tornTail ?? []
        guard rebuilt == bytes else { throw fail("lines + torn tail do not give back the file") }
        guard contents.lines.count == newlines, contents.tornTail.map({ !$0.isEmpty && !$0.contains(0x0A) }) ?? true else {
            throw fail("\(contents.lines.count) lines for \(newlines) newlines, or a tail holding a newline")
        }
        try replay(contents.lines)
        if SealedHeader.isSealed(bytes) { try sealed(bytes, lines: contents.lines) }
    }

    /// The passphrase of the sealed maps in the seed corpus (made with scrypt cost 2^10).
    static let sealPassphrase = Array("fuzzing passphrase".utf8)

    /// An encrypted map opens with its passphrase, or is refused with a reason that names a line inside it.
    static func sealed(_ bytes: [UInt8], lines: [String]) throws(Failure) {
        // A header asking for more work than 2^12 rounds would make each input slow, not find more.
        if case .success(let header) = SealedHeader.parse(lines.first ?? ""), header.cost.log2N > 12 { return }
        let passphrase = sealPassphrase
        let source = PassphraseSource(attempts: 1, unlock: { _, _ in passphrase }, choose: { _ in passphrase })
        do {
            let (document, _) = try MapDocument.open(JournalFile.inMemory(bytes, path: "fuzz.parts"), passphrases: source)
            document.close()
        } catch {
            switch error {
            case .alteredRecord(_, let line), .damagedLine(_, let line, _, _):
                guard line >= 2, line <= lines.count else { throw fail("a sealed map refused at line \(line) of \(lines.count)") }
            case .wrongPassphrase, .sealedHeader, .notAMap, .newerVersion:
                break
            default:
                throw fail("a sealed map refused unexpectedly: \(error)")
            }
        }
    }

    /// `MapDocument.replay`, and the same lines one record at a time with every step checked.
    static func replay(_ lines: [String]) throws(Failure) {
        var report = LoadReport()
        let loaded: Result<EditHistory, MapFileError>
        do { loaded = .success(try MapDocument.replay(lines, path: "fuzz.parts", report: &report)) } catch {
            loaded = .failure(error)
        }

        // Step by step, as replay does it, checking each record.
        var history = EditHistory()
        // What applied so far, to rebuild the map a refused record must leave as it was (a snapshot
        // before every record made each input quadratic in its length).
        var applied: [(record: JournalRecord, time: Timestamp?)] = []
        var names = NamesChecked()
        var lastTime: Timestamp?
        var canonical: [String] = [JournalFormat.header]
        var stoppedAt: Int?
        var newerVersion = false
        for (index, rawLine) in lines.enumerated() {
            var line = rawLine
            if line.utf8.last == 0x0D { line.removeLast() }
            switch JournalFormat.classify(line) {
            case .comment: continue
            case .header(let version):
                if version > JournalFormat.version { newerVersion = true }
            case .record(let time, let body):
                if let time { lastTime = time }
                let system = history.system
                let record: JournalRecord
                do {
                    record = try Parser(isKnownName: { system.entity(named: $0) != nil }).parseJournalRecord(String(body))
                } catch {
                    stoppedAt = index + 1
                    break
                }
                let outcome: EditHistory.Outcome
                do { outcome = try history.record(record, at: lastTime) } catch {
                    guard Snapshot(history) == Snapshot(try rebuilt(applied)) else {
                        throw fail("line \(index + 1) \(quoted(line)) was refused but half-applied")
                    }
                    stoppedAt = index + 1
                    break
                }
                applied.append((record, lastTime))
                try checkInvariants(history.system, names: &names, context: "line \(index + 1) \(quoted(line))")
                let stored: JournalRecord
                if case .applied(let change) = outcome { stored = .change(change) } else { stored = record }
                canonical.append(lastTime.map { JournalFormat.line(for: stored, at: $0) } ?? FuzzChecks.body(of: stored))
            }
            if newerVersion || stoppedAt != nil { break }
        }

        switch loaded {
        case .failure(.newerVersion):
            guard newerVersion else { throw fail("replay said newer version; the lines hold no such header") }
        case .failure(.damagedLine(_, let line, _, _)):
            guard line == stoppedAt else { throw fail("replay stopped at line \(line), the records at line \(stoppedAt ?? -1)") }
        case .failure(.notAMap):
            guard stoppedAt != nil else { throw fail("replay said not a map where every record applies") }
        case .failure(let error):
            throw fail("replay failed (\(error)) where every record applies")
        case .success(let replayed):
            guard !newerVersion, stoppedAt == nil else {
                throw fail("replay loaded lines that do not all apply (stopped at \(stoppedAt ?? -1))")
            }
            let replayedState = Snapshot(replayed)
            guard replayedState == Snapshot(history) else { throw fail("replay and step-by-step differ") }
            // Written back in canonical lines (what a compaction would keep), it loads into the same map.
            var again = LoadReport()
            let reloaded: EditHistory
            do { reloaded = try MapDocument.replay(canonical, path: "canonical.parts", report: &again) } catch {
                throw fail("the canonical journal does not load: \(error)\n\(canonical.joined(separator: "\n"))")
            }
            guard Snapshot(reloaded) == replayedState else {
                throw fail("the canonical journal loads into another map:\n\(canonical.joined(separator: "\n"))")
            }
        }
    }

    /// The map `records` make, each of which applied before, in this order.
    static func rebuilt(_ records: [(record: JournalRecord, time: Timestamp?)]) throws(Failure) -> EditHistory {
        var history = EditHistory()
        for (index, (record, time)) in records.enumerated() {
            do { try history.record(record, at: time) } catch {
                throw fail("record \(index + 1) (\(body(of: record))) applied, but not when applied again: \(error)")
            }
        }
        return history
    }

    static func body(of record: JournalRecord) -> String {
        switch record {
        case .change(let change): ChangePrinter.line(for: change)
        case .undo: "undo"
        case .redo: "redo"
        }
    }

    // MARK: What a map is

    /// Everything a history holds that can be compared, private index, counters and stacks included.
    struct Snapshot: Equatable, CustomStringConvertible {
        var content: Content
        var ids: [Int]
        var sessions: [Session]
        var index: [String]
        var nextID: EntityID
        var undoDepth: Int
        var redo: [Change]

        init(_ history: EditHistory) {
            let system = history.system
            content = Content(system)
            ids = system.parts.keys.map { $0 } + [-1] + system.patterns.keys.map { $0 }
            sessions = system.sessions
            index = system.nameTable.all.map { name, entity in
                switch entity {  // not "\(entity)": that is a reflection walk, on every name of every snapshot
                case .part(let id): "\(name)=part \(id)"
                case .pattern(let id): "\(name)=pattern \(id)"
                }
            }.sorted()
            nextID = system.nextEntityID
            undoDepth = history.undoCount
            redo = history.redoChanges
        }

        var description: String { "\(content) ids=\(ids) sessions=\(sessions.count) next=\(nextID) undo=\(undoDepth) redo=\(redo)" }
    }

    /// What the map says, by name — what a person sees (and what undo and redo must restore).
    /// Ids aside: a redone `add` gets a new one (the same on every replay, so the map file never sees it).
    struct Content: Equatable, CustomStringConvertible {
        var parts: [String]
        var partDetails: [[PartField: String]]
        var answers: [[Answer]]
        var patterns: [String]
        var relations: [String]
        var links: [String]
        var incidents: [[Incident]]

        init(_ system: InnerSystem) {
            parts = system.parts.values.map { "\($0.name)/\($0.role.rawValue)" }
            partDetails = system.parts.values.map(\.fields.dictionary)
            answers = system.parts.values.map(\.answers) + system.patterns.values.map(\.answers)
            patterns = system.patterns.values.map { "\($0.name) with \($0.with): \($0.description)" }
            func name(_ id: EntityID) -> String { system.parts[id]?.name ?? system.patterns[id]?.name ?? "?\(id)" }
            relations = system.relations.map { relation, reason in "\(name(relation.from)) \(relation.kind.rawValue) \(name(relation.to)) because \(reason)" }
            incidents = system.patterns.values.map(\.incidents)
            links = system.links.map { "\(system.parts[$0.part]?.name ?? "?") in \(system.patterns[$0.pattern]?.name ?? "?")" }
        }

        var description: String {
            "parts=\(parts) fields=\(partDetails) answers=\(answers.map(\.count)) patterns=\(patterns) relations=\(relations) links=\(links)"
        }
    }

    /// The promises InnerSystem documents: unique names, no dangling or self relations, symmetric ones once.
    /// `names` carries what the checks of the same input's maps before found (see `NamesChecked`).
    static func checkInvariants(_ system: InnerSystem, names: inout NamesChecked, context: @autoclosure () -> String) throws(Failure) {
        names.see(system.nameTable)
        var keys: Set<String> = []
        for part in system.parts.values {
            let fold = names.fold(part.name)
            guard keys.insert(fold.key).inserted else { throw fail("\(context()): two names \(quoted(part.name))") }
            guard names.isIndexed(.part(part.id), part.name, in: system) else { throw fail("\(context()): \(quoted(part.name)) not indexed") }
            guard !part.name.isEmpty, fold.isNormalized else {
                throw fail("\(context()): part name \(quoted(part.name)) is not normalized")
            }
        }
        for pattern in system.patterns.values {
            guard keys.insert(names.fold(pattern.name).key).inserted else { throw fail("\(context()): two names \(quoted(pattern.name))") }
            guard names.isIndexed(.pattern(pattern.id), pattern.name, in: system) else {
                throw fail("\(context()): \(quoted(pattern.name)) not indexed")
            }
        }
        for relation in system.relations.keys {
            // Parts at both ends, or patterns for `echoes`.
            let ends = relation.kind.isBetweenPatterns
                ? system.patterns[relation.from] != nil && system.patterns[relation.to] != nil
                : system.parts[relation.from] != nil && system.parts[relation.to] != nil
            guard ends else {
                throw fail("\(context()): a relation names a missing part (or, for echoes, pattern)")
            }
            guard relation.from != relation.to else { throw fail("\(context()): a part related to itself") }
            guard !relation.kind.isSymmetric || relation.from < relation.to else {
                throw fail("\(context()): a symmetric relation stored the wrong way round")
            }
        }
        for link in system.links {
            guard system.parts[link.part] != nil, system.patterns[link.pattern] != nil else {
                throw fail("\(context()): a link names a missing part or pattern")
            }
        }
    }

    /// What the invariant checks of one input's maps found so far. The checks after every record ask about the
    /// same names again, and a name that is not ASCII folds through Unicode's tables (on a look-up, two or
    /// three times): asked afresh, every entity after every record made an input quadratic in its length.
    struct NamesChecked {
        /// `InnerSystem.key(name)` and whether the name is normalized, by the name's bytes.
        private var folds: [[UInt8]: (key: String, isNormalized: Bool)] = [:]
        /// The table of names (every name with what it names, in its order) at the last check.
        private var table: [(name: String, entity: Entity)] = []
        /// Entities that `entity(named:)` found by these names, while the table still holds them so.
        private var found: [EntityID: String] = [:]
        private var foundPatterns: [EntityID: String] = [:]

        mutating func fold(_ name: String) -> (key: String, isNormalized: Bool) {
            let bytes = Array(name.utf8)
            if let known = folds[bytes] { return known }
            let fold = (InnerSystem.key(name), name == InnerSystem.normalized(name))
            folds[bytes] = fold
            return fold
        }

        /// A look-up finds what the table holds for the name, so one made before stands while the table holds
        /// the same name for the same entity; any other entity is looked up again.
        mutating func see(_ names: NameTable) {
            let now = names.all
            guard now.count != table.count || zip(now, table).contains(where: { $0.name != $1.name || $0.entity != $1.entity })
            else { return }
            var held: [EntityID: String] = [:], heldPatterns: [EntityID: String] = [:]
            for (name, entity) in now {
                switch entity {
                case .part(let id): held[id] = name
                case .pattern(let id): heldPatterns[id] = name
                }
            }
            found = found.filter { held[$0.key] == $0.value }
            foundPatterns = foundPatterns.filter { heldPatterns[$0.key] == $0.value }
            table = now
        }

        /// `system.entity(named: name) == entity`, asked of the system unless an earlier look-up stands.
        mutating func isIndexed(_ entity: Entity, _ name: String, in system: InnerSystem) -> Bool {
            switch entity {
            case .part(let id) where found[id] == name, .pattern(let id) where foundPatterns[id] == name: return true
            default: break
            }
            guard system.entity(named: name) == entity else { return false }
            switch entity {
            case .part(let id): found[id] = name
            case .pattern(let id): foundPatterns[id] = name
            }
            return true
        }
    }

    // MARK: Helpers

    static func quoted(_ line: String) -> String {
        let shown = line.unicodeScalars.count > 120 ? String(String.UnicodeScalarView(line.unicodeScalars.prefix(117))) + "..." : line
        return "\"" + shown.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : $0.escaped(asASCII: true) }.joined() + "\""
    }
}
