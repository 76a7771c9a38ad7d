import Testing
@testable import PartsMap

/// One list of commands (`Commands.all`) drives help, the quoting vocabulary, Tab and dispatch: each
/// verb declared in its own file must show up in all of them, and its example must read as that verb.
struct CommandsTests {
    @Test(arguments: Commands.all.map { $0.word })
    func everyVerbIsInHelpVocabularyAndCompletion(_ word: String) throws {
        let verb = try #require(Commands.named(word))
        #expect(CommandTable.info(word)?.summary == verb.help.summary)
        #expect(HelpText.overview().contains("  " + word.padding(to: 10)))
        #expect(HelpText.topic(word)?.contains(verb.help.example) == true)
        #expect(Vocabulary.verbs.contains(word) && Vocabulary.isReserved(word), "a name like the verb must be quoted")
        let offered = Completer.complete(String(word.prefix(2)), in: InnerSystem()).candidates
        #expect(offered.contains(word), "Tab offers \(word) after \(word.prefix(2))")
    }

    @Test(arguments: Commands.all.map { $0.word })
    func everyExampleReadsAsItsOwnVerb(_ word: String) throws {
        let verb = try #require(Commands.named(word))
        // The examples name parts and patterns a map would have.
        let known: Set<String> = ["inner critic", "critic", "little one", "pleaser", "hot and cold", "planner", "numbing"]
        let parser = Parser(isKnownName: { known.contains($0.lowercased()) })
        let read = try parser.read(verb.help.example)
        #expect(read.verb.word == word, "`\(verb.help.example)` reads as \(read.verb.word)")
    }

    @Test func aliasesAndTheNaturalFormsFindTheirVerbs() throws {
        let parser = Parser(isKnownName: { $0 == "Open Heart" })
        #expect(try parser.read("exit").verb.word == "quit")
        #expect(try parser.read("manager Inner Critic").verb.word == "add")
        #expect(try parser.read("Critic protects Little One").verb.word == "relate")
        // A later verb yields to a relation whose first part is on the map.
        #expect(try parser.read("Open Heart protects Little One").verb.word == "relate")
        #expect(try parser.read("open other.parts").verb.word == "open")
    }

    @Test func noTwoCommandsShareAWord() {
        let words = Commands.words
        #expect(Set(words).count == words.count)
        #expect(Set(CommandTable.all.map(\.group)).isSubset(of: Set(CommandTable.groups)))
    }
}
