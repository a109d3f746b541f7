import Foundation
import TerminalMarkdown

/// A text progress bar: `███████░░░ 7/10`, fitted to `width` display columns in total.
public func progressBar(done: Int, total: Int, width: Int) -> String {
    let label = " \(done)/\(total)"
    let barWidth = max(3, width - label.count)
    let filled = total > 0 ? min(barWidth, Int((Double(done) / Double(total) * Double(barWidth)).rounded(.down))) : 0
    // Something done shows at least one block; everything done fills the bar.
    let blocks = done > 0 && filled == 0 ? 1 : (total > 0 && done >= total ? barWidth : filled)
    return String(repeating: "█", count: blocks) + String(repeating: "░", count: barWidth - blocks) + label
}

