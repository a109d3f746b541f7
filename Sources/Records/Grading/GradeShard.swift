import Foundation
import Lessons

/// `--shard K/N`: shard K (counting from 0, as `JOB_COMPLETION_INDEX` and a Slurm array from
/// 0 do) of N grades the submissions whose name hashes to K. Every machine gets the same split
/// from the same submissions, wherever they are copied.
public struct GradeShard: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 0 ≤ K < N; nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else { return nil }
        self.init(index: k, count: n)
    }

    /// Whether `submission` belongs to this shard: SHA-256 of its name, modulo N.
    public func contains(_ submission: Submission) -> Bool {
        Self.bucket(submission.shardKey, count: count) == index
    }

    static func bucket(_ key: String, count: Int) -> Int {
        let digest = SHA256.digest(Array(key.utf8))
        let head = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(head % UInt64(count))
    }

    public var description: String { "\(index)/\(count)" }
}

/// Why partial reports cannot be merged.
public struct GradeMergeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension GradeReport {
    /// The final report from the partial reports of all N shards: the same as grading every
    /// submission in one run (a report holds no time of its own). Refuses missing, repeated or foreign shards,
    /// and shards graded against other lessons, another library or another policy.
    public static func merge(_ parts: [(name: String, report: GradeReport)]) throws -> GradeReport {
        guard let first = parts.first else { throw GradeMergeError("no partial reports to merge") }
        var seen: [Int: String] = [:]
        for (name, part) in parts {
            guard let shard = part.shard else {
                throw GradeMergeError("\(name): a final report, not a partial one (made without --shard)")
            }
            guard let count = first.report.shard?.count, shard.count == count else {
                throw GradeMergeError("\(name): shard \(shard) of a split into \(shard.count), but \(first.name) is of a split into \(first.report.shard?.count ?? 0)")
            }
            if let other = seen[shard.index] { throw GradeMergeError("\(name): shard \(shard) is also in \(other)") }
            seen[shard.index] = name
            if part.stamp != first.report.stamp {
                throw GradeMergeError("\(name): graded against other lessons or another library than \(first.name) (the stamps differ)")
            }
            if part.policy != first.report.policy || part.language != first.report.language {
                throw GradeMergeError("\(name): graded with another credit policy or language than \(first.name)")
            }
            if part.totalSubmissions != first.report.totalSubmissions {
                throw GradeMergeError("\(name): saw \(part.totalSubmissions) submissions, \(first.name) saw \(first.report.totalSubmissions): the shards read different folders")
            }
        }
        let count = first.report.shard!.count
        let missing = (0..<count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw GradeMergeError("missing shard\(missing.count == 1 ? "" : "s") " + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
                                  + ": merge needs the partial reports of all \(count) shards")
        }
        let submissions = parts.flatMap(\.report.submissions).sorted { $0.position < $1.position }
        guard submissions.map(\.position) == Array(0..<first.report.totalSubmissions) else {
            throw GradeMergeError("the partial reports do not hold each of the \(first.report.totalSubmissions) submissions exactly once")
        }
        var merged = first.report
        merged.shard = nil
        merged.submissions = submissions
        return merged.findingIdenticalAnswers()
    }

    /// The report with identical answers to varied checkpoints marked: each row names the other
    /// learners who gave the same answer, and a wrong answer identical to another learner's right
    /// one says that it answers that learner's inputs.
    func findingIdenticalAnswers() -> GradeReport {
        var report = self
        var groups: [String: [(submission: Int, row: Int)]] = [:]
        for (s, submission) in submissions.enumerated() {
            for (r, row) in submission.checkpoints.enumerated() {
                if let digest = row.answerDigest { groups[row.id + " " + digest, default: []].append((s, r)) }
            }
        }
        let language = TutorLanguage(parsing: self.language) ?? .en
        var found: [IdenticalAnswers] = []
        for members in groups.values where Set(members.map { submissions[$0.submission].variantLearner }).count > 1 {
            let names = members.map { submissions[$0.submission].learner }
            found.append(IdenticalAnswers(checkpoint: submissions[members[0].submission].checkpoints[members[0].row].id,
                                          learners: Array(Set(names)).sorted()))
            let right = members.filter { submissions[$0.submission].checkpoints[$0.row].outcome == .correct }
                .map { submissions[$0.submission] }
            for (s, r) in members {
                let me = submissions[s]
                report.submissions[s].checkpoints[r].sameAnswerAs = Array(Set(names.filter { $0 != me.learner })).sorted()
                guard me.checkpoints[r].outcome == .incorrect,
                      let owner = right.filter({ $0.variantLearner != me.variantLearner }).map(\.learner).sorted().first else { continue }
                report.submissions[s].checkpoints[r].answersInputsOf = owner
                report.submissions[s].checkpoints[r].message += " — " + TutorText.gradeOtherLearnersInputs.text(language, owner)
            }
        }
        report.identicalAnswers = found.sorted { ($0.checkpoint, $0.learners.joined(separator: ",")) < ($1.checkpoint, $1.learners.joined(separator: ",")) }
        return report
    }
}
