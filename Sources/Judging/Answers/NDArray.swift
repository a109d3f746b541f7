import D2L
import Lessons

/// Numbers with a shape, in row-major order, in Double: answers and references both become
/// this before they are compared (a scalar has shape []).
public struct NDArray: Sendable, Equatable, CustomStringConvertible {
    public var shape: [Int]
    public var values: [Double]

    public init(shape: [Int], values: [Double]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
    }

    public init(scalar: Double) { self.init(shape: [], values: [scalar]) }
    public init(_ tensor: Tensor) { self.init(shape: tensor.shape, values: tensor.scalars.map(Double.init)) }
    public init(vector: [Double]) { self.init(shape: [vector.count], values: vector) }

    public var count: Int { values.count }

    /// The multi-index of flat position `flat` (row-major).
    public func index(ofFlat flat: Int) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    /// The library tensor of the same numbers (Float32).
    public var tensor: Tensor { Tensor(shape: shape, scalars: values.map(Float.init)) }

    /// Nested-list text, `[[0, 2], [3, 0]]`, shortened past `limit` elements per axis; numbers
    /// with 9 significant digits when `limit` is unbounded (enough to round-trip Float32).
    public func formatted(limit: Int = 8) -> String {
        let digits = limit == Int.max ? 9 : 6
        func go(_ axis: Int, _ offset: Int) -> String {
            if axis == shape.count { return formatNumber(values[offset], digits: digits) }
            let stride = shape[(axis + 1)...].reduce(1, *)
            let n = shape[axis]
            var parts: [String] = []
            for i in 0..<n {
                if n > limit, i == limit / 2 { parts.append("…") }
                if n > limit, i >= limit / 2, i < n - limit / 2 { continue }
                parts.append(go(axis + 1, offset + i * stride))
            }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        return count == 0 && !shape.isEmpty ? String(repeating: "[", count: shape.count) + String(repeating: "]", count: shape.count)
            : go(0, 0)
    }

    public var description: String { formatted() }
}

/// `[2, 3]` as the messages write shapes.
/// A shape as the course writes it: `(2, 3)`, `(3,)`, `()`.
func formatShape(_ shape: [Int]) -> String {
    "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
}
