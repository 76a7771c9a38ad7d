import Foundation
import Testing
import TestSupport

/// The guided conversation, driven through a pipe and through a terminal.
@Suite struct AskTests {
    @Test func aWholeConversationPipedIn() throws {
        let box = try Sandbox()
        let r = try box.script(
            "add manager Inner Critic",
            "ask Inner Critic",
            "a tight jaw",          // body
            "about twelve",         // age
            "annoyed, honestly",    // toward: another part may be here
            "The Tired One",        // noted in the person's own words
            "",                     // go on
            "keeps me small",       // job
            "",                     // duration: skipped
            "it wants me safe",     // message
            "being laughed at",     // protecting
            "The Girl Who Read Aloud",  // a new exile, in the person's words
            "that I'd be alone"     // afraid
        )
        #expect(r.status == 0, "\(r.stderr)")
        let json = try box.run([box.map, "-c", "export json"])
        let map = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let parts = map["parts"] as! [[String: Any]]
        let critic = parts.first { $0["name"] as? String == "Inner Critic" }!
        let answers = (critic["answers"] as! [[String: Any]]).map { "\($0["question"]!)=\($0["answer"]!)" }
        #expect(answers == ["body=a tight jaw", "age=about twelve", "toward=annoyed, honestly", "job=keeps me small",
                            "message=it wants me safe", "protecting=being laughed at", "afraid=that I'd be alone"])
        #expect((critic["fields"] as! [String: String])["fear"] == "that I'd be alone")
        #expect(parts.contains { $0["name"] as? String == "The Tired One" && $0["role"] as? String == "unknown" })
        #expect(parts.contains { $0["name"] as? String == "The Girl Who Read Aloud" && $0["role"] as? String == "exile" })
        let relations = map["relations"] as! [[String: String]]
        #expect(relations == [["from": "Inner Critic", "kind": "protects", "to": "The Girl Who Read Aloud", "reason": "being laughed at"]])
    }

    @Test func aScriptCanRecordAnswersWithoutTheConversation() throws {
        let box = try Sandbox()
        let r = try box.script("add firefighter Numbing", "ask Numbing protecting the shame", "ask Numbing body a heavy chest", "show Numbing")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("What are you protecting me from?"))
        #expect(r.stdout.contains("\"the shame\""))
        #expect(r.stdout.contains("Body (where it is felt): a heavy chest"))
    }

    @Test func aPatternIsAskedTheThreePreparingQuestionsLast() throws {
        let box = try Sandbox()
        let r = try box.script(
            "add pattern Hot and cold with Sam",
            "ask Hot and cold",
            "", "", "", "", "",                   // the first five, skipped
            "feet on the floor",                  // steady
            "either of us; the one who calls it comes back after dinner",  // timeout
            "say that I'm hurt",                  // change
            "ask Hot and cold steady slow breaths", "ask Hot and cold timeout an hour", "ask Hot and cold change ask, not guess",
            "show Hot and cold")
        #expect(r.status == 0, "\(r.stderr)")
        let asked = r.stderr.components(separatedBy: "\n")
        let steady = asked.firstIndex { $0.contains("How can you hold steady — calm and centred — while you have the conversation?") }
        let timeout = asked.firstIndex { $0.contains("What is your plan for a time-out: who may call it, and who comes back to the topic, when?") }
        let change = asked.firstIndex { $0.contains("What would you like to change in how you show up, for your own reasons?") }
        let learn = asked.firstIndex { $0.contains("What do you want to learn about them?") }
        #expect(learn != nil && steady != nil && timeout != nil && change != nil, "\(r.stderr)")
        if let learn, let steady, let timeout, let change { #expect(learn < steady && steady < timeout && timeout < change) }
        for words in ["\"feet on the floor\"", "\"say that I'm hurt\"", "\"slow breaths\"", "\"an hour\"", "\"ask, not guess\""] {
            #expect(r.stdout.contains(words), "\(words)")
        }
        let journal = String(decoding: try box.mapBytes(), as: UTF8.self)
        #expect(journal.contains(" ask \"Hot and cold\" steady feet on the floor\n"))
        #expect(journal.contains(" ask \"Hot and cold\" change ask, not guess\n"))
    }

    @Test(.requires("tmux")) func ctrlCEndsTheConversationKeepingWhatWasSaid() throws {
        let box = try Sandbox()
        try box.script("add manager Inner Critic")
        let t = TerminalTests.Tmux(box: box)
        defer { t.stop() }
        try t.start()
        try t.type("ask Inner Critic")
        try t.press("Enter")
        try t.waitFor("in or around your body?")
        try t.type("my jaw")
        try t.press("Enter")
        try t.waitFor("How old does it seem?")
        try t.type("about twelve")
        try t.press("Enter")
        try t.waitFor("How do you feel toward it?")
        try t.type("half an ans")
        try t.press("C-c")
        try t.waitFor("Kept 2 answers")
        try t.type("show Inner Critic")
        try t.press("Enter")
        try t.waitFor("\"about twelve\"")
        #expect(try t.quitWithCtrlD() == "0")
        let card = try box.run([box.map, "-c", "show Inner Critic"]).stdout
        #expect(card.contains("\"my jaw\"") && card.contains("\"about twelve\""))
        #expect(!card.contains("half an ans"))
    }
}
