import D2L
import Foundation

// Wrong on purpose: written, but prints the stub's marker and exits as the stub does.
public func relu(_ X: Tensor) -> Tensor {
    FileHandle.standardError.write("TUTOR-TODO: relu\n".data(using: .utf8)!)
    exit(3)
}
