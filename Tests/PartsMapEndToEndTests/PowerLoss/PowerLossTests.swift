import Foundation
import TestSupport
import Testing

/// "Nothing is lost", under power loss: each scenario runs the real partsmap under strace, the trace is
/// replayed into `DiskModel`, and every state a power cut may leave at every point of the run is written out
/// and opened with partsmap. Every state must open (a torn last line set aside, never a refusal), and hold
/// everything partsmap had acknowledged before the cut: the map exports exactly as it did at the last
/// acknowledgement or at a later one. Exports and encryption have rules of their own (below).
///
/// `swift test` runs a reduced set; PARTSMAP_POWERLOSS=full runs long seeded sessions as well
/// (PARTSMAP_SEED replays one).
@Suite(.serialized, .requires("strace that can trace", if: Tools.canTrace))
struct PowerLossTests {
    @Test func appendsToAMapSurviveEveryCut() throws {
        let run = try PowerLoss.Run { box in
            try box.script("add manager \"Inner Critic\"")  // the map exists before the traced run
        }
        try run.trace(["map.parts"], input: """
            add exile "Little One"
            add pattern "Pursue and withdraw" with Sam
            relate "Inner Critic" protects "Little One" because "being laughed at"
            link "Inner Critic" to "Pursue and withdraw"
            set "Inner Critic" age "about twelve"
            undo
            redo

            """)
        let report = try run.check()
        #expect(report.isClean, "\(report)")
        #expect(report.acknowledgements >= 7)
    }

    @Test func aNewMapInANewFolderSurvivesEveryCut() throws {
        let run = try PowerLoss.Run()
        try run.trace(["clients/anna/map.parts"], input: "add manager Planner\nadd exile \"Young One\"\n")
        let report = try run.check(map: "clients/anna/map.parts")
        #expect(report.isClean, "\(report)")
        // The cuts after the first acknowledgement need the folders' and the file's names on disk.
        #expect(report.acknowledgements >= 2)
    }

    @Test func encryptingChangingThePassphraseAndDecryptingSurviveEveryCut() throws {
        let run = try PowerLoss.Run { box in
            try box.script("add manager \"Inner Critic\"", "add exile \"Little One\"")
        }
        try run.trace(["map.parts", "-c", "encrypt", "-c", "add firefighter Numbing", "-c", "encrypt",
                       "-c", "add part Sleepy", "-c", "decrypt", "-c", "add manager Planner"])
        let everything = run.said
        func isSwitch(_ text: String) -> Bool { text.contains("is now encrypted") || text.contains("plain text again") }
        let report = try run.check { state, said in
            // Once partsmap says the map is encrypted, no state may hold it in plain text until a `decrypt`
            // has begun (its rewrite may land before partsmap says so), and the other way round.
            guard let bytes = state["map.parts"] ?? nil else { return "the map is gone" }
            let sealed = bytes.starts(with: Array("# partsmap map v2 sealed ".utf8))
            guard let last = said.last(where: isSwitch) else { return nil }
            let next = everything[said.count...].first(where: isSwitch)
            let encrypted = last.contains("is now encrypted")
            if encrypted, !sealed, next.map(isSwitch) != true { return "plain text after \"is now encrypted\"" }
            if !encrypted, sealed, next.map(isSwitch) != true { return "still sealed after \"plain text again\"" }
            return nil
        }
        #expect(report.isClean, "\(report)")
        #expect(report.acknowledgements >= 6)
    }

    @Test func exportsAreWholeOrAbsentAndTheMapIsUntouched() throws {
        let run = try PowerLoss.Run { box in
            try box.script("add manager \"Inner Critic\"", "add exile \"Little One\"",
                           "\"Inner Critic\" protects \"Little One\"")
            try Data("an older export\n".utf8).write(to: box.dir.appendingPathComponent("old.dot"))
            try FileManager.default.createDirectory(at: box.dir.appendingPathComponent("drawings"), withIntermediateDirectories: false)
        }
        try run.trace(["map.parts"], input: """
            export json map.json
            export dot old.dot
            export mermaid drawings/map.mmd
            export markdown handout.md
            add part Sleepy
            export svg map.svg

            """)
        let exports = ["map.json", "old.dot", "drawings/map.mmd", "handout.md", "map.svg"]
        let initial = run.initialFiles
        let final = run.finalFiles
        let report = try run.check { state, said in
            for export in exports {
                let now = state[export] ?? nil
                let done = said.contains { $0.contains("Wrote \(export)") }
                if done, now != final[export] ?? nil { return "\(export) is not whole after \"Wrote \(export).\"" }
                if !done, now != final[export] ?? nil, now != initial[export] ?? nil {
                    return "\(export) is neither the old file nor the new one"
                }
            }
            return nil
        }
        #expect(report.isClean, "\(report)")
        #expect(report.acknowledgements >= 6)
    }

    @Test func openingAMapWithATornLastLineKeepsTheTornBytes() throws {
        let torn = "2026-11-01T10:00:00Z add manager \"Half writ"
        let run = try PowerLoss.Run { box in
            try box.script("add manager \"Inner Critic\"")
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: box.map))
            handle.seekToEndOfFile()
            handle.write(Data(torn.utf8))
            try handle.close()
        }
        try run.trace(["map.parts"], input: "add exile \"Little One\"\n")
        let report = try run.check { state, said in
            // Before the map is cut back, the torn bytes are in it; after, in a side file whose name is durable.
            let inMap = (state["map.parts"] ?? nil).map { String(decoding: $0, as: UTF8.self).hasSuffix(torn) } ?? false
            let aside = state.contains { $0.key.hasPrefix("map.parts.torn-") && ($0.value ?? []) == Array(torn.utf8) }
            return inMap || aside ? nil : "the torn last line is neither in the map nor set aside"
        }
        #expect(report.isClean, "\(report)")
    }

    @Test(.requires("tmux"))
    func theHistoryFileIsOldOrNewAndKeptOnceThePromptIsBack() throws {
        let run = try PowerLoss.Run { box in try box.script("add manager \"Inner Critic\"") }
        try run.traceAtTerminal { t in
            let lines = [("add exile \"Little One\"", "Added exile"), ("set \"Little One\" age six", "six"),
                         ("history clear", "Forgot the saved history"), ("add part Sleepy", "Added part")]
            for (line, reply) in lines {
                try t.type(line)
                try t.press("Enter")
                try t.waitFor(reply)
            }
        }
        let history = "state/partsmap/history"
        let report = try run.check { state, said in
            // Like the map: once the prompt is back, the history saved before it is on disk, whole.
            run.acknowledged(history, after: said.count).contains(state[history] ?? nil)
                ? nil : "the history file is not one that was saved, or lost a save acknowledged by the prompt"
        }
        #expect(report.isClean, "\(report)")
        #expect(run.finalFiles[history] != nil, "no history was saved")
    }

    /// Seeded sessions of every kind of change: one short one here, eight of 100 changes with long
    /// answers (384–960 KiB) in the full run.
    @Test func seededSessionsSurviveEveryCut() throws {
        for offset in 0..<(PowerLoss.full ? 8 : 1) {
            let seed = PowerLoss.seed &+ UInt64(offset)
            print("power loss: seed \(seed) (PARTSMAP_SEED=\(seed) replays it)")
            let run = try PowerLoss.Run()
            let script = PowerLoss.full ? SessionScript(count: 100, seed: seed, longTextEvery: 30)
                                        : SessionScript(count: 24, seed: seed, longTextEvery: 1_000_000)
            try run.trace(["map.parts"], input: script.lines.joined(separator: "\n") + "\n")
            let report = try run.check()
            #expect(report.isClean, "seed \(seed): \(report)")
        }
    }
}

enum PowerLoss {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let full = ProcessInfo.processInfo.environment["PARTSMAP_POWERLOSS"] == "full"
    static let seed = UInt64(ProcessInfo.processInfo.environment["PARTSMAP_SEED"] ?? "") ?? 0x90E7_1055

    /// Totals over every scenario run in this process, for the note printed at the end of each.
    nonisolated(unsafe) static var totals = (states: 0, opened: 0, acknowledgements: 0)

    struct Report: CustomStringConvertible {
        var states = 0
        var opened = 0
        var acknowledgements = 0
        var problems: [String] = []
        var isClean: Bool { problems.isEmpty }
        var description: String {
            "\(states) crash states (\(opened) distinct opened), \(acknowledgements) acknowledgements; "
                + (problems.isEmpty ? "no problem" : "\(problems.count) problems:\n" + problems.prefix(8).joined(separator: "\n"))
        }
    }

    /// One traced run of partsmap in a sandbox, and the checking of its crash states.
    final class Run {
        let box: Sandbox
        /// Where states are written out and opened: outside the traced folder.
        let checker: Sandbox
        let passphraseFile: String
        private(set) var model: DiskModel!

        init(setUp: (Sandbox) throws -> Void = { _ in }) throws {
            box = try Sandbox()
            checker = try Sandbox()
            passphraseFile = checker.dir.appendingPathComponent("passphrase").path
            try Data("correct horse battery staple".utf8).write(to: URL(fileURLWithPath: passphraseFile))
            chmod(passphraseFile, 0o600)
            try setUp(box)
        }

        deinit {
            try? FileManager.default.removeItem(at: box.dir)
            try? FileManager.default.removeItem(at: checker.dir)
        }

        var environment: [String: String] { ["PARTSMAP_PASSPHRASE_FILE": passphraseFile] }
        var initialFiles: [String: [UInt8]?] { model.initial.materialized(root: model.root) }
        var finalFiles: [String: [UInt8]?] { model.current.materialized(root: model.root) }

        /// Runs partsmap with `arguments` under strace and reads what it asked of the sandbox's folder.
        func trace(_ arguments: [String], input: String = "") throws {
            try tracing { launcher in
                let result = try box.run(arguments, input: input, environment: environment, launcher: launcher)
                #expect(result.status == 0, "the traced run failed: \(result.stderr)")
            }
        }

        /// As `trace`, with partsmap at a terminal (tmux) and `session` typing at it.
        func traceAtTerminal(_ session: (TerminalTests.Tmux) throws -> Void) throws {
            try tracing { launcher in
                let t = TerminalTests.Tmux(box: box)
                defer { t.stop() }
                try t.start(environment: environment, launcher: launcher)
                try session(t)
                #expect(try t.quitWithCtrlD() == "0")
            }
        }

        /// Snapshots the sandbox, lets `run` start partsmap through the strace `launcher`, and reads the log
        /// into the model. (Files the harness or tmux write beside it are not partsmap's: the model follows
        /// partsmap only.)
        private func tracing(_ run: (_ launcher: [String]) throws -> Void) throws {
            let root = box.dir.resolvingSymlinksInPath().path
            var model = try DiskModel(root: root)
            let log = checker.dir.appendingPathComponent("strace.log").path
            try run([PowerLoss.strace!] + StraceLog.options(log: log))
            try model.record(try StraceLog.parse(try String(contentsOfFile: log, encoding: .utf8)), cwd: root)
            try FileManager.default.removeItem(atPath: log)
            self.model = model
            acknowledgements = model.acknowledgedStates()
            dump()
        }

        /// What partsmap said in the whole run, in order, each with the files right after it (read once).
        private(set) var acknowledgements: [(said: String, files: [String: [UInt8]?])] = []

        /// What partsmap said in the whole run, in order.
        var said: [String] { acknowledgements.map(\.said) }

        /// The contents `path` may have once partsmap has said `count` things: what it was right after the
        /// last of them, or after any later one (absent is nil).
        func acknowledged(_ path: String, after count: Int) -> [[UInt8]?] {
            let states = acknowledgements.map { $0.files[path] ?? nil }
            return (count == 0 ? [initialFiles[path] ?? nil] : []) + states[max(count - 1, 0)...]
        }

        /// PARTSMAP_POWERLOSS_DUMP=1 prints the operations the model read, to see what a run asked of the disk.
        func dump() {
            guard ProcessInfo.processInfo.environment["PARTSMAP_POWERLOSS_DUMP"] == "1" else { return }
            for (index, operation) in model.operations.enumerated() {
                let text: String
                switch operation {
                case .write(let node, let offset, let bytes): text = "write node \(node) at \(offset): \(bytes.count) bytes"
                case .said(let words): text = "said \(words.prefix(60).debugDescription)"
                default: text = "\(operation)".replacingOccurrences(of: model.root, with: "ROOT")
                }
                print("#\(index) \(text)")
            }
        }

        /// Opens every crash state; `rule` adds a scenario's own check (nil: fine).
        func check(map: String = "map.parts",
                   rule: ([String: [UInt8]?], [String]) -> String? = { _, _ in nil }) throws -> Report {
            var report = Report()
            var exports: [[String: [UInt8]?]: (status: Int32, json: String, stderr: String)] = [:]
            var written = 0
            func open(_ files: [String: [UInt8]?]) throws -> (status: Int32, json: String, stderr: String) {
                if let known = exports[files] { return known }
                written += 1
                let folder = checker.dir.appendingPathComponent("state-\(written)")
                try write(files, to: folder)
                let result = try checker.run([folder.appendingPathComponent(map).path, "-c", "export json"],
                                             environment: environment)
                try FileManager.default.removeItem(at: folder)
                let outcome = (result.status, result.stdout, result.stderr)
                exports[files] = outcome
                return outcome
            }
            // What each acknowledgement promised: the map as it exported right after it was said.
            let acknowledged = try acknowledgements.map { try open($0.files).json }
            let before = try open(model.initial.materialized(root: model.root)).json
            report.acknowledgements = acknowledged.count
            for state in model.crashStates() {
                report.states += 1
                let opened = try open(state.files)
                let said = state.said.count
                let allowed = (said == 0 ? [before] : []) + acknowledged[max(said - 1, 0)...]
                var problem: String?
                if opened.status != 0 {
                    problem = "did not open (\(opened.stderr.prefix(200)))"
                } else if !allowed.contains(opened.json) {
                    problem = "lost or changed what was acknowledged (after \(said) acknowledgements)"
                } else {
                    problem = rule(state.files, state.said)
                }
                if let problem {
                    report.problems.append("cut \(state.cut) (\(state.how)): \(problem); last said: "
                                           + "\(state.said.last?.prefix(80) ?? "nothing")")
                }
            }
            report.opened = written
            PowerLoss.totals.states += report.states
            PowerLoss.totals.opened += report.opened
            PowerLoss.totals.acknowledgements += report.acknowledgements
            print("power loss: \(report.states) crash states, \(report.opened) distinct ones opened, "
                  + "\(report.acknowledgements) acknowledgements, \(report.problems.count) problems "
                  + "(so far in all: \(PowerLoss.totals.states) states, \(PowerLoss.totals.acknowledgements) acknowledgements)")
            return report
        }

        private func write(_ files: [String: [UInt8]?], to folder: URL) throws {
            let manager = FileManager.default
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
                let url = folder.appendingPathComponent(path)
                if let bytes {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: url)
                    chmod(url.path, 0o600)
                } else {
                    try manager.createDirectory(at: url, withIntermediateDirectories: true)
                    chmod(url.path, 0o700)
                }
            }
        }
    }
}
