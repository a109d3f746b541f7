import Foundation
import TerminalMarkdown

/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, as people write them.
public struct AxisTicks: Equatable, Sendable {
    /// The tick values, ascending.
    public var values: [Double]
    /// The distance between ticks.
    public var step: Double

    /// At most `maxCount` (≥ 2) ticks covering `low…high`, extended outward to whole steps
    /// when `expand` (so the first and last tick bound the data), else only ticks inside.
    public static func nice(low: Double, high: Double, maxCount: Int, expand: Bool = true, integerStep: Bool = false) -> AxisTicks {
        var (low, high) = (min(low, high), max(low, high))
        if high - low < 1e-12 {  // a flat series still gets an axis around it
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad; high += pad
        }
        let count = max(2, maxCount)
        // Start one nice step below the even split and grow until the ticks fit the budget.
        var step = niceStep((high - low) / Double(count - 1) / 2.5)
        if integerStep { step = max(1, step.rounded(.up)) }
        for _ in 0..<12 {
            let first = expand ? (low / step).rounded(.down) : (low / step - 1e-9).rounded(.up)
            let last = expand ? (high / step).rounded(.up) : (high / step + 1e-9).rounded(.down)
            if Int(last - first) + 1 <= count || step.isInfinite {
                let values = stride(from: first, through: last + 0.5, by: 1).map { clean($0 * step, step: step) }
                return AxisTicks(values: values, step: step)
            }
            step = niceStep(step * 1.5)
        }
        return AxisTicks(values: [low, high], step: high - low)
    }

    /// The smallest of 1, 2, 5 × 10^k that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2.0, 5.0, 10.0] where m * magnitude >= raw * (1 - 1e-9) { return m * magnitude }
        return 10 * magnitude
    }

    /// Removes float noise (0.30000000000000004 → 0.3) by rounding to the step's decimals.
    static func clean(_ v: Double, step: Double) -> Double {
        let scale = pow(10, Double(decimals(for: step) + 2))
        let r = (v * scale).rounded() / scale
        return r == 0 ? 0 : r
    }

    /// How many decimals a tick label needs for this step.
    public static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, -Int(log10(step).rounded(.down)))
    }

    /// The labels, all with the same number of decimals.
    public var labels: [String] {
        let d = Self.decimals(for: step)
        return values.map { String(format: "%.\(d)f", $0) }
    }
}

/// A short label for a number: whole numbers without decimals, others with up to four
/// significant digits and no trailing zeros ("0.01", "0.5", "256", "1e-05").
public func compactNumber(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    var s = String(format: "%.4g", v)
    if s.contains("."), !s.contains("e") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s
}
