import Foundation
import Judging

/// `.npy` bytes; what reads must write back and read again to the same array.
func fuzzNpy(_ input: [UInt8]) -> FuzzOutcome {
    do {
        let array = try NpyFile.read(Data(input))
        let again = try NpyFile.read(NpyFile.write(array, dtype: .float64))
        guard again.shape == array.shape,
              zip(again.values, array.values).allSatisfy({ $0 == $1 || ($0.isNaN && $1.isNaN) }) else {
            return .broken("an array of shape \(array.shape) does not survive writing and reading")
        }
        return .accepted
    } catch let error as NpyFile.Error {
        return error.message.en.isEmpty ? .broken("an .npy error without a message") : .rejected(message: error.message.en)
    } catch {
        return .broken("unexpected error \(type(of: error)): \(error)")
    }
}
