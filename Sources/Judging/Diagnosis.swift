import Lessons

/// What a teacher would say about a wrong array answer, computed without showing a single
/// reference value: where it first differs and in which direction, how many entries differ,
/// and a named pattern when the whole answer follows one.
public struct Diagnosis: Sendable, Equatable {
    public enum Pattern: Sendable, Equatable {
        /// Rows and columns swapped (same shape for a square matrix, else the reversed shape).
        case transposed
        /// Every entry is `factor` times the right one (a clean factor: n or 1/n, n ≠ ±1).
        case scaled(factor: Double)
        /// Every entry has the wrong sign.
        case signFlipped
        /// Only this row of a matrix differs.
        case oneRow(Int)
        /// Only this column of a matrix differs.
        case oneColumn(Int)
        /// NaN or ±inf where the reference is finite: how many such entries.
        case nonFinite(count: Int)
    }

    public enum Direction: Sendable, Equatable { case tooHigh, tooLow, notFinite }

    /// The first entry outside the tolerance (empty for a single number) and how it is off.
    public var firstIndex: [Int]?
    public var direction: Direction?
    /// Entries outside the tolerance, out of `count`.
    public var mismatchCount: Int
    public var count: Int
    public var pattern: Pattern?

    /// Diagnoses `given` against `reference` as compared in `comparison`.
    public static func of(given: NDArray, reference: NDArray, comparison c: Comparison) -> Diagnosis {
        var d = Diagnosis(firstIndex: nil, direction: nil, mismatchCount: c.mismatchCount, count: reference.count, pattern: nil)
        switch c.outcome {
        case .close:
            return d
        case .shapeMismatch:
            if isTranspose(given, of: reference, tolerance: c.tolerance) { d.pattern = .transposed }
            return d
        case let .nonFinite(e), let .outsideTolerance(e):
            d.firstIndex = e.index
            d.direction = !e.given.isFinite ? .notFinite : (e.given > e.expected ? .tooHigh : .tooLow)
        }
        d.pattern = pattern(given, reference, tolerance: c.tolerance, comparison: c)
        return d
    }

    private static func pattern(_ g: NDArray, _ r: NDArray, tolerance: Tolerance, comparison c: Comparison) -> Pattern? {
        let nonFinite = zip(g.values, r.values).filter { !$0.isFinite && $1.isFinite }.count
        if nonFinite > 0 { return .nonFinite(count: nonFinite) }
        let hasNonZero = r.values.contains { abs($0) > tolerance.atol }
        if hasNonZero, zip(g.values, r.values).allSatisfy({ tolerance.accepts(-$0, $1) }) { return .signFlipped }
        if hasNonZero, let factor = cleanFactor(g, r, tolerance: tolerance) { return .scaled(factor: factor) }
        if r.shape.count == 2, r.shape[0] == r.shape[1], r.shape[0] > 1, isTranspose(g, of: r, tolerance: tolerance) {
            return .transposed
        }
        if r.shape.count == 2, r.shape[0] > 1, r.shape[1] > 1, c.mismatchCount > 1 {
            let columns = r.shape[1]
            let wrong = (0..<r.count).filter { !tolerance.accepts(g.values[$0], r.values[$0]) }
            let rows = Set(wrong.map { $0 / columns }), cols = Set(wrong.map { $0 % columns })
            if rows.count == 1 { return .oneRow(rows.first!) }
            if cols.count == 1 { return .oneColumn(cols.first!) }
        }
        return nil
    }

    /// The factor k with given = k·reference for every entry, when k is n or 1/n for a whole
    /// n ≠ ±1 that is not the size of a reference entry.
    static func cleanFactor(_ g: NDArray, _ r: NDArray, tolerance: Tolerance) -> Double? {
        guard let i = r.values.indices.first(where: { abs(r.values[$0]) > tolerance.atol && r.values[$0] != 0 }),
              g.values[i].isFinite, g.values[i] != 0 else { return nil }
        let k = g.values[i] / r.values[i]
        func whole(_ x: Double) -> Bool { x.isFinite && abs(x) >= 2 && abs(x - x.rounded()) <= 1e-6 * abs(x) }
        guard whole(k) || whole(1 / k) else { return nil }
        let factor = whole(k) ? k.rounded() : 1 / (1 / k).rounded()
        // A factor that is itself a reference entry (an answer of 1 is ÷reference) names nothing.
        let named = formatNumber(abs(factor) >= 1 ? abs(factor) : 1 / abs(factor))
        guard !r.values.contains(where: { formatNumber(abs($0)) == named }) else { return nil }
        let scaled = Tolerance(atol: tolerance.atol * abs(factor), rtol: tolerance.rtol)
        return zip(g.values, r.values).allSatisfy { scaled.accepts($0, factor * $1) } ? factor : nil
    }

    /// Whether `g` is the transpose of the matrix `r`.
    static func isTranspose(_ g: NDArray, of r: NDArray, tolerance: Tolerance) -> Bool {
        guard r.shape.count == 2, g.shape == [r.shape[1], r.shape[0]], r.count > 1 else { return false }
        let (rows, cols) = (r.shape[0], r.shape[1])
        for i in 0..<rows {
            for j in 0..<cols where !tolerance.accepts(g.values[j * rows + i], r.values[i * cols + j]) { return false }
        }
        return true
    }
}
