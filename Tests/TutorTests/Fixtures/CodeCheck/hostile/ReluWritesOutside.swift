import D2L
import Foundation

// Hostile: writes into its workspace, the folder above it and /tmp, then answers correctly.
public func relu(_ X: Tensor) -> Tensor {
    let here = FileManager.default.currentDirectoryPath
    for path in [here + "/escaped.txt", here + "/../escaped-from-workspace.txt", "/tmp/tutor-escaped-from-workspace.txt"] {
        try? "written by learner code\n".write(toFile: path, atomically: false, encoding: .utf8)
    }
    return X.map { max($0, 0) }
}
