import Foundation
import TerminalMarkdown

/// One point of a chart series.
public struct ChartPoint: Equatable, Sendable {
    public var x: Double, y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A named line of a chart, drawn in one colour with `marker` at each data point.
public struct ChartSeries: Equatable, Sendable {
    public var name: String
    public var points: [ChartPoint]
    public var color: ANSIColor
    public var marker: Character

    public init(name: String, points: [ChartPoint], color: ANSIColor, marker: Character) {
        self.name = name; self.points = points; self.color = color; self.marker = marker
    }

    /// A series whose i-th value is at x = i + 1 (epochs count from 1).
    public init(name: String, values: [Double], color: ANSIColor, marker: Character) {
        self.init(name: name, points: values.enumerated().map { ChartPoint(x: Double($0.offset + 1), y: $0.element) },
                  color: color, marker: marker)
    }
}

/// A line chart of several series over one x axis, drawn as text (braille dots, see
/// `renderText`) or as SVG (`renderSVG`).
public struct LineChart: Sendable {
    public enum Scale: Sendable { case linear, log }

    public var series: [ChartSeries]
    public var xLabel: String
    public var title: String?
    /// The x interval shown; nil fits the data.
    public var xRange: ClosedRange<Double>?
    /// The y interval shown; nil fits the data, widened to whole ticks.
    public var yRange: ClosedRange<Double>?
    public var xScale: Scale
    /// Ticks at these x values (e.g. the values a sweep tried); nil chooses nice ones.
    public var xTicks: [Double]?
    /// Only whole-number x ticks (epochs).
    public var integerX: Bool

    public init(series: [ChartSeries], xLabel: String = "", title: String? = nil,
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                xScale: Scale = .linear, xTicks: [Double]? = nil, integerX: Bool = false) {
        self.series = series; self.xLabel = xLabel; self.title = title
        self.xRange = xRange; self.yRange = yRange; self.xScale = xScale
        self.xTicks = xTicks; self.integerX = integerX
    }

    /// The colours and markers of the training chart, in the book's legend order.
    public static let trainingStyles: [(ANSIColor, Character)] = [(.blue, "o"), (.magenta, "+"), (.green, "x")]

    // MARK: geometry shared by the text and SVG renderers

    /// Points with finite coordinates (and positive x on a log scale).
    func visiblePoints(_ s: ChartSeries) -> [ChartPoint] {
        s.points.filter { $0.x.isFinite && $0.y.isFinite && (xScale == .linear || $0.x > 0) }
    }

    /// x as placed on the axis (log10 on a log scale).
    func axisX(_ x: Double) -> Double { xScale == .log ? log10(x) : x }

    /// The shown x interval, on the axis scale.
    func xBounds() -> (Double, Double) {
        var lo: Double, hi: Double
        if let r = xRange, xScale == .linear || r.lowerBound > 0 {
            (lo, hi) = (axisX(r.lowerBound), axisX(r.upperBound))
        } else {
            let xs = series.flatMap(visiblePoints).map { axisX($0.x) }
            (lo, hi) = (xs.min() ?? 0, xs.max() ?? 1)
        }
        if hi - lo < 1e-12 { lo -= 1; hi += 1 }
        return (lo, hi)
    }

    /// The y ticks and the shown y interval for at most `maxTicks` ticks. Fitted to the data,
    /// the interval either widens to whole ticks or, when `tight` (a text chart, where rows
    /// are few), pads the data by 4% with the ticks inside.
    func yAxis(maxTicks: Int, tight: Bool = false) -> (ticks: AxisTicks, low: Double, high: Double) {
        if let r = yRange {
            let ticks = AxisTicks.nice(low: r.lowerBound, high: r.upperBound, maxCount: maxTicks, expand: false)
            return (ticks, r.lowerBound, r.upperBound)
        }
        let ys = series.flatMap(visiblePoints).map(\.y)
        if tight, let low = ys.min(), let high = ys.max(), high - low > 1e-9 {
            let pad = (high - low) * 0.04
            let ticks = AxisTicks.nice(low: low - pad, high: high + pad, maxCount: maxTicks, expand: false)
            if ticks.values.count >= 2 { return (ticks, low - pad, high + pad) }
        }
        let ticks = AxisTicks.nice(low: ys.min() ?? 0, high: ys.max() ?? 1, maxCount: maxTicks, expand: true)
        return (ticks, ticks.values.first!, ticks.values.last!)
    }

    /// The x ticks (values in data units, with labels) inside the shown interval.
    func xTickValues(maxTicks: Int) -> [(value: Double, label: String)] {
        let (lo, hi) = xBounds()
        let inside = { (v: Double) in
            (self.xScale == .linear || v > 0) && self.axisX(v) >= lo - 1e-9 && self.axisX(v) <= hi + 1e-9
        }
        if let explicit = xTicks {
            return explicit.filter(inside).map { ($0, compactNumber($0)) }
        }
        if xScale == .log {
            let decades = stride(from: lo.rounded(.up), through: hi.rounded(.down), by: 1).map { pow(10, $0) }
            let values = decades.count >= 2 ? decades : [pow(10, lo), pow(10, hi)]
            return values.map { ($0, compactNumber($0)) }
        }
        let ticks = AxisTicks.nice(low: lo, high: hi, maxCount: maxTicks, expand: false, integerStep: integerX)
        return zip(ticks.values, ticks.labels).filter { inside($0.0) }.map { ($0.0, integerX ? compactNumber($0.0) : $0.1) }
    }

    /// The legend entries as plain text ("o train loss").
    var legendEntries: [String] { series.map { "\($0.marker) \($0.name)" } }
}
