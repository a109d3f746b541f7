import D2L
import Lessons

/// A search on a budget: a sweep whose every candidate is trained with several `seeds` (and
/// judged by the mean), and `retrain_best`, the winner trained again on all the training images
/// and measured once on the test set (see docs/checkpoint-format.md).
enum SearchCalls {
    static let sweepParameters = ["vary", "seeds"] + LibraryCalls.trainParameters

    static let all: [CallDefinition] = [
        CallDefinition(name: "retrain_best",
                       summary: "the sweep's best run (highest final test_acc, over `seeds` the mean) trained again with the first seed on all the training images, no validation split: its history",
                       parameters: sweepParameters, trainings: retrainTrainings) { args in
            let candidates = try LibraryCalls.sweepRuns(args)
            let best = OutputSelection.bestRun(try candidates.map(seedMean))
            return .history(try LibraryCalls.runTraining(try retrainArgs(candidates[best])).history)
        },
    ]

    /// `args` once, or with `seeds: [s1, s2, …]` once per seed.
    static func seedRuns(_ args: CallArgs) throws -> [CallArgs] {
        guard let seeds = args.entry("seeds") else { return [args] }
        if args.has("seed") { throw args.bad("seeds", "give either `seed` or `seeds`, not both") }
        let values = try args.ints(seeds.value, name: "seeds", min: 0)
        guard !values.isEmpty else { throw args.bad("seeds", "list at least one seed, like [0, 1]") }
        let rest = args.entries.filter { $0.name != "seeds" }
        return values.map { CallArgs(rest + [ArgEntry(name: "seed", value: .number(Double($0)), line: seeds.line)], context: args.context) }
    }

    /// The history of one run, or with `seeds` the mean of its runs, epoch by epoch.
    static func seedMean(_ args: CallArgs) throws -> [EpochStats] {
        meanHistory(try seedRuns(args).map { try LibraryCalls.runTraining($0).history })
    }

    /// Epoch by epoch, the mean of every field over the runs (as long as the shortest run).
    static func meanHistory(_ runs: [[EpochStats]]) -> [EpochStats] {
        guard runs.count > 1 else { return runs.first ?? [] }
        let n = Double(runs.count)
        func mean(_ e: Int, _ field: (EpochStats) -> Double) -> Double { runs.map { field($0[e]) }.reduce(0, +) / n }
        return (0..<(runs.map(\.count).min() ?? 0)).map { e in
            EpochStats(epoch: e + 1, trainLoss: mean(e, \.trainLoss), trainAcc: mean(e, \.trainAcc),
                       testAcc: mean(e, \.testAcc), seconds: mean(e, \.seconds))
        }
    }

    /// A candidate of the search as it is trained at the end: its first seed, every training
    /// image, measured on the test set.
    static func retrainArgs(_ candidate: CallArgs) throws -> CallArgs {
        let first = try seedRuns(candidate)[0]
        return CallArgs(first.entries.filter { $0.name != "validation" && $0.name != "validation_seed" }, context: candidate.context)
    }

    /// The sweep's runs, then the winner's retraining; while some run of the sweep is not cached
    /// the winner is unknown, and every candidate's retraining counts.
    @Sendable static func retrainTrainings(_ args: CallArgs) throws -> [CallArgs] {
        let candidates = try LibraryCalls.sweepRuns(args)
        let runs = try candidates.flatMap(seedRuns)
        let environment = args.context.environment
        let allCached = try environment.cache.map { cache in
            try runs.allSatisfy { cache.lookup(try LibraryCalls.trainConfig($0), dataFingerprint: try LibraryCalls.runFingerprint($0)) != nil }
        } ?? false
        let winners = allCached ? [candidates[OutputSelection.bestRun(try candidates.map(seedMean))]] : candidates
        return runs + (try winners.map(retrainArgs))
    }
}
