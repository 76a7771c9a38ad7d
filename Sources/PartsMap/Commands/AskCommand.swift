/// `ask PART`: the guided conversation, through the runner's console (which reads the person's
/// answers, from a terminal or a script); `ask NAME QUESTION TEXT` keeps one answer.
enum AskCommand: CommandVerb {
    static let help = CommandInfo(
        verb: "ask", group: "Asking",
        forms: ["ask PART", "ask PART protecting TEXT", "ask NAME QUESTION TEXT",
                "QUESTION for a part: " + Question.partQuestions.map(\.rawValue).joined(separator: " "),
                "QUESTION for a pattern: " + Question.patternQuestions.map(\.rawValue).joined(separator: " ")],
        summary: "ask a part, with curiosity, and keep its answers (\"What are you protecting me from?\")",
        example: "ask Critic protecting feeling like I don't belong")
    static var completion: [Completer.Slot]? { [.name(parts: true, patterns: true, until: Vocabulary.questionKeys), .text] }

    static func parse(_ scanner: inout Scanner, with parser: Parser) throws(ParseError) -> Command {
        let usage = help.forms.prefix(3).joined(separator: " or ")
        guard !scanner.atEnd else { throw .missing("whom to ask", usage: usage) }
        var whole = scanner
        // A quoted name followed by more words is never the whole rest (nor is one with a space in
        // it), so that is only looked up when it is all there is; and the rest may not read as
        // names at all (an answer can hold a stray quote).
        if (try? whole.peek())??.quoted ?? false {
            if let word = try? whole.next(), whole.atEnd, !word.text.contains(" "), parser.isKnownName(word.text) {
                return .ask(name: word.text)
            }
        } else if let everything = try? parser.names(&whole), parser.isKnownName(everything) {
            return .ask(name: everything)
        }
        let split = try parser.splitName(&scanner, separators: Separators.questionKeys)
        guard let name = split.name else { throw .missing("whom to ask", usage: usage) }
        guard let key = split.separator else { return .ask(name: name) }
        let text = scanner.rest()
        guard !text.isEmpty else {
            throw .missing("the answer after \"\(key)\"", usage: "ask \(ChangePrinter.name(name)) \(key) TEXT")
        }
        return .change(.answer(name: name, question: Question(rawValue: key)!, text: text))
    }

    static func run(_ command: Command, in runner: CommandRunner) throws -> CommandRunner.Reply {
        guard case .ask(let name) = command else {
            return try runChange(command, in: runner)  // `ask NAME QUESTION TEXT`: one answer kept
        }
        var conversation = try Conversation.begin(with: name, in: runner.system)
        guard let console = runner.console else { throw RunnerError.nobodyToAsk(runner.system.name(of: try runner.system.resolve(name))) }
        // Each step said, each answer read from the same input (so a script can answer), each
        // resulting change saved before the next question; stopping keeps what was said.
        let selfCheck = runner.system.selfCheckOn && !conversation.isPattern
        if selfCheck { try offerSelfCheck(.before, around: conversation.name, console: console, in: runner) }
        while !conversation.isFinished {
            console.say(conversation.step.say)
            guard let answer = console.readAnswer(prompt: "  … ", completion: conversation.step.completion) else {
                console.say(conversation.stop())
                return CommandRunner.Reply()  // Ctrl-C or the end of the input: no more questions
            }
            for change in conversation.respond(answer, in: runner.system) {
                try runner.document.perform(.change(change))
                runner.mapDidChange()
            }
            if conversation.isFinished { console.say(conversation.step.say) }
        }
        if selfCheck, runner.system.entity(named: conversation.name) != nil {
            try offerSelfCheck(.after, around: conversation.name, console: console, in: runner)
        }
        return CommandRunner.Reply()
    }

    /// `selfcheck on`: how much Self-energy is here, before and after getting to know a part (did
    /// unblending happen?). An empty line skips it; a reading is kept like `self LEVEL`.
    private static func offerSelfCheck(_ moment: SelfCheckMoment, around part: String, console: any Console,
                                       in runner: CommandRunner) throws {
        let question = moment == .before
            ? "Before we begin — how much Self-energy is here now, 0–10? (an empty line skips)"
            : "And now — how much Self-energy is here, 0–10? (an empty line skips)"
        console.say(question)
        while let reply = console.readAnswer(prompt: "  … ", completion: .none) {
            let trimmed = AnswerWords.trimmed(reply)
            if trimmed.isEmpty || trimmed == "." { return }
            guard let level = WalkWords.level(trimmed) else { console.say(WalkWords.levelAgain); continue }
            let outcome = try runner.document.perform(.change(.selfReading(SelfReading(level: level, check: (moment, part)))))
            runner.mapDidChange()
            if moment == .after, case .applied = outcome,
               let before = runner.system.selfReadings.dropLast().last, before.check?.moment == .before, let was = before.level {
                console.say("Self-energy \(was) → \(level). Thank you for checking.")
            }
            return
        }
    }
}
