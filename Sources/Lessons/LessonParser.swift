import Foundation
import TerminalMarkdown

/// Reads a lesson's Markdown into a `Lesson`: title, prose segments and checkpoint specs.
public enum LessonParser {
    /// The info-string word that marks a checkpoint block.
    public static let checkpointInfo = "checkpoint"

    /// Parses `markdown` read from `file` (a path ending in `NN-slug.md`) in `language`.
    /// Checkpoint blocks with a broken spec are left out of `blocks` and reported in `errors`.
    /// `feedback` is the course's policy, for checkpoints that name none.
    public static func parse(markdown: String, file: String, language: String, feedback: FeedbackPolicy = .default) -> Lesson {
        let name = (file as NSString).lastPathComponent
        let id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [LessonBlock] = []
        var errors: [LessonError] = []
        var proseStart = 1   // first line not yet given to a block

        func flushProse(upTo end: Int) {   // lines proseStart ..< end
            guard end > proseStart else { return }
            let text = lines[(proseStart - 1)..<min(end - 1, lines.count)].joined(separator: "\n")
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                blocks.append(.prose(markdown: text, line: proseStart))
            }
        }

        let document = parseMarkdown(markdown)
        for block in fencedBlocks(in: document) {
            let words = block.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.first.map(String.init) == checkpointInfo else { continue }
            let location = SourceLocation(file: file, line: block.startLine)
            flushProse(upTo: block.startLine)
            proseStart = block.endLine + 1
            guard words.count == 2 else {
                errors.append(LessonError(location, words.count < 2
                    ? "a checkpoint block needs an id: ```checkpoint my-id"
                    : "a checkpoint's info string is `checkpoint <id>`; found '\(block.info)'"))
                continue
            }
            let cid = String(words[1])
            guard isValidCheckpointID(cid) else {
                errors.append(LessonError(location, "checkpoint id '\(cid)' must be lowercase letters, digits and '-'"))
                continue
            }
            do {
                let spec = try CheckpointSpecParser.parse(id: cid, yaml: block.body, file: file, fenceLine: block.startLine, feedback: feedback)
                blocks.append(.checkpoint(spec))
            } catch let e as LessonError {
                errors.append(e)
            } catch {
                errors.append(LessonError(location, "\(error)"))
            }
        }
        flushProse(upTo: lines.count + 1)
        return Lesson(id: id, language: language, title: firstHeading(in: document) ?? id, markdown: markdown,
                      sha256: SHA256.hex(Data(markdown.utf8)), file: file, blocks: blocks, errors: errors)
    }

    /// Lowercase letters, digits and `-`, not starting with `-`.
    public static func isValidCheckpointID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first != "-" else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
