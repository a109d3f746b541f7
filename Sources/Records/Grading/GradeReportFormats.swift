import Foundation
import Judging
import Lessons
import TerminalMarkdown

/// The formats `tutor grade --format` writes.
public enum GradeFormat: String, CaseIterable, Sendable {
    case table, csv, json, junit
}

extension GradeReport {
    /// The report in `format`.
    public func rendered(_ format: GradeFormat, width: Int = 80) -> String {
        switch format {
        case .table: return table(width: width)
        case .csv: return csv()
        case .json: return json()
        case .junit: return junit()
        }
    }

    /// A table for the terminal: one row per submission, then the stamp.
    public func table(width: Int = 80) -> String {
        var lines: [String] = []
        let nameWidth = min(max(7, submissions.map { TextWidth.of(ReportText.plain($0.learner)) }.max() ?? 7), max(10, width / 3))
        lines.append(TextWidth.padRight("learner", to: nameWidth) + "  " + TextWidth.padLeft("points", to: 13) + "      %" + "  notes")
        lines.append(String(repeating: "─", count: min(width, nameWidth + 31)))
        for submission in submissions {
            let name = TextWidth.padRight(TextWidth.truncate(ReportText.plain(submission.learner), to: nameWidth), to: nameWidth)
            if let error = submission.error {
                lines.append(name + "  " + TextWidth.padLeft("BROKEN", to: 13) + "      -" + "  " + ReportText.plain(error))
                continue
            }
            let points = TextWidth.padLeft("\(format(submission.points))/\(format(submission.maxPoints))", to: 13)
            let percent = String(format: "%6.1f", submission.percent)
            var notes: [String] = []
            let counts = Dictionary(grouping: submission.checkpoints, by: \.outcome).mapValues(\.count)
            for outcome in [CheckpointGrade.Outcome.correct, .completed, .incorrect, .malformed, .missing, .error] {
                if let count = counts[outcome], count > 0 { notes.append("\(count) \(outcome.rawValue)") }
            }
            let changed = submission.checkpoints.filter(\.lessonChanged).count
            if changed > 0 { notes.append("\(changed) answered on a changed lesson") }
            if !submission.unknownIDs.isEmpty {
                notes.append("unknown ids: " + submission.unknownIDs.map { ReportText.plain($0) }.joined(separator: ", "))
            }
            lines.append(name + "  " + points + " " + percent + "  " + notes.joined(separator: ", "))
        }
        lines.append("")
        lines.append("stamp: library \(stamp.library), tutor \(stamp.tutor), \(stamp.lessons.count) lesson hashes, "
                     + "\(stamp.seeds.count) seeded checkpoints")
        lines.append("credit: " + policy.description)
        lines.append(reflectionPolicy)
        for group in identicalAnswers {
            lines.append("identical answers to \(group.checkpoint) (inputs differ per learner): " + group.learners.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per submission and checkpoint (the header names the columns), then its total.
    public func csv() -> String {
        var rows = ["learner,source,checkpoint,lesson,outcome,points,max_points,attempts,hints_used,solution_viewed_first,"
                    + "correct_at,mistake,same_answer_as,lesson_changed,message"]
        for submission in submissions {
            if let error = submission.error {
                rows.append([submission.learner, submission.source, "", "", "broken", "0", format(submission.maxPoints), "0",
                             "", "", "", "", "", "", error].map(csvField).joined(separator: ","))
                continue
            }
            for row in submission.checkpoints {
                rows.append([submission.learner, submission.source, row.id, row.lesson, row.outcome.rawValue, format(row.points),
                             format(row.maxPoints), String(row.attempts), String(row.hintsUsed), row.solutionViewedFirst ? "yes" : "no",
                             row.correctAt.map { ISO8601DateFormatter().string(from: $0) } ?? "", row.mistake ?? "",
                             row.sameAnswerAs.joined(separator: " "), row.lessonChanged ? "yes" : "no", row.message]
                    .map(csvField).joined(separator: ","))
            }
            rows.append([submission.learner, submission.source, "TOTAL", "", "", format(submission.points),
                         format(submission.maxPoints), "", "", "", "", "", "", "", ""].map(csvField).joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The report as JSON with snake_case keys (`GradeJSON.decoder()` reads it back).
    public func json() -> String { GradeJSON.encode(self) }

    /// JUnit XML: a test suite per submission, a test case per checkpoint (failed when it
    /// earned less than its points; an error for a broken submission).
    public func junit() -> String {
        var out = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let total = submissions.reduce(0) { $0 + max($1.checkpoints.count, 1) }
        let failures = submissions.reduce(0) { $0 + $1.checkpoints.filter { $0.points < $0.maxPoints }.count }
        let errors = submissions.filter { $0.error != nil }.count
        out.append(#"<testsuites name="tutor grade" tests="\#(total)" failures="\#(failures)" errors="\#(errors)">"#)
        for submission in submissions {
            let name = xml(submission.learner)
            if let error = submission.error {
                out.append(#"  <testsuite name="\#(name)" tests="1" failures="0" errors="1">"#)
                out.append(#"    <testcase classname="\#(name)" name="submission"><error message="\#(xml(error))"/></testcase>"#)
                out.append("  </testsuite>")
                continue
            }
            let failed = submission.checkpoints.filter { $0.points < $0.maxPoints }.count
            out.append(#"  <testsuite name="\#(name)" tests="\#(submission.checkpoints.count)" failures="\#(failed)" errors="0">"#)
            out.append(#"    <properties><property name="points" value="\#(format(submission.points))"/><property name="max_points" value="\#(format(submission.maxPoints))"/><property name="library" value="\#(xml(stamp.library))"/></properties>"#)
            for row in submission.checkpoints {
                let head = #"    <testcase classname="\#(name).\#(xml(row.lesson))" name="\#(xml(row.id))""#
                if row.points < row.maxPoints {
                    out.append(head + ">")
                    out.append(#"      <failure type="\#(row.outcome.rawValue)" message="\#(xml(row.message))">\#(format(row.points))/\#(format(row.maxPoints)) points</failure>"#)
                    out.append("    </testcase>")
                } else {
                    out.append(head + "/>")
                }
            }
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }
}

private func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
}

private func csvField(_ text: String) -> String { ReportText.csvField(text) }

private func xml(_ text: String) -> String { xmlEscape(ReportText.plain(text, keepLineBreaks: true)) }


