import D2L
import Foundation

/// `tutor predict --confusion`: the confusion matrix as text, one row per true class with its
/// counts per predicted class and the class's accuracy (50 columns wide), then the class names.
enum ConfusionTable {
    static func lines(_ m: ConfusionMatrix, names: [String]) -> [String] {
        let header = "   " + (0..<m.classes).map { String(format: "%4d", $0) }.joined() + "    acc"
        let rows = (0..<m.classes).map { r in
            String(format: "%2d ", r) + (0..<m.classes).map { String(format: "%4d", m[r, $0]) }.joined()
                + String(format: "  %.3f", m.perClassAccuracy[r])
        }
        let legend = stride(from: 0, to: names.count, by: 5).map { start in
            (start..<min(start + 5, names.count)).map { "\($0) \(names[$0])" }.joined(separator: ", ")
        }
        return [header] + rows + [""] + legend
    }
}
