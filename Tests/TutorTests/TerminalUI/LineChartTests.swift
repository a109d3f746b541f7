import Foundation
import TerminalMarkdown
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

/// The first five epochs of a training run (numbers shaped like the chapter's).
func trainingChart(epochs: Int = 5, of total: Int = 5) -> LineChart {
    let loss = [1.05, 0.60, 0.52, 0.48, 0.45], trainAcc = [0.63, 0.79, 0.82, 0.83, 0.84], testAcc = [0.71, 0.78, 0.80, 0.81, 0.83]
    let styles = LineChart.trainingStyles
    return LineChart(series: [
        ChartSeries(name: "train loss", values: Array(loss.prefix(epochs)), color: styles[0].0, marker: styles[0].1),
        ChartSeries(name: "train acc", values: Array(trainAcc.prefix(epochs)), color: styles[1].0, marker: styles[1].1),
        ChartSeries(name: "test acc", values: Array(testAcc.prefix(epochs)), color: styles[2].0, marker: styles[2].1),
    ], xLabel: "epoch", xRange: 1...Double(total), integerX: true)
}

@Suite struct LineChartTests {
    @Test func trainingChartWithoutColour() {
        Golden.check(trainingChart().renderText(width: 40, height: 12, color: false), "chart-training-40x12")
    }

    @Test func trainingChartWithColour() {
        Golden.check(trainingChart().renderText(width: 40, height: 12, color: true), "chart-training-40x12-color")
    }

    @Test func partialRunKeepsTheWholeEpochAxis() {
        // After 2 of 10 epochs the x axis already spans 1…10, as the book's animator does.
        Golden.check(trainingChart(epochs: 2, of: 10).renderText(width: 50, height: 10, color: false), "chart-partial-50x10")
    }

    @Test(arguments: [(30, 8), (50, 10), (80, 16), (120, 30)])
    func fitsTheBoxExactly(width: Int, height: Int) {
        for color in [false, true] {
            let lines = trainingChart().renderText(width: width, height: height, color: color)
            #expect(lines.count == height)
            for line in lines { #expect(TextWidth.of(line) <= width, "too wide: \(line)") }
            #expect(lines.contains { $0.contains("\u{1B}") } == color)
        }
    }

    @Test func eachSeriesMarksItsPointsWhereItsValuesAre() throws {
        // One series, y from 0 to 1: the marker of y = 1 sits on the top row, y = 0 on the bottom.
        let chart = LineChart(series: [ChartSeries(name: "s", values: [0, 1], color: .red, marker: "o")],
                              xRange: 1...2, yRange: 0...1)
        let lines = chart.renderText(width: 20, height: 7, color: false)
        // 7 lines: 4 plot rows, axis, tick labels, legend.
        #expect(lines[0].hasSuffix("o"), "\(lines[0])")
        #expect(lines[3].contains("┤o"), "\(lines[3])")
        #expect(lines[6] == "o s")
    }

    @Test func legendWrapsToTheWidth() {
        let lines = trainingChart().renderText(width: 26, height: 12, color: false)
        #expect(Array(lines.suffix(2)) == ["o train loss  + train acc", "x test acc"])
    }

    @Test func logScaleSweepChart() {
        let chart = LineChart(series: [ChartSeries(name: "test acc", points: [
            ChartPoint(x: 64, y: 0.84), ChartPoint(x: 128, y: 0.85), ChartPoint(x: 256, y: 0.855), ChartPoint(x: 512, y: 0.86),
        ], color: .green, marker: "x")], xLabel: "hidden units", xScale: .log, xTicks: [64, 128, 256, 512])
        let lines = chart.renderText(width: 50, height: 10, color: false)
        Golden.check(lines, "chart-sweep-log-50x10")
        // Equal ratios are equal distances on a log axis: the ticks are evenly spaced.
        let axis = lines[lines.count - 3]
        let ticks = axis.indices.filter { axis[$0] == "┬" }.map { axis.distance(from: axis.startIndex, to: $0) }
        #expect(ticks.count == 4)
        let gaps = zip(ticks, ticks.dropFirst()).map { $1 - $0 }
        #expect(gaps.max()! - gaps.min()! <= 1, "\(gaps)")
    }

    @Test func emptyChartStillDrawsAxes() {
        let chart = LineChart(series: [ChartSeries(name: "loss", values: [], color: .blue, marker: "o")],
                              xLabel: "epoch", xRange: 1...10, integerX: true)
        let lines = chart.renderText(width: 40, height: 8, color: false)
        #expect(lines.count == 8)
        #expect(lines[lines.count - 3].contains("└"))
    }
}

@Suite struct AxisTicksTests {
    @Test func niceTicksCoverTheData() {
        let t = AxisTicks.nice(low: 0.38, high: 1.05, maxCount: 6)
        #expect(t.values == [0.2, 0.4, 0.6, 0.8, 1.0, 1.2])
        #expect(t.labels == ["0.2", "0.4", "0.6", "0.8", "1.0", "1.2"])
        let inside = AxisTicks.nice(low: 1, high: 10, maxCount: 5, expand: false, integerStep: true)
        #expect(inside.values == [2, 4, 6, 8, 10])
    }

    @Test func flatDataGetsAnAxis() {
        let t = AxisTicks.nice(low: 0.5, high: 0.5, maxCount: 4)
        #expect(t.values.count >= 2 && t.values.first! < 0.5 && t.values.last! > 0.5)
    }

    @Test func compactNumbers() {
        #expect(compactNumber(256) == "256")
        #expect(compactNumber(0.01) == "0.01")
        #expect(compactNumber(0.5) == "0.5")
        #expect(compactNumber(1e-5) == "1e-05")
    }
}
