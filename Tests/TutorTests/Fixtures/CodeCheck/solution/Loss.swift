import D2L
import Foundation

public func loss(_ yHat: Tensor, _ y: [Int]) -> Tensor {
    let (n, q) = (yHat.shape[0], yHat.shape[1])
    var losses = [Float](repeating: 0, count: n)
    for i in 0..<n {
        let row = yHat.scalars[(i * q)..<((i + 1) * q)]
        let m = row.max()!
        let logSum = log(row.reduce(Float(0)) { $0 + exp($1 - m) })
        losses[i] = m - row[i * q + y[i]] + logSum
    }
    return Tensor(losses)
}
