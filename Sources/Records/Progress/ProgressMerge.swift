import Foundation

extension CheckpointProgress {
    /// The last time anything was recorded for the checkpoint.
    var lastActivity: Date {
        ([firstSeen, solutionViewedAt].compactMap { $0 } + attempts.map(\.time)).max() ?? .distantPast
    }
}

extension LearnerProgress {
    /// One progress made of several (the per-language files of one learner and course).
    /// Per checkpoint the newest record wins (its lesson, status and lesson hash), and nothing
    /// is dropped: the attempts of every record, in time order; the most hints; a solution
    /// seen in any, at its first time; done when done in any. The position and the language
    /// come from the progress saved last.
    public static func merged(_ parts: [LearnerProgress]) -> LearnerProgress? {
        guard var result = parts.max(by: { ($0.updated ?? .distantPast) < ($1.updated ?? .distantPast) }) else { return nil }
        var records: [String: CheckpointProgress] = [:]
        for part in parts {
            for (id, record) in part.checkpoints {
                guard let other = records[id] else { records[id] = record; continue }
                let (newer, older) = record.lastActivity >= other.lastActivity ? (record, other) : (other, record)
                var combined = newer
                combined.attempts = (older.attempts + newer.attempts).sorted { $0.time < $1.time }
                combined.hintsUsed = max(newer.hintsUsed, older.hintsUsed)
                combined.solutionViewed = newer.solutionViewed || older.solutionViewed
                combined.solutionViewedAt = [newer.solutionViewedAt, older.solutionViewedAt].compactMap { $0 }.min()
                combined.firstSeen = [newer.firstSeen, older.firstSeen].compactMap { $0 }.min()
                if older.status == .done { combined.status = .done }
                records[id] = combined
            }
        }
        result.checkpoints = records
        result.updated = parts.compactMap(\.updated).max()
        return result
    }
}
