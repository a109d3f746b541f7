import Foundation
import TerminalMarkdown

extension LineChart {
    /// The chart as a standalone SVG document of `width`×`height` pixels: a framed plot with
    /// grid lines, ticks and tick labels on both axes, the x label, the title, a legend, and
    /// one `<polyline class="series">` per series (its name in `data-name`) with a circle at
    /// each data point.
    public func renderSVG(width: Int = 640, height: Int = 400) -> String {
        let (left, right, top, bottom) = (64.0, 20.0, title == nil ? 20.0 : 40.0, 56.0)
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let (yTicks, yLow, yHigh) = yAxis(maxTicks: 6)
        let (xLow, xHigh) = xBounds()
        func px(_ x: Double) -> Double { left + (axisX(x) - xLow) / (xHigh - xLow) * plotW }
        func py(_ y: Double) -> Double { top + (yHigh - y) / (yHigh - yLow) * plotH }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }

        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="white"/>

        """
        if let title {
            svg += "<text class=\"title\" x=\"\(f(left + plotW / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">\(xmlEscape(title))</text>\n"
        }
        svg += "<g class=\"y-axis\">\n"
        for (value, label) in zip(yTicks.values, yTicks.labels) where value >= yLow - 1e-9 && value <= yHigh + 1e-9 {
            let y = f(py(value))
            svg += "<line x1=\"\(f(left))\" y1=\"\(y)\" x2=\"\(f(left + plotW))\" y2=\"\(y)\" stroke=\"#e0e0e0\"/>"
            svg += "<line x1=\"\(f(left - 5))\" y1=\"\(y)\" x2=\"\(f(left))\" y2=\"\(y)\" stroke=\"black\"/>"
            svg += "<text class=\"tick\" x=\"\(f(left - 8))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(label)</text>\n"
        }
        svg += "</g>\n<g class=\"x-axis\">\n"
        for (value, label) in xTickValues(maxTicks: 10) {
            let x = f(px(value))
            svg += "<line x1=\"\(x)\" y1=\"\(f(top))\" x2=\"\(x)\" y2=\"\(f(top + plotH))\" stroke=\"#e0e0e0\"/>"
            svg += "<line x1=\"\(x)\" y1=\"\(f(top + plotH))\" x2=\"\(x)\" y2=\"\(f(top + plotH + 5))\" stroke=\"black\"/>"
            svg += "<text class=\"tick\" x=\"\(x)\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(xmlEscape(label))</text>\n"
        }
        svg += "</g>\n"
        svg += "<rect class=\"frame\" x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"black\"/>\n"
        if !xLabel.isEmpty {
            svg += "<text class=\"x-label\" x=\"\(f(left + plotW / 2))\" y=\"\(f(Double(height) - 12))\" text-anchor=\"middle\">\(xmlEscape(xLabel))</text>\n"
        }

        let dashes = ["", " stroke-dasharray=\"7 4\"", " stroke-dasharray=\"9 3 2 3\""]  // the book's -, --, -.
        for (index, s) in series.enumerated() {
            let dash = dashes[index % dashes.count]
            let points = visiblePoints(s).map { "\(f(px($0.x))),\(f(py($0.y)))" }
            let color = s.color.rgbHex
            svg += "<g class=\"series\" data-name=\"\(xmlEscape(s.name))\">\n"
            svg += "<polyline class=\"series\" data-name=\"\(xmlEscape(s.name))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(points.joined(separator: " "))\"/>\n"
            for p in points {
                let xy = p.split(separator: ",")
                svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2.5\" fill=\"\(color)\"/>"
            }
            svg += "\n</g>\n"
        }

        // The legend: a short line in each series' colour and its name, inside the plot's top right.
        let entryHeight = 18.0
        let legendWidth = 34 + 7.5 * Double(series.map { TextWidth.of($0.name) }.max() ?? 0)
        let lx = left + plotW - legendWidth - 8, ly = top + 8
        svg += "<g class=\"legend\">\n<rect x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"\(f(legendWidth))\" height=\"\(f(entryHeight * Double(series.count) + 6))\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#b0b0b0\"/>\n"
        for (i, s) in series.enumerated() {
            let y = ly + 12 + entryHeight * Double(i)
            svg += "<line x1=\"\(f(lx + 6))\" y1=\"\(f(y))\" x2=\"\(f(lx + 26))\" y2=\"\(f(y))\" stroke=\"\(s.color.rgbHex)\" stroke-width=\"2\"\(dashes[i % dashes.count])/>"
            svg += "<text x=\"\(f(lx + 30))\" y=\"\(f(y))\" dominant-baseline=\"middle\">\(xmlEscape(s.name))</text>\n"
        }
        svg += "</g>\n</svg>\n"
        return svg
    }
}
