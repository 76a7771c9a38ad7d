import Foundation
import Testing
@testable import PartsMap

/// `WriteDestination.check`, the one check before partsmap writes a path a person typed.
@Suite struct WriteDestinationTests {
    func withFolder(_ body: (Scratch, MapDocument) throws -> Void) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (open, _) = try MapDocument.open(path: scratch.path("open.parts"), access: .readWrite)
        defer { open.close() }
        try open.perform(.change(.addPart(name: "Planner", role: .manager)))
        let (other, _) = try MapDocument.open(path: scratch.path("other.parts"), access: .readWrite)
        other.close()
        try body(scratch, open)
    }

    @Test func theOpenMapIsKnownByDeviceAndInodeUnderAnyName() throws {
        try withFolder { scratch, open in
            #expect(symlink("open.parts", scratch.path("soft")) == 0)
            #expect(link(scratch.path("open.parts"), scratch.path("hard")) == 0)
            #expect(mkdir(scratch.path("sub"), 0o700) == 0)
            for name in ["open.parts", "sub/../open.parts", "soft", "hard", "./soft"] {
                let path = scratch.path(name)
                #expect(throws: DestinationError.openMap(path: path, suggestion: "open.json")) {
                    try WriteDestination.check(path, sparing: open.identity, suggestion: "open.json")
                }
            }
        }
    }

    @Test func anyOtherMapPlainOrEncryptedIsRefused() throws {
        try withFolder { scratch, open in
            let other = scratch.path("other.parts")
            #expect(throws: DestinationError.otherMap(path: other, encrypted: false, suggestion: nil)) {
                try WriteDestination.check(other, sparing: open.identity)
            }
            // A map is known by its first line, whatever its name.
            let sealed = scratch.path("diagram.svg")
            try Data("# partsmap map v2 sealed scrypt=16,8,1 salt=AAAA check=BBBB\n".utf8).write(to: URL(fileURLWithPath: sealed))
            #expect(throws: DestinationError.otherMap(path: sealed, encrypted: true, suggestion: nil)) {
                try WriteDestination.check(sealed, sparing: open.identity)
            }
            // An export of a map is not a map.
            let export = scratch.path("open.json")
            try writeFileAtomically(Array("{\"version\": 1}\n".utf8), to: export, sparing: open.identity)
            try WriteDestination.check(export, sparing: open.identity)
        }
    }

    @Test func lockAndTornFilesOfAMapAreRefusedAndOthersOfTheirShapeAreNot() throws {
        try withFolder { scratch, open in
            for (name, kind, map) in [("open.parts.lock", DestinationError.SideFileKind.lock, "open.parts"),
                                      ("other.parts.lock", .lock, "other.parts"),
                                      ("other.parts.torn-20261201-101010", .tornTail, "other.parts"),
                                      ("open.parts.torn-20261201-101010-2", .tornTail, "open.parts")] {
                let path = scratch.path(name)
                #expect(throws: DestinationError.sideFile(path: path, kind: kind, map: scratch.path(map), suggestion: nil)) {
                    try WriteDestination.check(path, sparing: open.identity)
                }
                #expect(throws: DestinationError.sideFileAsMap(path: path, kind: kind, map: scratch.path(map))) {
                    try WriteDestination.checkMapPath(path)
                }
            }
            // Not beside a map: any file name is a file name.
            for name in ["notes.lock", "ideas.torn-1", ".torn-x", "missing.parts.lock"] {
                try WriteDestination.check(scratch.path(name), sparing: open.identity)
                try WriteDestination.checkMapPath(scratch.path(name))
            }
        }
    }

    @Test func aFolderOrDeviceGetsItsOwnMessage() throws {
        try withFolder { scratch, open in
            #expect(throws: DestinationError.folder(path: scratch.root, suggestion: scratch.root + "/open.svg")) {
                try WriteDestination.check(scratch.root, sparing: open.identity, suggestion: "open.svg")
            }
            #expect(throws: DestinationError.special(path: "/dev/null")) {
                try WriteDestination.check("/dev/null", sparing: open.identity)
            }
            let message = DestinationError.folder(path: "exports", suggestion: "exports/ben.svg").description
            #expect(message == "exports is a folder; nothing was written. Give the name of a file to write, for example exports/ben.svg.")
        }
    }

    @Test func writingAFileIsRefusedBeforeAnythingIsWritten() throws {
        try withFolder { scratch, open in
            let before = try contents(scratch.path("open.parts"))
            #expect(throws: DestinationError.self) { try writeFileAtomically([1, 2, 3], to: scratch.path("open.parts"), sparing: open.identity) }
            #expect(throws: DestinationError.self) { try writeFileAtomically([1, 2, 3], to: scratch.path("other.parts")) }
            #expect(try contents(scratch.path("open.parts")) == before)
            let names = try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted()
            #expect(names == ["open.parts", "open.parts.lock", "other.parts", "other.parts.lock"], "no temporary file left")
        }
    }
}
