import D2L
import Foundation

/// The wire format between the tutor and a workspace's `runner`: both sides compile this one
/// file (the tutor through LearnerCode, the runner as the `RunnerWire` product of this package).
///
/// The tutor writes `{"function": …, "token": …, "cases": [{name: value, …}, …]}` as JSON; the
/// runner answers with one line per case, `<marker><token> {"case": i, "value": tensor}`,
/// flushed at once so a crash in case 3 still leaves the results of 0–2. The token is new for
/// every run and the runner no longer holds its input once the learner's code runs, so a
/// result line the learner's code prints never counts. A tensor is `{"shape": […], "data": […]}`
/// with NaN and ±inf as the strings "nan", "inf", "-inf".
public enum RunnerWire {
    /// Starts every result line: ASCII record separator and a word, on a fresh line, so the
    /// learner's own prints (even without a newline) are never taken for results.
    public static let resultMarker = "\u{1E}tutor-result "

    /// A number as JSON (NaN and infinities as strings).
    public static func json(_ x: Double) -> String {
        x.isFinite ? "\(x)" : (x.isNaN ? "\"nan\"" : (x > 0 ? "\"inf\"" : "\"-inf\""))
    }

    /// A tensor as JSON.
    public static func json(_ t: Tensor) -> String {
        let data = t.scalars.map { json(Double($0)) }
        return "{\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data\":[\(data.joined(separator: ","))]}"
    }

    /// A tensor from decoded JSON; nil when it is not one (or its shape and data disagree).
    public static func tensor(_ any: Any?) -> Tensor? {
        guard let o = any as? [String: Any], let shape = o["shape"] as? [Int], let data = o["data"] as? [Any] else { return nil }
        var scalars: [Float] = []
        scalars.reserveCapacity(data.count)
        for v in data {
            if let d = v as? Double { scalars.append(Float(d)); continue }
            switch v as? String {
            case "nan": scalars.append(.nan)
            case "inf": scalars.append(.infinity)
            case "-inf": scalars.append(-.infinity)
            default: return nil
            }
        }
        guard shape.allSatisfy({ $0 >= 0 && $0 <= scalars.count }) else { return nil }
        var count = 1
        for n in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow else { return nil }
            count = product
        }
        guard count == scalars.count else { return nil }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// The runner's line for the result of case `index`.
    public static func resultLine(case index: Int, _ value: Tensor, token: String) -> String {
        "\n" + resultMarker + token + " {\"case\":\(index),\"value\":\(json(value))}"
    }

    /// The result of one line, when it is a result line of this run: (case, tensor); nil for
    /// the learner's own output (a marked line without the run's token included); throws for a
    /// line of this run that does not parse.
    public static func result(fromLine line: Substring, token: String) throws -> (Int, Tensor)? {
        let prefix = resultMarker + token + " "
        guard !token.isEmpty, line.hasPrefix(prefix) else { return nil }
        let body = line.dropFirst(prefix.count)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
              let index = object["case"] as? Int, let tensor = tensor(object["value"]) else {
            throw WireError(line: String(body.prefix(200)))
        }
        return (index, tensor)
    }

    public struct WireError: Error, CustomStringConvertible {
        public var line: String
        public init(line: String) { self.line = line }
        public var description: String { "the runner printed something unexpected: \(line)" }
    }
}
