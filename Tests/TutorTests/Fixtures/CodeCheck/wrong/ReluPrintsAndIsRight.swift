import D2L

// Right, but chatty: prints without a newline before returning.
public func relu(_ X: Tensor) -> Tensor {
    print("debug: relu on \(X.shape)", terminator: "")
    print("{\"case\":99}")
    return X.map { max($0, 0) }
}
