import Foundation
import Lessons
import TerminalMarkdown

/// `tutor grade --summary`: per checkpoint, how the class did, what it got wrong and what it
/// could not write — what an instructor reads to fix a lesson.
public struct ItemAnalysis: Codable, Sendable, Equatable {
    /// A text and how many learners gave it.
    public struct Count: Codable, Sendable, Equatable {
        public var text: String
        public var learners: Int
    }

    public struct Item: Codable, Sendable, Equatable {
        public var checkpoint: String
        public var lesson: String
        /// Submissions with an answer to it.
        public var answered: Int
        /// Right answers (or answered reflections) among all graded submissions.
        public var shareRight: Double
        /// The median of judged attempts, over the submissions that answered.
        public var medianAttempts: Double?
        /// The typical mistakes matched, by name, most common first.
        public var misconceptions: [Count]
        /// Answers that could not be read, most common first.
        public var malformedAnswers: [Count]
        /// Identical answers across learners (varied checkpoints only).
        public var identicalAnswerGroups: Int
    }

    /// Graded submissions (broken ones are left out).
    public var submissions: Int
    public var items: [Item]

    /// How many of the most common misconceptions and malformed answers are listed.
    public static let top = 3

    public init(_ report: GradeReport) {
        let graded = report.submissions.filter { $0.error == nil }
        submissions = graded.count
        let ids = graded.first?.checkpoints.map { ($0.id, $0.lesson) } ?? []
        items = ids.enumerated().map { index, id in
            let rows = graded.compactMap { $0.checkpoints.indices.contains(index) ? $0.checkpoints[index] : nil }
            let answered = rows.filter { $0.outcome != .missing }
            let right = rows.filter { $0.outcome == .correct || $0.outcome == .completed }.count
            let attempts = answered.map(\.attempts).filter { $0 > 0 }.sorted()
            return Item(checkpoint: id.0, lesson: id.1, answered: answered.count,
                        shareRight: rows.isEmpty ? 0 : Double(right) / Double(rows.count),
                        medianAttempts: Self.median(attempts),
                        misconceptions: Self.ranked(rows.map { $0.mistake.map { [$0] } ?? [] }),
                        malformedAnswers: Self.ranked(rows.map { Array(Set($0.malformedAnswers.map(Self.shortened))) }),
                        identicalAnswerGroups: report.identicalAnswers.filter { $0.checkpoint == id.0 }.count)
        }
    }

    static func median(_ sorted: [Int]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Each learner's texts counted once per learner, most common first (ties by text).
    static func ranked(_ perLearner: [[String]]) -> [Count] {
        var counts: [String: Int] = [:]
        for texts in perLearner { for text in Set(texts) { counts[text, default: 0] += 1 } }
        return counts.map { Count(text: $0.key, learners: $0.value) }
            .sorted { ($1.learners, $0.text) < ($0.learners, $1.text) }
            .prefix(top).map { $0 }
    }

    /// One line of an answer, at most 60 characters, terminal escapes left out.
    static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let clean = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return clean.count > 60 ? String(clean.prefix(59)) + "…" : clean
    }

    /// A table per checkpoint for the terminal.
    public func table(width: Int = 80) -> String {
        var lines = ["item analysis of \(submissions) graded submission\(submissions == 1 ? "" : "s")"]
        let idWidth = min(max(10, items.map { TextWidth.of($0.checkpoint) }.max() ?? 10), max(12, width / 3))
        lines.append(TextWidth.padRight("checkpoint", to: idWidth) + "   right  answered  median attempts")
        lines.append(String(repeating: "─", count: min(width, idWidth + 36)))
        for item in items {
            let median = item.medianAttempts.map { formatNumber($0, digits: 3) } ?? "-"
            lines.append(TextWidth.padRight(TextWidth.truncate(item.checkpoint, to: idWidth), to: idWidth)
                         + TextWidth.padLeft(String(format: "%.0f %%", 100 * item.shareRight), to: 8)
                         + TextWidth.padLeft(String(item.answered), to: 10)
                         + TextWidth.padLeft(median, to: 17))
            for m in item.misconceptions { lines.append("    misconception: \(m.text) (\(m.learners))") }
            for m in item.malformedAnswers { lines.append("    malformed: \(m.text) (\(m.learners))") }
            if item.identicalAnswerGroups > 0 { lines.append("    identical answers across learners: \(item.identicalAnswerGroups) group(s)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String { GradeJSON.encode(self) }
}

/// JSON as every report writes it: snake_case keys, sorted, dates in ISO 8601.
public enum GradeJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public static func encode<T: Encodable>(_ value: T) -> String {
        guard let data = try? encoder().encode(value), let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }
}
