import Foundation

/// A short, exact-enough text for a number in messages: `0.5`, `1e-06`, `203530`, `nan`.
func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format: "%.6g", x)
    if Double(s) != Double(Float(x)) && Double(s) != x {
        s = String(format: "%.9g", x)
    }
    return s
}
