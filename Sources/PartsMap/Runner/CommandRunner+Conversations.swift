extension CommandRunner {
    /// Runs a guided conversation through the console: each step said, each answer read from the same
    /// input (so a script can answer), each resulting change saved before the next question; stopping
    /// (Ctrl-C, the input's end) keeps what was said.
    func converse(_ conversation: inout some GuidedConversation, console: any Console) throws {
        while !conversation.isFinished {
            console.say(conversation.step.say)
            guard let answer = console.readAnswer(prompt: "  … ", completion: conversation.step.completion) else {
                console.say(conversation.stop())
                return
            }
            for change in conversation.respond(answer, in: system) {
                try document.perform(.change(change))
                mapDidChange()
            }
            if conversation.isFinished { console.say(conversation.step.say) }
        }
    }
}
