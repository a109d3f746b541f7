import D2L
import Judging
import Lessons
import TerminalUI
import Lessons

/// One setting of a hyperparameter sweep: the width and number of hidden layers, the learning
/// rate and the number of epochs (the chapter's exercises 1–4); the rest comes from a base config.
public struct SweepPoint: Hashable, Codable, Sendable {
    public var hidden: Int
    public var layers: Int
    public var lr: Float
    public var epochs: Int

    public init(hidden: Int, layers: Int, lr: Float, epochs: Int) {
        self.hidden = hidden; self.layers = layers; self.lr = lr; self.epochs = epochs
    }

    /// The training settings of this point on top of `base` (batch size, seed, subsets).
    public func config(base: TrainConfig) -> TrainConfig {
        var c = base
        c.hiddens = Array(repeating: hidden, count: layers)
        c.lr = lr
        c.epochs = epochs
        return c
    }

    /// "hidden 256×2, lr 0.1, 10 epochs".
    public var summary: String {
        "hidden \(hidden)\(layers > 1 ? "×\(layers)" : ""), lr \(compactNumber(Double(lr))), \(epochs) epoch\(epochs == 1 ? "" : "s")"
    }
}

/// The values a sweep tries for each hyperparameter; a grid search tries every combination,
/// a random search a seeded sample of them.
public struct SweepGrid: Equatable, Sendable {
    public var hiddens: [Int]
    public var layers: [Int]
    public var lrs: [Float]
    public var epochs: [Int]

    public init(hiddens: [Int], layers: [Int], lrs: [Float], epochs: [Int]) {
        self.hiddens = hiddens; self.layers = layers; self.lrs = lrs; self.epochs = epochs
    }

    /// What is wrong with the values, or nil.
    public var problem: String? {
        if hiddens.isEmpty || hiddens.contains(where: { $0 <= 0 }) { return "hidden widths must be positive numbers, got \(hiddens)" }
        if layers.isEmpty || layers.contains(where: { $0 <= 0 || $0 > 16 }) { return "layer counts must be 1…16, got \(layers)" }
        if lrs.isEmpty || lrs.contains(where: { !($0.isFinite && $0 > 0) }) { return "learning rates must be positive numbers, got \(lrs)" }
        if epochs.isEmpty || epochs.contains(where: { $0 <= 0 }) { return "epoch counts must be positive, got \(epochs)" }
        return nil
    }

    /// Every combination, hidden width varying slowest, then layers, learning rate, epochs.
    public var points: [SweepPoint] {
        var result: [SweepPoint] = []
        var seen = Set<SweepPoint>()
        for h in hiddens { for l in layers { for lr in lrs { for e in epochs {
            let p = SweepPoint(hidden: h, layers: l, lr: lr, epochs: e)
            if seen.insert(p).inserted { result.append(p) }
        } } } }
        return result
    }

    /// `count` distinct combinations drawn at random with `seed` (all of them when `count` is
    /// at least their number), in grid order so that tables and charts read the same way.
    public func randomPoints(count: Int, seed: UInt64) -> [SweepPoint] {
        let all = points
        guard count < all.count else { return all }
        var rng = SeededRNG(seed: seed)
        var order = Array(all.indices)
        for i in 0..<count {  // partial Fisher–Yates: the same picks on every platform
            order.swapAt(i, i + Int(rng.next() % UInt64(all.count - i)))
        }
        return order.prefix(count).sorted().map { all[$0] }
    }

    /// The hyperparameters that take more than one value, in the order hidden, lr, layers, epochs.
    public var sweptDimensions: [SweepDimension] {
        SweepDimension.allCases.filter { $0.values(in: self).count > 1 }
    }
}

/// One hyperparameter of a sweep, as an axis of its chart.
public enum SweepDimension: String, CaseIterable, Sendable {
    case hidden, lr, layers, epochs

    /// The axis label.
    public var label: String {
        switch self {
        case .hidden: return "hidden units"
        case .lr: return "learning rate"
        case .layers: return "hidden layers"
        case .epochs: return "epochs"
        }
    }

    public func value(of p: SweepPoint) -> Double {
        switch self {
        case .hidden: return Double(p.hidden)
        case .lr: return Double(p.lr)
        case .layers: return Double(p.layers)
        case .epochs: return Double(p.epochs)
        }
    }

    func values(in grid: SweepGrid) -> Set<Double> {
        switch self {
        case .hidden: return Set(grid.hiddens.map(Double.init))
        case .lr: return Set(grid.lrs.map(Double.init))
        case .layers: return Set(grid.layers.map(Double.init))
        case .epochs: return Set(grid.epochs.map(Double.init))
        }
    }

    /// "lr 0.1", "2 layers".
    public func describe(_ p: SweepPoint) -> String {
        switch self {
        case .hidden: return "hidden \(p.hidden)"
        case .lr: return "lr \(compactNumber(Double(p.lr)))"
        case .layers: return "\(p.layers) layer\(p.layers == 1 ? "" : "s")"
        case .epochs: return "\(p.epochs) epochs"
        }
    }
}
