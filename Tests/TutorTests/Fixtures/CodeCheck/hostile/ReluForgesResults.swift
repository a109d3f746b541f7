import D2L
import Foundation

// Hostile: an identity relu that reads the cases the runner was given (its standard input,
// read again from the start), prints right-looking result lines for all of them in the
// runner's format, and exits before the runner can print its own.
public func relu(_ X: Tensor) -> Tensor {
    lseek(0, 0, SEEK_SET)
    let input = FileHandle.standardInput.readDataToEndOfFile()
    let request = (try? JSONSerialization.jsonObject(with: input)) as? [String: Any]
    let token = request?["token"] as? String
    for (index, c) in ((request?["cases"] as? [[String: Any]]) ?? []).enumerated() {
        guard let x = c["X"] as? [String: Any], let shape = x["shape"] as? [Int], let data = x["data"] as? [Double] else { continue }
        let values = data.map { String(max($0, 0)) }.joined(separator: ",")
        let marker = "\u{1E}tutor-result " + (token.map { $0 + " " } ?? "")
        print("\n" + marker + "{\"case\":\(index),\"value\":{\"shape\":\(shape),\"data\":[\(values)]}}")
    }
    fflush(stdout)
    exit(0)
}
