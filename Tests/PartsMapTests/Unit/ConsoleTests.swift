import Foundation
import Testing
@testable import PartsMap

/// `ask` and `history` run in the library through a `Console`, with no terminal: a scripted console
/// answers, and what the conversation said and saved can be read back.
@Suite struct ConsoleTests {
    /// Answers from a list; records what was said and what Tab would have offered.
    final class ScriptedConsole: Console {
        var answers: [String]
        var said: [String] = []
        var offered: [StepCompletion] = []
        var requests: [TypedLinesRequest] = []

        init(_ answers: [String]) { self.answers = answers }

        func say(_ text: String) { said.append(text) }

        func readAnswer(prompt: String, completion: StepCompletion) -> String? {
            offered.append(completion)
            return answers.isEmpty ? nil : answers.removeFirst()
        }

        func typedLines(_ request: TypedLinesRequest) throws -> String {
            requests.append(request)
            return "history \(request)"
        }
    }

    let path = NSTemporaryDirectory() + "partsmap-console-\(UUID().uuidString).parts"

    func runner() throws -> CommandRunner {
        let (document, _) = try MapDocument.open(path: path, access: .readWrite)
        let runner = CommandRunner(document: document, mapName: "m")
        _ = try runner.run("add manager Inner Critic")
        _ = try runner.run("add exile Little One")
        return runner
    }

    @Test func askRunsTheWholeConversationAndSavesEachAnswer() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runner = try runner()
        // body, age, feeling, job, how long, wants you to know, protecting, whom, afraid of
        let console = ScriptedConsole(["a tight jaw", "about twelve", "curious", "", "", "", "being laughed at", "Little One", ""])
        runner.console = console
        let reply = try runner.run("ask Inner Critic")
        #expect(reply.output.isEmpty && !reply.quit)
        #expect(console.said.first?.contains("Let's get to know \"Inner Critic\"") == true)
        #expect(console.said.contains { $0.contains("What are you protecting me from?") })
        #expect(console.offered.contains(.exileNames), "Tab offers the exiles when asking whom it protects")
        #expect(console.said.last?.contains("That's all the questions") == true)
        let card = try runner.run("show Inner Critic").output
        #expect(card.contains("about twelve") && card.contains("Protects: Little One"))
        runner.document.close()
        // Every answer was saved as it was given: the map file reads back the same.
        let (reopened, _) = try MapDocument.open(path: path, access: .readOnly)
        #expect(try CommandRunner(document: reopened, mapName: "m").run("show Inner Critic").output == card)
    }

    @Test func stoppingKeepsWhatWasSaid() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runner = try runner()
        let console = ScriptedConsole(["a tight jaw"])  // then the input ends
        runner.console = console
        _ = try runner.run("ask Inner Critic")
        #expect(try runner.run("show Inner Critic").output.contains("a tight jaw"))
        #expect(console.said.count >= 3, "the opening, the first question, then a closing word")
    }

    @Test func withNoConsoleAskSaysWhatWouldWorkAndHistorySaysItIsNotKept() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runner = try runner()
        #expect(throws: RunnerError.nobodyToAsk("Inner Critic")) { try runner.run("ask Inner Critic") }
        #expect(try runner.run("ask Inner Critic job keeps me safe").message.contains("Inner Critic"))
        #expect(try runner.run("history").message.contains("not kept"))
        let console = ScriptedConsole([])
        runner.console = console
        #expect(try runner.run("history off").message == "history off")
        #expect(console.requests == [.off])
        #expect(try runner.read("history off").isAboutTypedLines)
        #expect(try !runner.read("list").isAboutTypedLines)
    }
}
