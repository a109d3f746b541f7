import Lessons

/// The cases of one code check, drawn fresh: every random generator (`{randn: …}`,
/// `{randint: …}`) and every `seed` argument gets a seed derived from the check's own seed, so
/// no result computed in advance matches. The same seed gives the same cases (the verdict
/// records it, so a check can be repeated).
enum FreshCases {
    /// Generators whose values depend on their `seed`.
    static let randomGenerators: Set<String> = ["randn", "randint"]

    static func drawn(_ cases: [[ArgEntry]], seed: UInt64) -> [[ArgEntry]] {
        cases.enumerated().map { caseIndex, entries in
            entries.enumerated().map { argIndex, entry in
                var entry = entry
                let derived = ArgValue.number(Double(derive(seed, caseIndex, argIndex)))
                if entry.name == "seed" {
                    entry.value = derived
                } else if case let .map(inner) = entry.value, inner.contains(where: { randomGenerators.contains($0.name) }) {
                    entry.value = .map(inner.filter { $0.name != "seed" } + [ArgEntry(name: "seed", value: derived, line: entry.line)])
                }
                return entry
            }
        }
    }

    /// A new seed for a check: below 2³¹, so it is exact as a lesson number.
    static func newSeed() -> UInt64 { UInt64.random(in: 1..<(1 << 31)) }

    /// SplitMix64 of the check's seed and the argument's place, below 2³¹.
    static func derive(_ seed: UInt64, _ caseIndex: Int, _ argIndex: Int) -> UInt64 {
        var z = seed &+ UInt64(caseIndex) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(argIndex) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) & 0x7FFF_FFFF
    }
}
