import Testing
@testable import PartsMap

/// The bit sets an export keeps instead of lists of parts and patterns.
@Suite struct EntitySetTests {
    @Test func insertsOnceAndCountsWhatIsIn() {
        var set = EntitySet()
        #expect(set.isEmpty && !set.contains(1))
        let inserted = [1, 63, 64, 65, 10_000, 64].map { set.insert($0) }
        #expect(inserted == [true, true, true, true, true, false])
        #expect(set.count == 5)
        #expect([1, 63, 64, 65, 10_000].allSatisfy(set.contains))
        #expect(![0, 2, 62, 66, 9_999, 10_001, 1_000_000, -1].contains(where: set.contains))
        set.remove(64)
        set.remove(64)
        set.remove(123_456)
        #expect(set.count == 4 && !set.contains(64) && set.contains(63) && set.contains(65))
    }
}
