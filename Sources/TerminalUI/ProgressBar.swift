import Foundation
import TerminalMarkdown

/// One line showing how far an epoch has got: a bar over its batches, the count, the rate
/// (batches/s and, when the batch size is known, examples/s) and the time left.
public struct ProgressBar: Equatable, Sendable {
    /// What is being counted, e.g. "epoch 3/10".
    public var label: String
    public var completed: Int
    public var total: Int
    /// Seconds since the first step started.
    public var elapsed: Double
    /// Examples per step (the batch size), for the examples/s figure; nil leaves it out.
    public var examplesPerStep: Int?

    public init(label: String, completed: Int, total: Int, elapsed: Double, examplesPerStep: Int? = nil) {
        self.label = label; self.completed = completed; self.total = total
        self.elapsed = elapsed; self.examplesPerStep = examplesPerStep
    }

    /// Steps per second so far; nil before the first step is done.
    public var rate: Double? { completed > 0 && elapsed > 0 ? Double(completed) / elapsed : nil }

    /// Seconds left at the rate so far.
    public var secondsLeft: Double? { rate.map { Double(max(0, total - completed)) / $0 } }

    /// The line, at most `width` columns. The bar takes what the text leaves (at least 8
    /// columns); on a narrow line the examples/s figure goes first, then the rate's unit,
    /// then the rate.
    public func render(width: Int, color: Bool) -> String {
        let counts = "\(completed)/\(total)"
        let eta = "ETA " + (secondsLeft.map(Self.clock) ?? "--:--")
        let batchRate = rate.map { Self.short($0) + " batch/s" } ?? "– batch/s"
        let exampleRate = examplesPerStep.flatMap { n in rate.map { Self.short($0 * Double(n)) + " ex/s" } }
        let variants: [[String]] = [
            [counts, batchRate] + (exampleRate.map { [$0] } ?? []) + [eta],
            [counts, batchRate, eta],
            [counts, rate.map { Self.short($0) + "/s" } ?? "–/s", eta],
            [counts, eta],
            [counts],
        ]
        for parts in variants {
            let tail = parts.joined(separator: "  ")
            let barWidth = width - TextWidth.of(label) - TextWidth.of(tail) - 4  // spaces and the two bar ends
            if barWidth >= 8 || parts.count == 1 {
                return label + " " + bar(width: max(1, barWidth), color: color) + " " + tail
            }
        }
        return label
    }

    /// `│███▌     │`: whole blocks, one eighth-block for the remainder, spaces for the rest.
    func bar(width: Int, color: Bool) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(completed) / Double(total))) : 0
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        var filled = String(repeating: "█", count: eighths / 8)
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        if eighths / 8 < width { filled += partials[eighths % 8] }
        let empty = String(repeating: " ", count: width - TextWidth.of(filled))
        return "│" + ANSI.colored(filled, .cyan, enabled: color) + empty + "│"
    }

    /// "m:ss", or "h:mm:ss" from an hour on.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }

    /// Three significant figures with k/M for thousands and millions ("51.2", "13.1k").
    static func short(_ v: Double) -> String {
        let (value, suffix) = v >= 1e6 ? (v / 1e6, "M") : v >= 1e3 ? (v / 1e3, "k") : (v, "")
        let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
        return String(format: "%.\(digits)f", value) + suffix
    }
}
