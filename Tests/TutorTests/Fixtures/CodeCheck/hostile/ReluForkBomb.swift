import D2L
import Foundation

// Hostile: starts as many processes as it can (up to 300), says how many, then answers correctly.
public func relu(_ X: Tensor) -> Tensor {
    var started = 0
    for _ in 0..<300 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("5"), nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sleep", nil, nil, argv, nil) == 0 else { break }
        started += 1
    }
    print("STARTED \(started)")
    return X.map { max($0, 0) }
}
