import Foundation
import Testing
@testable import LineEditing

/// Writes `bytes` to a fresh temporary file and returns a descriptor open for reading at its start.
private func descriptor(for bytes: [UInt8]) throws -> Int32 {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("plainlinereader-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    let fd = open(url.path, O_RDONLY)
    unlink(url.path)
    #expect(fd >= 0)
    return fd
}

private func readAll(_ bytes: [UInt8]) throws -> [String] {
    let fd = try descriptor(for: bytes)
    defer { close(fd) }
    let reader = PlainLineReader(fileDescriptor: fd)
    var lines: [String] = []
    while case .line(let line) = reader.readLine(prompt: "ignored> ") {
        lines.append(line)
    }
    // Stays at the end once there.
    #expect(reader.readLine(prompt: "") == .endOfInput)
    return lines
}

private func readAll(_ text: String) throws -> [String] {
    try readAll(Array(text.utf8))
}

@Suite struct PlainLineReaderTests {
    @Test func readsLines() throws {
        #expect(try readAll("new part Critic\nshow Critic\n") == ["new part Critic", "show Critic"])
    }

    @Test func emptyInputIsEndOfInput() throws {
        #expect(try readAll("") == [])
    }

    @Test func dropsCarriageReturnBeforeNewline() throws {
        #expect(try readAll("one\r\ntwo\r\n") == ["one", "two"])
        // Only the one right before the line end.
        #expect(try readAll("a\rb\r\r\n") == ["a\rb\r"])
    }

    @Test func returnsLastLineWithoutNewline() throws {
        #expect(try readAll("first\nlast") == ["first", "last"])
        #expect(try readAll("only") == ["only"])
        #expect(try readAll("first\r\nlast\r") == ["first", "last"])
    }

    @Test func keepsEmptyLines() throws {
        #expect(try readAll("\n\nx\n\n") == ["", "", "x", ""])
        #expect(try readAll("\r\n") == [""])
    }

    @Test func keepsUnicode() throws {
        #expect(try readAll("Kritikerin ✨\nLittle One 🧒🏽\n") == ["Kritikerin ✨", "Little One 🧒🏽"])
    }

    @Test func repairsInvalidUTF8() throws {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x0A, 0xE2, 0x9C, 0x0A, 0x63, 0xC3]
        #expect(try readAll(bytes) == ["a\u{FFFD}b", "\u{FFFD}", "c\u{FFFD}"])
    }

    @Test func readsOneMebibyteLine() throws {
        let long = String(repeating: "x", count: 1 << 20)
        let lines = try readAll("before\n" + long + "\nafter\n")
        #expect(lines.count == 3)
        #expect(lines.first == "before")
        #expect(lines.dropFirst().first?.utf8.count == 1 << 20)
        #expect(lines.last == "after")
    }

    @Test func multibyteCharactersAcrossReadBoundaries() throws {
        // 3-byte characters: chunk boundaries (64 KiB) fall inside them.
        let sparkles = String(repeating: "✨", count: 100_000)
        let lines = try readAll(sparkles + "\n" + sparkles)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0 == sparkles })
    }

    @Test func manyLinesFast() throws {
        let count = 300_000
        var text = ""
        text.reserveCapacity(count * 16)
        for i in 0..<count { text += "set note p\(i)\n" }
        let fd = try descriptor(for: Array(text.utf8))
        defer { close(fd) }
        let reader = PlainLineReader(fileDescriptor: fd)
        let clock = ContinuousClock()
        var seen = 0
        var last = ""
        let elapsed = clock.measure {
            while case .line(let line) = reader.readLine(prompt: "") {
                seen += 1
                last = line
            }
        }
        #expect(seen == count)
        #expect(last == "set note p\(count - 1)")
        // A debug build reads ~300k lines in well under a second; per-byte reading takes many.
        #expect(elapsed < .seconds(3), "took \(elapsed)")
    }

    @Test func readsFromAPipeInPieces() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            for piece in ["ab", "c\nd", "\r", "\n", "", "tail"] {
                _ = piece.withCString { write(writeEnd, $0, strlen($0)) }
                usleep(20_000)
            }
            close(writeEnd)
        }
        writer.start()
        let reader = PlainLineReader(fileDescriptor: readEnd)
        #expect(reader.readLine(prompt: "") == .line("abc"))
        #expect(reader.readLine(prompt: "") == .line("d"))
        #expect(reader.readLine(prompt: "") == .line("tail"))
        #expect(reader.readLine(prompt: "") == .endOfInput)
        close(readEnd)
    }

    @Test func historyIsIgnored() throws {
        let fd = try descriptor(for: Array("x\n".utf8))
        defer { close(fd) }
        let reader = PlainLineReader(fileDescriptor: fd)
        reader.addToHistory("anything")
        #expect(reader.readLine(prompt: "") == .line("x"))
    }
}
