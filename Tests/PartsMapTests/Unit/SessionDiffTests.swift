import Testing
@testable import PartsMap

/// `diff A B` lists exactly what differs between the end of two sessions — each kind of change
/// once, in words — and nothing that came and went in between.
@Suite struct SessionDiffTests {
    /// Session 1 lays a map down; session 2 touches every kind of thing once.
    static func twoSessions() throws -> EditHistory {
        try SessionFixtures.history([
            "session start first look",
            "add manager Critic",
            "add exile Little One",
            "add part Tight Chest",
            "add firefighter Scroller",
            "add pattern Hot and cold with Sam",
            "relate Critic protects Little One",
            "relate Critic polarized Scroller",
            "link Critic to Hot and cold",
            "link Scroller to Hot and cold",
            "set Critic note loud on Sundays",
            "session end",
            "session start second look",
            "rename Critic to Inner Critic",
            "set Tight Chest role firefighter",
            "set Tight Chest job holds the breath",
            "set Inner Critic note",
            "ask Inner Critic protecting being laughed at",
            "ask Inner Critic body tight jaw",
            "set Hot and cold description I reach, Sam pulls back",
            "ask Hot and cold hard I go quiet",
            "add exile The Too Much Girl",
            "relate Scroller protects The Too Much Girl because the loneliness at night",
            "relate Inner Critic protects Little One because being laughed at",
            "unrelate Inner Critic polarized Scroller",
            "unlink Scroller from Hot and cold",
            "link Tight Chest to Hot and cold",
            "add manager Passing Thought",      // came and went within the session: not in the diff
            "remove Passing Thought",
            "add pattern Pleasing my therapist",
            "remove Pleasing my therapist",
            "add part Planner",
            "remove Planner",
            "session end",
        ])
    }

    @Test func diffListsExactlyTheChanges() throws {
        let history = try Self.twoSessions()
        let timeline = MapTimeline(history)
        let diff = try timeline.diff(from: 1, to: 2)
        #expect(diff.entities.map(\.name) == ["Inner Critic", "Tight Chest", "The Too Much Girl", "Hot and cold"])
        let critic = diff.entities[0]
        #expect(critic.status == .changed && critic.renamedFrom == "Critic" && critic.roleBefore == nil)
        #expect(critic.fields == [.init(field: .part(.note), text: "")])
        // The body answer fills the body field: said once, as the answer.
        #expect(critic.newAnswers.map(\.question) == [.protecting, .body])
        #expect(diff.entities[1].roleBefore == .unknown && diff.entities[1].role == .firefighter)
        #expect(diff.entities[2].status == .added)
        #expect(diff.relations.map(\.status) == [.newReason, .added, .removed])
        #expect(diff.links.map { "\($0.added) \($0.part)" } == ["true Tight Chest", "false Scroller"])

        let session1 = history.system.sessions[0], session2 = history.system.sessions[1]
        #expect(SessionText.diff(diff, from: session1, to: session2) == """
            From the end of session 1, "first look" to the end of session 2, "second look":
              "Inner Critic"
                  renamed from "Critic"
                  notes cleared
                  What are you protecting me from? "being laughed at"
                  Where do you notice it, in or around your body? "tight jaw"
              "Tight Chest"
                  now a firefighter (was a part whose role is not yet clear)
                  job: holds the breath
              New exile "The Too Much Girl"
              "Hot and cold"
                  description: I reach, Sam pulls back
                  What do you do that makes it hard for the other person to give you what you want? "I go quiet"
              "Inner Critic" protects "Little One" — now "being laughed at"
              "Scroller" protects "The Too Much Girl" — "the loneliness at night"
              "Inner Critic" and "Scroller" no longer polarized
              "Tight Chest" shows up in "Hot and cold"
              "Scroller" no longer linked to "Hot and cold"

            """)
    }

    @Test func aRemovalIsOneLineNotOnePerRelation() throws {
        var lines = ["session start one", "add manager Critic", "add exile Little One", "add pattern Hot and cold",
                     "relate Critic protects Little One", "link Critic to Hot and cold", "session end"]
        lines += ["session start two", "remove Critic", "remove Hot and cold", "session end"]
        let history = try SessionFixtures.history(lines)
        let diff = try MapTimeline(history).diff(from: 1, to: 2)
        #expect(diff.relations.isEmpty && diff.links.isEmpty)
        #expect(SessionText.summary(diff) == ["Removed manager \"Critic\"", "Removed pattern \"Hot and cold\""])
    }

    @Test func undoneAnswersAreTakenBackAndNothingLeftIsNothing() throws {
        let history = try SessionFixtures.history([
            "session start one", "add manager Critic", "ask Critic job keeps me safe", "session end",
            "session start two", "add part Passing Thought", "remove Passing Thought", "session end",
            "session start three", "undo", "undo", "undo", "session end",
        ])
        let timeline = MapTimeline(history)
        // Session 2 added a part and removed it again: nothing is different.
        #expect(try timeline.diff(from: 1, to: 2).isEmpty)
        let s = history.system.sessions
        #expect(try SessionText.diff(timeline.diff(from: 1, to: 2), from: s[0], to: s[1])
            == "Nothing is different from the end of session 1, \"one\" to the end of session 2, \"two\".\n")
        #expect(try SessionText.timeline(timeline.sessionDiffs(), mapName: "m").text.contains(
            "Session 2, \"two\" — \(SessionText.when(s[1])), 2 changes\n  (nothing that lasted: the map was the same at its end)\n"))
        // Session 3 undid its way back through session 2 and took the answer back.
        let three = try timeline.diff(from: 2, to: 3)
        #expect(three.entities.count == 1 && three.entities[0].answersTakenBack.map(\.text) == ["keeps me safe"])
        // The field the answer filled goes with it.
        #expect(three.entities[0].fields == [.init(field: .part(.job), text: "")])
        #expect(SessionText.summary(three) == ["\"Critic\" — 1 answer taken back; job cleared"])
        // An answer taken back and given again is a new answer, dated when it was given.
        let again = try SessionFixtures.history([
            "session start one", "add manager Critic", "ask Critic job keeps me safe", "session end",
            "session start two", "undo", "ask Critic job keeps me safe", "session end",
        ])
        let twice = try MapTimeline(again).diff(from: 1, to: 2).entities
        #expect(twice.count == 1 && twice[0].newAnswers.count == 1 && twice[0].answersTakenBack.count == 1 && twice[0].fields.isEmpty)
    }

    @Test func theTimelineSaysWhatEachSessionLeft() throws {
        let history = try Self.twoSessions()
        let text = SessionText.timeline(try MapTimeline(history).sessionDiffs(), mapName: "m").text
        let s = history.system.sessions
        #expect(text == """
            Timeline of "m" — 2 sessions:

            Session 1, "first look" — \(SessionText.when(s[0])), 10 changes
              New manager "Critic" — notes
              New exile "Little One"
              New part "Tight Chest" (role not yet clear)
              New firefighter "Scroller"
              New pattern "Hot and cold" with Sam
              "Critic" protects "Little One"
              "Critic" and "Scroller" are polarized
              "Critic" shows up in "Hot and cold"
              "Scroller" shows up in "Hot and cold"

            Session 2, "second look" — \(SessionText.when(s[1])), 20 changes
              "Inner Critic" — renamed from "Critic"; 2 new answers; notes cleared
              "Tight Chest" — now a firefighter; job written
              New exile "The Too Much Girl"
              "Hot and cold" — 1 new answer; description written
              "Inner Critic" protects "Little One" — now "being laughed at"
              "Scroller" protects "The Too Much Girl" — "the loneliness at night"
              "Inner Critic" and "Scroller" no longer polarized
              "Tight Chest" shows up in "Hot and cold"
              "Scroller" no longer linked to "Hot and cold"

            """)
    }

    @Test func changesNarratesEveryRecordInOrder() throws {
        let history = try SessionFixtures.history([
            "session start evening", "add manager Critic", "set Critic job finds mistakes first", "undo", "redo",
            "ask Critic protecting being laughed at", "add pattern Hot and cold with Sam", "link Critic to Hot and cold",
            "set Critic role part", "session end",
        ])
        let session = history.system.sessions[0]
        let text = SessionText.changes(in: session, entries: try MapTimeline(history).entries(in: 1)).text
        let lines = text.split(separator: "\n").map { String($0.dropFirst(9)) }
        #expect(text.hasPrefix("Session 1, \"evening\" — \(SessionText.when(session)), 8 changes:\n"))
        #expect(Array(lines.dropFirst()) == [
            "added manager \"Critic\"",
            "\"Critic\" — job: finds mistakes first",
            "took back: \"Critic\" — job: finds mistakes first",
            "did again: \"Critic\" — job: finds mistakes first",
            "\"Critic\" — What are you protecting me from? \"being laughed at\"",
            "added pattern \"Hot and cold\" with Sam",
            "\"Critic\" shows up in \"Hot and cold\"",
            "\"Critic\" is now a part whose role is not yet clear",
        ])
    }
}
