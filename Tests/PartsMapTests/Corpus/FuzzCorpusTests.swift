import Foundation
import Testing

@testable import PartsMap
import TestSupport

/// Every input of the fuzzers' seed corpus (Fuzz/corpus), run through the same checks the fuzzers run
/// (FuzzChecks): no crash, no hang, no half-applied change, print→parse and replay round trips. Plus a short
/// seeded mutation run over the same corpus, so `swift test` fuzzes a little even without libFuzzer.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    /// No single input may take this long: a hang (or a quadratic blow-up) is a failure.
    static let limit = Duration.seconds(2)

    @Test func commandLinesCorpus() throws {
        let inputs = try Self.inputs("command-lines")
        #expect(inputs.count >= 10)
        for input in inputs {
            let elapsed = ContinuousClock().measure {
                do { try FuzzChecks.commandLines(input.bytes) } catch { Issue.record("\(input.name): \(error)") }
            }
            #expect(elapsed < Self.limit, "\(input.name) took \(elapsed)")
        }
    }

    @Test func journalCorpus() throws {
        let inputs = try Self.inputs("journal")
        #expect(inputs.count >= 10)
        for input in inputs {
            let elapsed = ContinuousClock().measure {
                do { try FuzzChecks.journal(input.bytes) } catch {
                    Issue.record("\(input.name): \(error)")
                }
            }
            #expect(elapsed < Self.limit, "\(input.name) took \(elapsed)")
        }
    }

    /// A little of what libFuzzer does, seeded so it repeats: flip, insert, delete and splice bytes of
    /// corpus inputs, with the language's own words among the insertions.
    @Test(arguments: ["command-lines", "journal"])
    func shortMutationRun(target: String) throws {
        let inputs = try Self.inputs(target).map(\.bytes)
        var rng = SeededGenerator.replayable(target == "journal" ? 0x10C : 0xC0DE, test: "mutations of the \(target) corpus")
        let words = ["add ", "manager ", "\"", "'", "\\", " to ", " protects ", " because ", "undo", "redo", "\n",
                     "\r", "\u{0}", "ask ", " protecting ", "rename ", "remove ", "# partsmap map v9\n", "2026-11-21T22:40:05Z ",
                     "\"Inner Critic\"", "Little One", "🧒🏽", "\u{FF}"].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]
        let runs = 1500
        for run in 0..<runs {
            var bytes = inputs.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.insert(contentsOf: words.randomElement(using: &rng)!, at: at)
                case 2 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
                case 3:
                    let other = inputs.randomElement(using: &rng)!
                    if !other.isEmpty {
                        let from = Int.random(in: 0..<other.count, using: &rng)
                        bytes.insert(contentsOf: other[from..<min(other.count, from + 40)], at: at)
                    }
                default: bytes.insert(UInt8.random(in: 0...127, using: &rng), at: at)
                }
            }
            do {
                if target == "journal" {
                    try FuzzChecks.journal(bytes)
                } else {
                    try FuzzChecks.commandLines(bytes)
                }
            } catch {
                Issue.record("run \(run): \(error)\ninput: \(Data(bytes).base64EncodedString())")
                return
            }
        }
    }
}

