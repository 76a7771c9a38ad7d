import Testing
@testable import PartsMap

/// Drives a debrief or a rupture as the runner does: each reply's changes applied at once, after
/// checking each reads back from its journal line.
struct IncidentWalk {
    var history: EditHistory
    var conversation: IncidentConversation
    var changes: [Change] = []

    init(_ setup: [String], _ kind: IncidentKind, _ name: String, title: String = "") throws {
        var history = EditHistory()
        for line in setup { try history.record(Parser().parseJournalRecord(line), at: nil) }
        self.history = history
        conversation = try IncidentConversation.begin(kind, with: name, title: title, in: history.system)
    }

    var say: String { conversation.step.say }
    var system: InnerSystem { history.system }

    @discardableResult
    mutating func reply(_ line: String) throws -> [Change] {
        #expect(!conversation.isFinished, "replied \"\(line)\" to a finished conversation")
        let produced = conversation.respond(line, in: history.system)
        for change in produced {
            #expect(try Parser().parseJournalRecord(ChangePrinter.line(for: change)) == .change(change))
            try history.record(.change(change), at: nil)
        }
        changes += produced
        return produced
    }

    mutating func replies(_ lines: String...) throws { for line in lines { try reply(line) } }

    mutating func again(_ kind: IncidentKind, _ name: String, title: String = "") throws {
        conversation = try IncidentConversation.begin(kind, with: name, title: title, in: history.system)
    }

    var incidents: [Incident] { system.pattern(named: "Hot and cold")?.incidents ?? [] }
}

@Suite struct IncidentConversationTests {
    static let setup = ["add manager Pursuer", "add firefighter The One Who Leaves", "add pattern Hot and cold with Sam",
                        "add pattern Waiting for Dad with Dad", "link Pursuer to Hot and cold"]

    @Test func aDebriefAsksInPRODUCTsWordsMomentByMoment() throws {
        var walk = try IncidentWalk(Self.setup, .debrief, "hot and cold", title: "the Sunday call")
        #expect(walk.say.contains("with a clear focus on your choice points"))
        #expect(walk.say.hasSuffix("Give a brief highlight of how it went."))
        let first = try walk.reply("It ended in silence.")
        #expect(first == [.incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .about(.title), text: "the Sunday call"),
                          .incident(pattern: "Hot and cold", number: 1, kind: .debrief, entry: .about(.highlight), text: "It ended in silence.")])
        #expect(walk.say == "Moment 1\nWhat happened first?")
        try walk.reply("Sam said later.")
        #expect(walk.say == "Which part of you was active?")
        #expect(walk.conversation.step.completion == .partNames)
        // A part on the map is linked to the pattern (once); an answer in other words is kept as it is.
        #expect(try walk.reply("The One Who Leaves").last == .link(part: "The One Who Leaves", pattern: "Hot and cold"))
        #expect(walk.say.hasPrefix("Linked \"The One Who Leaves\" to \"Hot and cold\"."))
        #expect(walk.say.hasSuffix("What did you do?"))
        try walk.reply("I left the room.")
        #expect(walk.say == "What else could you have done — what were your options?")
        try walk.reply("Say it hurt.")
        #expect(walk.say == "Moment 2\nWhat happened next?")
        try walk.replies("We watched TV.", "Pursuer", "", "")
        #expect(walk.changes.filter { if case .link = $0 { true } else { false } }.count == 1, "Pursuer was linked already")
        #expect(walk.say == "Moment 3\nWhat happened next?")
        try walk.reply("")  // the moments end
        #expect(walk.say == "Looking back, what would you like to try next time?")
        try walk.reply("Say I'm scared first.")
        #expect(walk.conversation.isFinished)
        #expect(walk.say.contains("Kept 8 answers in debrief 1 of \"Hot and cold\"."))
        let incident = try #require(walk.incidents.first)
        #expect(incident.title == "the Sunday call" && incident.moments.count == 2)
        #expect(incident.moments[1][.part] == "Pursuer" && incident.moments[1][.did] == nil)
        #expect(incident[.next] == "Say I'm scared first.")
    }

    @Test func stoppingKeepsWhatWasSaidAndALaterDebriefOffersToContinue() throws {
        var walk = try IncidentWalk(Self.setup, .debrief, "Hot and cold")
        try walk.replies("fine at first", "Sam went quiet", ".")
        #expect(walk.conversation.isFinished)
        #expect(walk.say.contains("Kept 2 answers in debrief 1"))
        try walk.again(.debrief, "Hot and cold")
        #expect(walk.say.contains("Debrief 1 was left unfinished."))
        #expect(walk.say.contains("Continue it (at: \"Which part of you was active?\"), or begin a new one? (continue / new)"))
        try walk.reply("continue")
        #expect(walk.say == "Which part of you was active?")
        _ = walk.conversation.stop()  // Ctrl-C: the same as a lone "."
        try walk.again(.debrief, "Hot and cold", title: "another evening")
        try walk.reply("new")
        #expect(walk.say.hasSuffix("Give a brief highlight of how it went."))
        try walk.reply("better")
        #expect(walk.incidents.count == 2 && walk.incidents[1].title == "another evening")
        // Stopping before anything is said keeps nothing.
        var quiet = try IncidentWalk(Self.setup, .rupture, "Hot and cold", title: "x")
        try quiet.reply(".")
        #expect(quiet.changes.isEmpty && quiet.say.contains("Nothing was kept"))
    }

    @Test func aRuptureAsksItsQuestionsStaysOpenAndNamingAPatternEchoesIt() throws {
        var walk = try IncidentWalk(Self.setup, .rupture, "Hot and cold", title: "the forgotten plan")
        #expect(walk.say.hasSuffix("What happened between you?"))
        try walk.reply("She forgot our plan.")
        #expect(walk.say == "What did you feel?")
        try walk.reply("dropped")
        #expect(walk.say == "Did you say it? What was that like — or what held you back?")
        try walk.replies("No; I went cold.", ".")
        #expect(walk.incidents[0].isOpen)
        try walk.again(.rupture, "Hot and cold")
        #expect(walk.say.contains("Rupture 1 (the forgotten plan) is still open: its repair is still to come."))
        try walk.reply("")
        #expect(walk.say == "What helped repair it — or what might?")
        try walk.reply("We talked it through.")
        #expect(walk.say.hasPrefix("Does this echo another relationship?"))
        #expect(walk.conversation.step.completion == .patternNames)
        #expect(StepCompletion.patternNames.complete("wait", in: walk.system).candidates == ["Waiting for Dad"])
        let echo = try walk.reply("waiting for dad")
        #expect(echo.last == .relate(from: "Hot and cold", kind: .echoes, to: "Waiting for Dad", reason: ""))
        #expect(walk.conversation.isFinished)
        #expect(!walk.incidents[0].isOpen)
        #expect(walk.say.contains("Also noted: \"Hot and cold\" echoes \"Waiting for Dad\"."))
        // A finished rupture is not offered again.
        try walk.again(.rupture, "Hot and cold")
        #expect(walk.say.hasSuffix("What happened between you?"))
    }

    @Test func aPartOrAnUnknownNameIsRefusedGently() throws {
        #expect(throws: MapError.notAPattern("Pursuer")) { try IncidentConversation.begin(.debrief, with: "pursuer", title: "", in: try IncidentWalk(Self.setup, .debrief, "Hot and cold").system) }
        #expect(throws: MapError.noSuchName("Hot and colt", suggestion: "Hot and cold")) {
            try IncidentConversation.begin(.rupture, with: "Hot and colt", title: "", in: try IncidentWalk(Self.setup, .debrief, "Hot and cold").system)
        }
    }

    @Test func aVeryLongAnswerIsKeptWhole() throws {
        var walk = try IncidentWalk(Self.setup, .debrief, "Hot and cold")
        let long = String(repeating: "so much to say — ", count: 1300)  // over 20 KiB
        try walk.reply(long)
        #expect(walk.incidents[0][.highlight] == AnswerWords.trimmed(long))
    }
}
