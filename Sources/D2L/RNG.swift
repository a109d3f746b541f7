/// A deterministic random number generator: SplitMix64 for the bits, Marsaglia's polar method
/// for normal deviates.
///
/// Its streams are identical on every run and every platform: it uses only integer arithmetic,
/// IEEE-754 `+ - * /` and `sqrt` (all correctly rounded), and a logarithm written here
/// (`SeededRNG.portableLog`) instead of the C library's, whose last bits differ between platforms.
/// Nothing comes from Foundation or the system's randomness.
public struct SeededRNG: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// The second deviate of the last polar pair, handed out by the next `normal()` call.
    private var spareNormal: Double?

    /// A generator whose stream is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
        spareNormal = nil
    }

    /// The next 64 random bits (SplitMix64, Steele, Lea & Flood 2014).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1), with 53 random bits.
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform Float in [0, 1), with 24 random bits.
    public mutating func uniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal deviate (mean 0, variance 1), computed in Double.
    public mutating func normalDouble() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniformDouble() - 1
            let v = 2 * uniformDouble() - 1
            let s = u * u + v * v
            if s >= 1 || s == 0 { continue }
            let factor = (-2 * SeededRNG.portableLog(s) / s).squareRoot()
            spareNormal = v * factor
            return u * factor
        }
    }

    /// A standard normal deviate as a Float.
    public mutating func normal() -> Float {
        Float(normalDouble())
    }

    /// A uniform integer in `0..<upperBound`, without modulo bias (Lemire's method).
    /// Written here rather than taken from `Int.random(in:using:)`, whose algorithm the
    /// standard library does not promise to keep.
    public mutating func index(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "index(below:) needs a positive bound, got \(upperBound)")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `array` in place (Fisher–Yates), the same way on every platform.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = index(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// The natural logarithm of a positive, finite `x`, from IEEE arithmetic alone, so that it
    /// gives the same bits everywhere (accurate to a few ulp).
    ///
    /// x = m · 2^e with m in [√½, √2); ln x = e·ln 2 + 2·atanh(z), z = (m−1)/(m+1), |z| < 0.172.
    static func portableLog(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "portableLog needs a positive finite number")
        var m = x.significand            // in [1, 2)
        var e = Double(x.exponent)
        if m > 1.4142135623730951 {
            m /= 2
            e += 1
        }
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        // atanh(z) = z (1 + z²/3 + z⁴/5 + …); z² < 0.0295, so 14 terms reach 1e-22.
        var term = 1.0
        var series = 0.0
        var odd = 1.0
        for _ in 0..<14 {
            series += term / odd
            term *= z2
            odd += 2
        }
        return e * 0.6931471805599453 + 2 * z * series
    }
}

extension Tensor {
    /// Normal deviates N(0, 1) of the given shape, from a fresh `SeededRNG(seed:)`.
    public static func randn(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return randn(shape, rng: &rng)
    }

    /// Normal deviates N(0, 1) of the given shape, drawn from `rng` in row-major order.
    public static func randn(_ shape: [Int], rng: inout SeededRNG) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(rng.normal()) }
        return Tensor(shape: shape, scalars: values)
    }

    /// Uniform deviates in [low, high) of the given shape, drawn from `rng` in row-major order.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1,
                               rng: inout SeededRNG) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(low + (high - low) * rng.uniform()) }
        return Tensor(shape: shape, scalars: values)
    }
}
