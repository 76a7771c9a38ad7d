import Foundation
import Testing
@testable import PartsMap

/// Tab offers file names wherever a command takes a path, as bash would.
@Suite struct FileNameCompletionTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "partsmap-files-\(UUID().uuidString)"
        let manager = FileManager.default
        for folder in ["maps", "my maps", ".secret"] { try manager.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true) }
        for file in ["anna.parts", "anna.parts.lock", "anna.parts.torn-20261202-101010", "ben.parts", "anna notes.txt", "an \"odd\" one.parts", ".hidden.parts", "maps/carla.parts"] {
            try #require(manager.createFile(atPath: dir + "/" + file, contents: Data()), "could not make \(file) for the test")
        }
    }

    func complete(_ line: String, home: String? = nil) -> [String] {
        Completer.complete(line, in: InnerSystem(), home: home).candidates
    }

    @Test func openOffersMapsFirstThenFoldersThenTheRest() {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(complete("open \(dir)/") == ["\"\(dir)/an \\\"odd\\\" one.parts\"", "\(dir)/anna.parts", "\(dir)/ben.parts",
                                              "\(dir)/maps/", "\"\(dir)/my maps/", "\"\(dir)/anna notes.txt\""])
        #expect(complete("open \(dir)/an") == ["\"\(dir)/an \\\"odd\\\" one.parts\"", "\(dir)/anna.parts", "\"\(dir)/anna notes.txt\""])
        #expect(complete("open \(dir)/maps/") == ["\(dir)/maps/carla.parts"])
        // A folder with a space: its quote stays open, and Tab goes on inside it.
        #expect(complete("open \"\(dir)/my") == ["\"\(dir)/my maps/"])
    }

    @Test func hiddenFilesOnlyAfterADotAndTildeIsHome() {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(!complete("open \(dir)/").contains { $0.contains("/.") })
        #expect(complete("open \(dir)/.") == ["\(dir)/.hidden.parts", "\(dir)/.secret/"])
        #expect(complete("open ~/ma", home: dir) == ["~/maps/"])
        #expect(complete("open ~/maps/c", home: dir) == ["~/maps/carla.parts"])
    }

    @Test func exportAndViewOfferFilesWhereTheFileGoes() {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(complete("export svg --since 2 \(dir)/b") == ["\(dir)/ben.parts"])
        #expect(complete("export dot \(dir)/anna.p") == ["\(dir)/anna.parts", "\(dir)/anna.parts.lock", "\(dir)/anna.parts.torn-20261202-101010"])
        #expect(complete("export svg --") .contains("--since"))
        #expect(complete("view \(dir)/m") == ["\(dir)/maps/", "\"\(dir)/my maps/"])
        #expect(complete("view ox").isEmpty && complete("view o").first == "off")
    }
}
