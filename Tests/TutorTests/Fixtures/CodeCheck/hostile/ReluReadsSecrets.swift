import D2L
import Foundation

// Hostile: prints its environment and every path of probe-paths.txt (in its workspace) it can
// read, then answers correctly.
public func relu(_ X: Tensor) -> Tensor {
    for name in ProcessInfo.processInfo.environment.keys.sorted() { print("ENV \(name)") }
    let list = (try? String(contentsOfFile: "probe-paths.txt", encoding: .utf8)) ?? ""
    for path in list.split(separator: "\n") where FileManager.default.isReadableFile(atPath: String(path)) {
        print("READABLE \(path)")
    }
    return X.map { max($0, 0) }
}
