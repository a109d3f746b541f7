import D2L
import Foundation
import Judging
import Lessons
import TerminalMarkdown
import TerminalUI
import Lessons
import TerminalMarkdown

/// The results of a sweep as a table sorted by test accuracy, a chart of test accuracy
/// against the swept value, and JSON.
public enum SweepReport {
    /// Best first: by final test accuracy, then in the order the sweep listed them.
    public static func sorted(_ outcomes: [SweepOutcome]) -> [SweepOutcome] {
        outcomes.enumerated().sorted { a, b in
            let (x, y) = (a.element.final?.testAcc ?? -1, b.element.final?.testAcc ?? -1)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }

    private struct Column {
        let header: String, rightAligned: Bool, priority: Int, cells: [String]
        var width: Int { ([header] + cells).map(TextWidth.of).max() ?? 0 }
    }

    /// The sorted table, at most `width` columns wide: on a narrow screen the time, then the
    /// training loss, then the training accuracy columns are left out.
    public static func table(_ outcomes: [SweepOutcome], width: Int = 80) -> [String] {
        let rows = sorted(outcomes)
        func figure(_ f: (EpochStats) -> Double) -> [String] { rows.map { $0.final.map { String(format: "%.4f", f($0)) } ?? "–" } }
        var columns = [
            Column(header: "#", rightAligned: true, priority: 9, cells: rows.indices.map { String($0 + 1) }),
            Column(header: "hidden", rightAligned: true, priority: 9, cells: rows.map { String($0.point.hidden) }),
            Column(header: "layers", rightAligned: true, priority: 9, cells: rows.map { String($0.point.layers) }),
            Column(header: "lr", rightAligned: false, priority: 9, cells: rows.map { compactNumber(Double($0.point.lr)) }),
            Column(header: "epochs", rightAligned: true, priority: 9, cells: rows.map { String($0.point.epochs) }),
            Column(header: "test acc", rightAligned: true, priority: 9, cells: figure(\.testAcc)),
            Column(header: "train acc", rightAligned: true, priority: 3, cells: figure(\.trainAcc)),
            Column(header: "train loss", rightAligned: true, priority: 2, cells: figure(\.trainLoss)),
            Column(header: "time", rightAligned: false, priority: 1,
                   cells: rows.map { String(format: "%.1f s", $0.seconds) + ($0.cached ? " (cached)" : "") }),
        ]
        func total() -> Int { columns.map(\.width).reduce(0, +) + 2 * (columns.count - 1) }
        while total() > width, let drop = columns.indices.filter({ columns[$0].priority < 9 }).min(by: { columns[$0].priority < columns[$1].priority }) {
            columns.remove(at: drop)
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, cell) in zip(columns, cells) {
                parts.append(c.rightAligned ? TextWidth.padLeft(cell, to: c.width) : TextWidth.padRight(cell, to: c.width))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var lines = [line(columns.map(\.header))]
        for r in rows.indices { lines.append(line(columns.map { $0.cells[r] })) }
        return lines
    }

    /// Test accuracy against the first swept hyperparameter (hidden units and learning rate on
    /// a log scale), one series for each combination of the other swept ones.
    public static func chart(_ outcomes: [SweepOutcome], grid: SweepGrid) -> LineChart {
        let swept = grid.sweptDimensions
        let x = swept.first ?? .hidden
        let others = Array(swept.dropFirst())
        let finished = outcomes.filter { $0.final != nil }
        var groups: [String: [SweepOutcome]] = [:], order: [String] = []
        for o in finished {
            let name = others.isEmpty ? "test acc" : others.map { $0.describe(o.point) }.joined(separator: ", ")
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(o)
        }
        let styles: [(ANSIColor, Character)] = [(.green, "x"), (.blue, "o"), (.magenta, "+"), (.cyan, "*"), (.yellow, "#"), (.red, "@")]
        let series = order.enumerated().map { i, name in
            ChartSeries(name: name,
                        points: groups[name]!.map { ChartPoint(x: x.value(of: $0.point), y: $0.final!.testAcc) }.sorted { $0.x < $1.x },
                        color: styles[i % styles.count].0, marker: styles[i % styles.count].1)
        }
        let xs = Set(finished.map { x.value(of: $0.point) }).sorted()
        let logScale = (x == .hidden || x == .lr) && (xs.first ?? 0) > 0 && (xs.last ?? 0) / (xs.first ?? 1) >= 4
        return LineChart(series: series, xLabel: x.label, title: "test accuracy",
                         xScale: logScale ? .log : .linear, xTicks: xs, integerX: x != .lr)
    }

    /// `{"runs":[{"hidden":256,"layers":1,"lr":0.1,"epochs":10,"train_loss":…,"train_acc":…,"test_acc":…,"seconds":…,"cached":false},…]}`, best first.
    public static func json(_ outcomes: [SweepOutcome], extra: [String: String] = [:]) -> String {
        func number(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        let runs = sorted(outcomes).map { o in
            "{\"hidden\":\(o.point.hidden),\"layers\":\(o.point.layers),\"lr\":\(compactNumber(Double(o.point.lr))),"
                + "\"epochs\":\(o.point.epochs),\"train_loss\":\(number(o.final?.trainLoss)),\"train_acc\":\(number(o.final?.trainAcc)),"
                + "\"test_acc\":\(number(o.final?.testAcc)),\"seconds\":\(number(o.seconds)),\"cached\":\(o.cached)}"
        }
        let fields = extra.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }
        return "{\"runs\":[\(runs.joined(separator: ","))]\(fields.map { "," + $0 }.joined())}"
    }
}
