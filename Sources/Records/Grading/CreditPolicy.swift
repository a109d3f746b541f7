import D2L
import Foundation
import Lessons
import Yams

/// How much of a checkpoint's points a right answer keeps, from how it was reached. A policy
/// file (YAML or JSON) writes the same keys as the JSON report:
///
/// ```yaml
/// per_extra_attempt: 0.25   # share lost per judged attempt before the right one
/// per_hint: 0.1             # share lost per hint shown
/// solution_viewed: 0        # share kept when the solution was shown before the right answer
/// minimum: 0.25             # the least share a right answer keeps otherwise
/// ```
public struct CreditPolicy: Codable, Sendable, Equatable {
    public var perExtraAttempt: Double
    public var perHint: Double
    public var solutionViewed: Double
    public var minimum: Double

    public init(perExtraAttempt: Double = 0, perHint: Double = 0, solutionViewed: Double = 1, minimum: Double = 0) {
        self.perExtraAttempt = perExtraAttempt
        self.perHint = perHint
        self.solutionViewed = solutionViewed
        self.minimum = minimum
    }

    /// Every right answer earns its points.
    public static let full = CreditPolicy()
    /// `--partial`: −25 % per extra attempt, at least 25 %, nothing after viewing the solution.
    public static let partial = CreditPolicy(perExtraAttempt: 0.25, solutionViewed: 0, minimum: 0.25)

    /// The keys of a policy file.
    public static let keys = ["per_extra_attempt", "per_hint", "solution_viewed", "minimum"]

    /// The share of the points kept by a right answer reached after `attempts` judged attempts
    /// and `hints` hints, with the solution viewed first or not.
    public func factor(attempts: Int, hints: Int, solutionViewedFirst: Bool) -> Double {
        if solutionViewedFirst { return solutionViewed }
        let lost = perExtraAttempt * Double(max(attempts, 1) - 1) + perHint * Double(max(hints, 0))
        return min(1, max(minimum, 1 - lost))
    }

    public var isFull: Bool { self == .full }

    /// One line for reports.
    public var description: String {
        if isFull { return "full credit for every right answer" }
        func percent(_ x: Double) -> String { formatNumber(100 * x, digits: 4) + " %" }
        var parts: [String] = []
        if perExtraAttempt > 0 { parts.append("−\(percent(perExtraAttempt)) per extra attempt") }
        if perHint > 0 { parts.append("−\(percent(perHint)) per hint") }
        if minimum > 0 { parts.append("at least \(percent(minimum))") }
        parts.append("\(percent(solutionViewed)) after viewing the solution first")
        return parts.joined(separator: ", ")
    }

    /// Reads a policy file; keys left out keep `base`'s values. Errors name the file, the key
    /// and what to write instead.
    public static func load(file: String, base: CreditPolicy = .full) throws -> CreditPolicy {
        guard let text = try? RegularFile.text(file, limit: 1 << 20) else {
            throw CreditPolicyError("\(file): cannot read the policy file")
        }
        let object: Any?
        // Bounded as submissions are: nesting and values (aliases counted at every use) are
        // checked before Yams expands anything.
        do { object = try SubmissionLimits.loadYAML(text) } catch let error as SubmissionLimitError {
            throw CreditPolicyError("\(file): \(error); a policy file holds only the keys \(keys.joined(separator: ", "))")
        } catch {
            throw CreditPolicyError("\(file): not YAML or JSON (\("\(error)".split(separator: "\n").first ?? ""))")
        }
        guard let map = object as? [String: Any] else {
            throw CreditPolicyError("\(file): expected `key: value` lines with the keys \(keys.joined(separator: ", "))")
        }
        var policy = base
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            guard keys.contains(key) else {
                throw CreditPolicyError("\(file): unknown key '\(key)'\(suggestion(key, keys)); the keys are \(keys.joined(separator: ", "))")
            }
            let number: Double
            switch value {
            case let x as Int: number = Double(x)
            case let x as Double: number = x
            default: throw CreditPolicyError("\(file): `\(key)` takes a share between 0 and 1, like 0.1")
            }
            try policy.set(key, number, source: file)
        }
        return policy
    }

    /// Sets the share `key` (a policy file's key), checking that it lies in 0…1.
    public mutating func set(_ key: String, _ value: Double, source: String) throws {
        guard value >= 0, value <= 1 else {
            throw CreditPolicyError("\(source): `\(key)` is \(formatNumber(value)); a share lies between 0 and 1 (0.1 is 10 %)")
        }
        switch key {
        case "per_extra_attempt": perExtraAttempt = value
        case "per_hint": perHint = value
        case "solution_viewed": solutionViewed = value
        default: minimum = value
        }
    }
}

/// A policy file or flag that cannot be used, with what to do.
public struct CreditPolicyError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
