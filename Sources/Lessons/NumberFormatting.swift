import Foundation

/// A short text for a number in messages: `0.5`, `1e-06`, `203530`, `nan`, with `digits`
/// significant digits.
public func formatNumber(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.\(digits)g", x)
}

/// Two numbers as texts that differ when the numbers do (more digits when 6 are not enough).
public func formatPair(_ a: Double, _ b: Double) -> (String, String) {
    for digits in [6, 9, 17] {
        let (x, y) = (formatNumber(a, digits: digits), formatNumber(b, digits: digits))
        if x != y || a == b { return (x, y) }
    }
    return (formatNumber(a, digits: 17), formatNumber(b, digits: 17))
}
