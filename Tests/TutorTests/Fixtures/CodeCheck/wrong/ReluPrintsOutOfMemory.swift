import D2L
import Foundation

// Wrong on purpose: prints the runtime's out-of-memory words, then exits with status 1.
public func relu(_ X: Tensor) -> Tensor {
    FileHandle.standardError.write("fatal error: Could not allocate memory\n".data(using: .utf8)!)
    exit(1)
}
