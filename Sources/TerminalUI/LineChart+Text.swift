import TerminalMarkdown
extension LineChart {
    /// The chart as `height` lines of at most `width` columns: a braille plot with a y axis
    /// (ticks and labels), an x axis with tick labels and the x label, and a legend, wrapped to
    /// the width. Series are coloured (16 ANSI colours) only when `color`; without colour the
    /// lines hold no escape bytes, and the markers at the data points tell the series apart.
    public func renderText(width: Int, height: Int, color: Bool) -> [String] {
        let legend = legendLines(width: width, color: color)
        let titleLines = title == nil ? 0 : 1
        let plotRows = max(2, height - legend.count - titleLines - 2)

        let (yTicks, yLow, yHigh) = yAxis(maxTicks: max(2, min(6, (plotRows + 1) / 2)), tight: true)
        let yLabels = yTicks.labels
        let labelWidth = yLabels.map(TextWidth.of).max() ?? 1
        // Right of the plot: the x label after the axis line, or room for the last tick label.
        let xLabelWidth = TextWidth.of(xLabel)
        let plotCols = max(4, width - labelWidth - 1 - (xLabel.isEmpty ? 2 : max(2, xLabelWidth + 1)))
        var canvas = BrailleCanvas(columns: plotCols, rows: plotRows)

        let (xLow, xHigh) = xBounds()
        func dotX(_ x: Double) -> Int {
            Int(((axisX(x) - xLow) / (xHigh - xLow) * Double(canvas.dotWidth - 1)).rounded())
        }
        func dotY(_ y: Double) -> Int {
            Int(((yHigh - y) / (yHigh - yLow) * Double(canvas.dotHeight - 1)).rounded())
        }
        for (index, s) in series.enumerated() {
            let dots = visiblePoints(s).map { (dotX($0.x), dotY($0.y)) }
            for (a, b) in zip(dots, dots.dropFirst()) { canvas.line(a.0, a.1, b.0, b.1, series: index) }
            if dots.count == 1 { canvas.set(dots[0].0, dots[0].1, series: index) }
            for d in dots { canvas.mark(d.0, d.1, s.marker, series: index) }
        }

        var lines: [String] = []
        if let title { lines.append(String(repeating: " ", count: labelWidth + 1) + TextWidth.truncate(title, to: max(1, width - labelWidth - 1))) }

        // Plot rows, each with its y label where a tick falls on it.
        var labelAtRow: [Int: String] = [:]
        for (value, label) in zip(yTicks.values, yLabels) where value >= yLow - 1e-9 && value <= yHigh + 1e-9 {
            let row = min(plotRows - 1, max(0, dotY(value) / 4))
            if labelAtRow[row] == nil { labelAtRow[row] = label }
        }
        for row in 0..<plotRows {
            var line = labelAtRow[row].map { TextWidth.padLeft($0, to: labelWidth) + "┤" }
                ?? String(repeating: " ", count: labelWidth) + "│"
            line += plotRow(canvas, row: row, color: color)
            lines.append(line)
        }

        // The x axis with a ┬ under each tick, and the tick labels under it.
        let ticks = xTickValues(maxTicks: max(2, plotCols / 6)).map { (column: dotX($0.value) / 2, label: $0.label) }
        var axis = Array(repeating: Character("─"), count: plotCols)
        for t in ticks where t.column >= 0 && t.column < plotCols { axis[t.column] = "┬" }
        lines.append(String(repeating: " ", count: labelWidth) + "└" + String(axis) + (xLabel.isEmpty ? "" : " " + xLabel))
        lines.append(tickLabelRow(ticks.map { (labelWidth + 1 + $0.column, $0.label) }, width: width))
        return lines + legend
    }

    /// One row of plot cells, with the cells' series colours when `color`; trailing blanks dropped.
    private func plotRow(_ canvas: BrailleCanvas, row: Int, color: Bool) -> String {
        var cells = (0..<canvas.columns).map { canvas.cell($0, row) }
        while let last = cells.last, last.0 == " " { cells.removeLast() }
        guard color else { return String(cells.map(\.0)) }
        var out = "", run = "", runOwner: Int? = nil
        func flush() { out += ANSI.colored(run, runOwner.map { series[$0].color }, enabled: true); run = "" }
        for (ch, owner) in cells {
            let o = ch == " " ? runOwner : owner  // blanks join the current run
            if o != runOwner { flush(); runOwner = o }
            run.append(ch)
        }
        flush()
        return out
    }

    /// Tick labels centred under their columns, skipping any that would touch the previous one.
    private func tickLabelRow(_ ticks: [(center: Int, label: String)], width: Int) -> String {
        var chars = Array(repeating: Character(" "), count: max(width, 1))
        var used = -2  // the last occupied column
        for (center, label) in ticks {
            let w = label.count
            let start = min(max(0, center - (w - 1) / 2), width - w)
            guard start > used + 1, start + w <= width else { continue }
            for (i, ch) in label.enumerated() { chars[start + i] = ch }
            used = start + w - 1
        }
        var row = String(chars)
        while row.hasSuffix(" ") { row.removeLast() }
        return row
    }

    /// The legend entries joined by two spaces and wrapped to `width`.
    private func legendLines(width: Int, color: Bool) -> [String] {
        var lines: [String] = [], current = "", currentWidth = 0
        for (s, entry) in zip(series, legendEntries) {
            let w = TextWidth.of(entry)
            let styled = ANSI.colored(String(s.marker), s.color, enabled: color) + String(entry.dropFirst())
            if currentWidth > 0 && currentWidth + 2 + w > width {
                lines.append(current); current = ""; currentWidth = 0
            }
            current += (currentWidth > 0 ? "  " : "") + styled
            currentWidth += (currentWidth > 0 ? 2 : 0) + w
        }
        if currentWidth > 0 { lines.append(current) }
        return lines
    }
}
