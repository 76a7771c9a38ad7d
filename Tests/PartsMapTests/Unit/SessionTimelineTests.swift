import Testing
@testable import PartsMap

/// Time travel is a replay of the journal up to a session's end: the therapist-guided example
/// grows exactly as its four sessions say, and every record belongs to the session it was made in.
@Suite struct SessionTimelineTests {
    /// The therapist-guided example at the end of each session, written out by hand.
    static let expected: [Int: [String]] = [
        1: ["manager Holding It Together: 5 answers",
            "exile The Kid Who Waited: 0 answers",
            "unknown Tight Throat: 0 answers",
            "Holding It Together protects The Kid Who Waited"],
        2: ["manager Holding It Together: 5 answers",
            "exile The Kid Who Waited: 0 answers",
            "unknown Tight Throat: 0 answers",
            "manager The Agreeable One: 4 answers",
            "pattern Being the easy client with my therapist: 1 answers",
            "Holding It Together protects The Kid Who Waited",
            "The Agreeable One protects The Kid Who Waited",
            "Holding It Together allied The Agreeable One",
            "The Agreeable One in Being the easy client",
            "Holding It Together in Being the easy client"],
        3: ["manager Holding It Together: 5 answers",
            "exile The Kid Who Waited: 0 answers",
            "manager The One Who Swallows Words: 1 answers",
            "manager The Agreeable One: 4 answers",
            "firefighter Going Flat: 4 answers",
            "pattern Being the easy client with my therapist: 1 answers",
            "Holding It Together protects The Kid Who Waited",
            "The Agreeable One protects The Kid Who Waited",
            "Holding It Together allied The Agreeable One",
            "Going Flat protects The Kid Who Waited",
            "The Agreeable One polarized Going Flat",
            "The One Who Swallows Words protects The Kid Who Waited",
            "The Agreeable One in Being the easy client",
            "Holding It Together in Being the easy client"],
        4: ["manager Holding It Together: 5 answers",
            "exile The Kid Who Waited: 1 answers",
            "manager The One Who Swallows Words: 1 answers",
            "manager The Agreeable One: 5 answers",
            "firefighter Going Flat: 6 answers",
            "pattern Being the easy client with my therapist: 2 answers",
            "pattern Rupture and repair with my therapist: 5 answers",
            "Holding It Together protects The Kid Who Waited",
            "The Agreeable One protects The Kid Who Waited",
            "Holding It Together allied The Agreeable One",
            "Going Flat protects The Kid Who Waited",
            "The Agreeable One polarized Going Flat",
            "The One Who Swallows Words protects The Kid Who Waited",
            "The Agreeable One in Being the easy client",
            "Holding It Together in Being the easy client",
            "Going Flat in Rupture and repair",
            "The Agreeable One in Rupture and repair",
            "The One Who Swallows Words in Rupture and repair"],
    ]

    @Test func theTherapistGuidedMapAtEachSessionIsTheExpectedOne() throws {
        let lines = try SessionFixtures.lines(of: "therapist-guided.parts")
        let timeline = MapTimeline(try SessionFixtures.replay(lines))
        #expect(timeline.sessions.map(\.title) == ["First session: what brings you here", "Second session: the pleaser in the room",
                                                   "Third session: going flat", "Fourth session: rupture and repair"])
        let maps = try timeline.systems(atEndOf: [1, 2, 3, 4])
        for session in 1...4 {
            #expect(SessionFixtures.outline(maps[session]!) == Self.expected[session]!, "session \(session)")
            #expect(try SessionFixtures.outline(timeline.system(atEndOf: session)) == Self.expected[session]!, "session \(session)")
            // The same as replaying the file itself only as far as that session's `session end` line.
            let end = lines.indices.filter { lines[$0].hasSuffix(" session end") }[session - 1]
            let prefix = try SessionFixtures.replay(Array(lines[...end])).system
            #expect(SessionFixtures.outline(prefix) == Self.expected[session]!, "session \(session)")
            #expect(prefix.parts == maps[session]!.parts && prefix.patterns == maps[session]!.patterns)
        }
        #expect(try SessionFixtures.outline(timeline.system(atEndOf: 0)).isEmpty)
        // An entity keeps its id through time: the renamed part is the same part.
        #expect(maps[2]!.part(named: "Tight Throat")?.id == maps[3]!.part(named: "The One Who Swallows Words")?.id)
    }

    @Test func everyRecordBelongsToTheSessionItWasMadeIn() throws {
        let history = try SessionFixtures.history([
            "add manager Critic",                  // before any marker: the implicit session 1
            "session start looking closer",        // session 2
            "add exile Little One",
            "undo",                                // made in session 2, so it counts there
            "redo",
            "session end",                         // still session 2
            "ask Critic protecting being laughed at",  // after an end: a new implicit session 3
            "session start again",                 // session 4
            "relate Critic protects Little One",
        ])
        #expect(history.entries.map(\.session) == [1, 2, 2, 2, 2, 2, 3, 4, 4])
        #expect(history.system.sessions.map(\.implicit) == [true, false, true, false])
        #expect(history.system.sessions.map(\.changeCount) == [1, 3, 1, 1])
        let timeline = MapTimeline(history)
        #expect(try timeline.entries(in: 2).map(\.outcome) == [
            .applied(.sessionStart(title: "looking closer")), .applied(.addPart(name: "Little One", role: .exile)),
            .undid(.addPart(name: "Little One", role: .exile)), .redid(.addPart(name: "Little One", role: .exile)),
            .applied(.sessionEnd),
        ])
        // What a session "changed" is exactly what `sessions` counts (markers are not changes).
        for session in timeline.sessions {
            let described = try timeline.entries(in: session.number).compactMap { SessionText.narration($0.outcome) }
            #expect(described.count == session.changeCount, "session \(session.number)")
        }
        #expect(try SessionFixtures.outline(timeline.system(atEndOf: 2)) == ["manager Critic: 0 answers", "exile Little One: 0 answers"])
        #expect(try SessionFixtures.outline(timeline.system(atEndOf: 4)) == SessionFixtures.outline(history.system))
    }

    @Test func theMapAtTheLastSessionIsTheMapNowForEveryExample() throws {
        for example in ["exploring-alone.parts", "therapist-guided.parts", "hot-and-cold.parts"] {
            let history = try SessionFixtures.replay(try SessionFixtures.lines(of: example))
            let timeline = MapTimeline(history)
            let last = try #require(timeline.sessions.last)
            let then = try timeline.system(atEndOf: last.number)
            #expect(then.parts == history.system.parts && then.patterns == history.system.patterns, "\(example)")
            #expect(then.relations == history.system.relations && then.links == history.system.links, "\(example)")
            #expect(then.sessions == history.system.sessions, "\(example)")
            #expect(timeline.sessions.count >= 2, "\(example): an example grows over more than one sitting")
        }
    }

    @Test func aSessionIsNamedByNumberOrTitle() throws {
        let history = try SessionFixtures.replay(try SessionFixtures.lines(of: "therapist-guided.parts"))
        let system = history.system
        #expect(try system.session("3").title == "Third session: going flat")
        #expect(try system.session(" 03 ").number == 3)
        #expect(try system.session("fourth session: RUPTURE and repair").number == 4)
        #expect(try system.session("second").number == 2)
        #expect(throws: SessionLookupError.noSuchNumber(5, last: 4)) { try system.session("5") }
        #expect(throws: SessionLookupError.noSuchNumber(0, last: 4)) { try system.session("0") }
        #expect(throws: SessionLookupError.ambiguousTitle("f", matches: [1, 4])) { try system.session("f") }
        #expect(throws: SessionLookupError.noSuchTitle("Thrid session: going flat", suggestion: system.sessions[2])) {
            try system.session("Thrid session: going flat")
        }
        #expect(SessionLookupError.noSuchNumber(5, last: 4).description
            == "there is no session 5 — the sessions are numbered 1 to 4 (`sessions` lists them)")
        #expect(throws: SessionLookupError.noSessions) { try InnerSystem().session("1") }
    }
}
