import Testing
@testable import PartsMap
import TestSupport

/// A journal line is read only if it is UTF-8: the fast check must agree with the standard
/// library's validation on every input, valid or not.
@Suite struct LineValidationTests {
    static func agree(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { JournalFile.isUTF8($0) } == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func tellsValidFromInvalidAsTheStandardLibraryDoes() {
        let cases: [[UInt8]] = [
            [], Array("plain ascii line".utf8), Array("Kritikerin ✨ — ליטל 日本 🙂".utf8),
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],  // overlong, surrogate, too high
            [0xE2, 0x80], [0x61, 0xF0, 0x9F, 0x99], [0xFF], [0xFE, 0x61], [0x80], [0xEF, 0xBF, 0xBD],  // cut, stray; U+FFFD itself is valid
            Array("a".utf8) + [0xE2, 0x82] + Array("b".utf8),
            Array("abcdefghijklmnop".utf8) + [0xFF], Array("abcdefgh".utf8) + [0xC3, 0xA9] + Array("ijklmnop".utf8),
            Array("abcdefg".utf8) + [0xC3] + Array("hijklmnop".utf8),  // cut across the eight-byte boundary
        ]
        for bytes in cases { #expect(Self.agree(bytes), "\(bytes)") }
    }

    @Test func randomBytes() {
        var generator = SeededGenerator.replayable()
        let pool: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x90]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...20, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            #expect(Self.agree(bytes), "\(bytes)")
        }
    }
}
