import Testing
import TestSupport

/// A test whose tool is missing is skipped on a person's machine, and fails on CI, which installs them all.
@Suite struct ToolsTests {
    @Test func aMissingToolSkipsOffCIAndFailsOnCI() throws {
        #expect(try Tools.check(true, "dot", onCI: true))
        #expect(try Tools.check(false, "dot", onCI: false) == false)
        #expect(throws: Tools.Missing.self) { try Tools.check(false, "dot", onCI: true) }
        #expect(Tools.has("env") && !Tools.has("no-such-program-\(UInt64.random(in: 0...UInt64.max))"))
    }
}
