/// A dense Float32 tensor: a shape and its elements in contiguous row-major order.
///
/// A value type: copies share storage until one of them is written (Swift arrays are
/// copy-on-write), so passing tensors around costs nothing.
public struct Tensor: Equatable, Sendable, CustomStringConvertible {
    public private(set) var shape: [Int]
    public var scalars: [Float]

    /// Elements in row-major order; `scalars.count` must equal the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) holds \(shape.reduce(1, *)) elements, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A 0-dimensional tensor holding one number.
    public init(scalar: Float) { self.init(shape: [], scalars: [scalar]) }

    /// A 1-D tensor.
    public init(_ vector: [Float]) { self.init(shape: [vector.count], scalars: vector) }

    /// A 2-D tensor from rows of equal length.
    public init(_ rows: [[Float]]) {
        let cols = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == cols }, "rows of unequal length")
        self.init(shape: [rows.count, cols], scalars: rows.flatMap { $0 })
    }

    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: 1, count: shape.reduce(1, *)))
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// The single element of a tensor with one element.
    public var scalar: Float {
        precondition(count == 1, "tensor of shape \(shape) is not a scalar")
        return scalars[0]
    }

    /// The same elements under another shape; one dimension may be -1 and is inferred.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        Tensor(shape: try Tensor.resolve(newShape, count: count, from: shape), scalars: scalars)
    }

    static func resolve(_ newShape: [Int], count: Int, from old: [Int]) throws -> [Int] {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
            throw TensorError.badReshape(from: old, to: newShape)
        }
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        var result = newShape
        if let i = inferred.first {
            guard known > 0, count % known == 0 else { throw TensorError.badReshape(from: old, to: newShape) }
            result[i] = count / known
        }
        guard result.reduce(1, *) == count else { throw TensorError.badReshape(from: old, to: newShape) }
        return result
    }

    public var description: String { "Tensor(shape: \(shape), \(scalars.prefix(8))\(count > 8 ? "…" : ""))" }
}

public enum TensorError: Error, Equatable, CustomStringConvertible {
    case badReshape(from: [Int], to: [Int])
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case let .badReshape(from, to): return "cannot reshape a tensor of shape \(from) to \(to)"
        case let .shapeMismatch(message): return message
        }
    }
}
