import Foundation

/// A small deterministic generator (SplitMix64), so a random test repeats exactly from its seed.
public struct SeededGenerator: RandomNumberGenerator {
    /// What the generator started from: put it in a failure's message, so the run can be replayed.
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// The generator of one random test, its seed printed (see `testSeed`).
    public static func replayable(_ seed: UInt64? = nil, test: String = #function) -> SeededGenerator {
        SeededGenerator(seed: testSeed(seed, test: test))
    }

    /// The seed of one random test, printed: PARTSMAP_SEED when set (to replay a failing run), otherwise
    /// `seed` (a fixed one keeps the test the same every run), otherwise a fresh one.
    public static func testSeed(_ seed: UInt64? = nil, test: String = #function) -> UInt64 {
        let chosen = UInt64(ProcessInfo.processInfo.environment["PARTSMAP_SEED"] ?? "") ?? seed ?? .random(in: 1...UInt64.max / 2)
        print("\(test): seed \(chosen) (PARTSMAP_SEED=\(chosen) replays it)")
        return chosen
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
