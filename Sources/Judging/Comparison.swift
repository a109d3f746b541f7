import Lessons

/// How a given array compares with a reference: shapes, non-finite values, the first element
/// outside the tolerance, and the largest error.
public struct Comparison: Sendable, Equatable {
    /// One element of the answer that is off.
    public struct Element: Sendable, Equatable {
        public var index: [Int]
        public var expected: Double
        public var given: Double
    }

    public enum Outcome: Sendable, Equatable {
        case close
        case shapeMismatch(expected: [Int], given: [Int])
        /// The answer holds NaN or ±inf where the reference is finite.
        case nonFinite(Element)
        case outsideTolerance(Element)
    }

    public var outcome: Outcome
    /// Largest |given − reference| over finite pairs (nil when the shapes differ).
    public var maxAbsError: Double?
    /// Elements outside the tolerance.
    public var mismatchCount: Int
    public var tolerance: Tolerance

    public var isClose: Bool { outcome == .close }

    /// Compares elementwise with `tolerance` (see `Tolerance.accepts`); shapes must be equal,
    /// except that one-element arrays compare as numbers. `nanEqual` makes NaN match NaN (for
    /// matching mistakes that overflow).
    public static func compare(given: NDArray, reference: NDArray, tolerance: Tolerance, nanEqual: Bool = false) -> Comparison {
        let sameShape = given.shape == reference.shape || (given.count == 1 && reference.count == 1)
        guard sameShape else {
            return Comparison(outcome: .shapeMismatch(expected: reference.shape, given: given.shape),
                              maxAbsError: nil, mismatchCount: 0, tolerance: tolerance)
        }
        var first: Comparison.Outcome = .close
        var maxError = 0.0
        var mismatches = 0
        for n in 0..<given.count {
            let g = given.values[n], r = reference.values[n]
            if g.isFinite && r.isFinite { maxError = max(maxError, abs(g - r)) }
            if tolerance.accepts(g, r, nanEqual: nanEqual) { continue }
            mismatches += 1
            guard first == .close else { continue }
            let element = Element(index: reference.count == 1 ? [] : reference.index(ofFlat: n), expected: r, given: g)
            first = (!g.isFinite && r.isFinite) ? .nonFinite(element) : .outsideTolerance(element)
        }
        return Comparison(outcome: first, maxAbsError: maxError, mismatchCount: mismatches, tolerance: tolerance)
    }
}
