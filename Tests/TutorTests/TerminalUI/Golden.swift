import Foundation
import Testing

/// Golden-text comparison for the visual renderers. The expected text lives in
/// `Fixtures/visual/<name>.txt` with ESC written as `␛` so the escapes can be read.
/// Run with `UPDATE_GOLDEN=1` to (re)write the files after checking the output by eye.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/visual")

    static func readable(_ lines: [String]) -> String {
        lines.joined(separator: "\n").replacingOccurrences(of: "\u{1B}", with: "␛") + "\n"
    }

    static func check(_ lines: [String], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = readable(lines)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run the test with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "differs from \(name).txt:\n\(actual)", sourceLocation: sourceLocation)
    }
}
