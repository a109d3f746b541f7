/// A permutation of 0..<count drawn by Fisher–Yates from `rng`.
///
/// The bounded draw is our own (not `Int.random(in:using:)`, whose algorithm the standard
/// library may change), so a seed gives the same order on every platform and Swift version.
func shuffledIndices<G: RandomNumberGenerator>(_ count: Int, using rng: inout G) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
        let j = Int(boundedDraw(UInt64(i + 1), using: &rng))
        order.swapAt(i, j)
        i -= 1
    }
    return order
}

/// A uniform draw from 0..<bound: Lemire's multiply-shift with rejection (unbiased).
func boundedDraw<G: RandomNumberGenerator>(_ bound: UInt64, using rng: inout G) -> UInt64 {
    let threshold = (0 &- bound) % bound
    while true {
        let (high, low) = rng.next().multipliedFullWidth(by: bound)
        if low >= threshold { return high }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator whose stream depends only on its seed.
/// Used to derive each epoch's shuffle from (seed, epoch).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
