import Testing
@testable import PartsMap

@Suite struct DialogueFeelingTests {
    @Test(arguments: [
        "curious", "Curious!", "CURIOUS", "I'm curious about it", "a bit curious", "kind of curious", "calm",
        "compassionate", "compassion", "open", "warm toward it", "interested", "I care about it", "caring",
        "accepting", "connected", "patient", "clear", "confident", "courageous", "grateful", "tender", "kind",
        "love", "I love it", "loving", "I like it", "I want to know more", "I want to understand it",
        "I wonder what it needs", "curiosity, and some warmth", "not afraid, just curious", "I’m curious",
        "calm and open", "no anger, just curiosity", "peaceful",
    ])
    func selfLike(_ answer: String) {
        #expect(TowardFeeling(answer: answer) == .selfLike, "\(answer)")
    }

    @Test(arguments: [
        "annoyed", "Annoyed.", "afraid of it", "I want it gone", "want it to go away", "angry", "I hate it",
        "frustrated", "scared", "tired of it", "nothing", "numb", "impatient", "I don't like it", "I dont like it",
        "not curious", "NOT curious at all", "not really open", "I don't care", "I couldn't care less",
        "a bit curious but mostly annoyed", "kind of annoyed", "fed up", "I can't stand it", "sick of it",
        "worried", "overwhelmed", "ugh", "meh", "I wish it would stop", "get rid of it", "ashamed of it",
        "judging it", "never calm around it", "cold", "I'd love it to go away", "I don't want to know",
    ])
    func anotherPart(_ answer: String) {
        #expect(TowardFeeling(answer: answer) == .anotherPart, "\(answer)")
    }

    @Test(arguments: [
        "", "hmm", "a mix", "I don't know", "not sure", "not sure, maybe curious", "sad", "sorry for it",
        "it's not clear", "weird", "not angry", "no", "neugierig", "🙂", "okay",
    ])
    func unsure(_ answer: String) {
        #expect(TowardFeeling(answer: answer) == .unsure, "\(answer)")
    }

    @Test func yesAndNo() {
        for yes in ["yes", "Yes.", "y", "yeah", "ok", "okay!", "sure", "yes, I think so", "they're ok with it"] {
            #expect(AnswerWords.yesNo(yes) == .yes, "\(yes)")
        }
        for no in ["no", "No.", "n", "nope", "not yet", "they don't want that", "I don't think so"] {
            #expect(AnswerWords.yesNo(no) == .no, "\(no)")
        }
        for unsure in ["not sure", "maybe", "I don't know", "I think so", "unsure"] {
            #expect(AnswerWords.yesNo(unsure) == .unsure, "\(unsure)")
        }
        for neither in ["", "pancakes", "Little One"] {
            #expect(AnswerWords.yesNo(neither) == nil, "\(neither)")
        }
    }

    @Test func namesTypedAsRepliesLoseOnePairOfQuotes() {
        #expect(AnswerWords.name("\"Little One\"") == "Little One")
        #expect(AnswerWords.name("'the kid'") == "the kid")
        #expect(AnswerWords.name("“The  Kid”") == "The Kid")
        #expect(AnswerWords.name("\"") == "\"")
        #expect(AnswerWords.name("it's \"me\"") == "it's \"me\"")
    }
}
