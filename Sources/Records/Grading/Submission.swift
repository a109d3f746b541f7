import Foundation
import Judging
import Lessons
import TerminalMarkdown
import Yams

/// One learner's answer to one checkpoint, as a submission gives it.
public struct SubmittedAnswer: Sendable, Equatable {
    public var answer: String
    /// Judged attempts before (and including) this answer; 1 for an answers file.
    public var attempts: Int
    public var hintsUsed: Int
    /// The solution was viewed before the answer was right.
    public var solutionViewedFirst: Bool
    /// The hash of the lesson file when the answer was given, when known.
    public var lessonHash: String?
    /// When the first right answer was given (progress files only).
    public var correctAt: Date?
    /// Answers the tutor could not read, in the order given (progress files only).
    public var malformedAnswers: [String]

    public init(answer: String, attempts: Int = 1, hintsUsed: Int = 0, solutionViewedFirst: Bool = false,
                lessonHash: String? = nil, correctAt: Date? = nil, malformedAnswers: [String] = []) {
        self.answer = answer
        self.attempts = attempts
        self.hintsUsed = hintsUsed
        self.solutionViewedFirst = solutionViewedFirst
        self.lessonHash = lessonHash
        self.correctAt = correctAt
        self.malformedAnswers = malformedAnswers
    }
}

/// One learner's submission: a progress file or an answers file.
public struct Submission: Sendable, Equatable {
    public var learner: String
    /// The file it was read from.
    public var source: String
    public var answers: [String: SubmittedAnswer]
    /// Why the submission could not be read (then `answers` is empty).
    public var error: String?
    /// The learner id the submission declares (a progress file's `learner`, an answers file's
    /// `learner:`): whose inputs its varied checkpoints were answered for. Nil: `learner`.
    public var declaredLearner: String?
    /// The course id a progress file was recorded in (nil: the graded course's).
    public var course: String?
    /// The learner's own folder, inside which the answers to code checkpoints (workspace
    /// paths) must lie; nil for a file that shares its folder with other learners' files.
    public var folder: String?
    /// Your own progress (`tutor grade` alone): code answers are checked in the workspace the
    /// judge was given, not looked up in a folder.
    public var checksOwnWorkspace = false

    public init(learner: String, source: String, answers: [String: SubmittedAnswer] = [:], error: String? = nil,
                folder: String? = nil, declaredLearner: String? = nil, course: String? = nil) {
        self.learner = learner
        self.source = source
        self.answers = answers
        self.error = error
        self.declaredLearner = declaredLearner
        self.course = course
        self.folder = folder
    }

    /// Whose inputs the varied checkpoints of this submission use, in course `courseID` unless
    /// the submission was recorded in another.
    public func identity(courseID: String) -> LearnerIdentity {
        LearnerIdentity(learner: declaredLearner ?? learner, course: course ?? courseID)
    }

    /// What `--shard K/N` hashes: the learner's name and the file's name, the same on every
    /// machine whatever folder the submissions are copied to.
    public var shardKey: String { learner + "/" + (source as NSString).lastPathComponent }
}

/// Reads submissions: a progress file (`progress.json`), or an answers file mapping checkpoint
/// ids to answers (JSON or YAML; optionally `{learner: NAME, answers: {…}}`). A folder holds
/// one submission per entry: a file, or a sub-folder with one such file somewhere inside.
/// Symbolic links inside a folder are not followed, and every file is held to
/// `SubmissionLimits`.
public enum SubmissionReader {
    static let extensions = ["json", "yaml", "yml"]

    /// Every submission under `paths`, in a stable order (paths as given, folders sorted).
    public static func read(paths: [String]) -> [Submission] {
        paths.flatMap(read(path:))
    }

    public static func read(path: String) -> [Submission] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return [Submission(learner: learnerName(path), source: path, error: "\(path): no such file or folder")]
        }
        guard isFolder.boolValue else {
            var one = read(file: path, learner: nil)
            one.folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
            return [one]
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        var submissions: [Submission] = []
        for entry in entries {
            let full = (path as NSString).appendingPathComponent(entry)
            switch kind(full) {
            case .link:
                submissions.append(Submission(learner: learnerName(full), source: full,
                                              error: "\(full): a symbolic link; submissions are read without following links"))
            case .folder:
                if let file = submissionFile(in: full) {
                    var one = read(file: file, learner: entry)
                    one.folder = full
                    submissions.append(one)
                } else {
                    submissions.append(Submission(learner: entry, source: full,
                                                  error: "\(full): no progress.json or answers file (.json, .yaml) inside"))
                }
            case .file, .other:
                if extensions.contains((entry as NSString).pathExtension.lowercased()) {
                    submissions.append(read(file: full, learner: nil))
                }
            }
        }
        return submissions
    }

    enum Kind { case file, folder, link, other }

    /// What is at `path`, without following a symbolic link.
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The files under `folder` (relative paths), not entering symbolic links or hidden folders
    /// (the workspaces' `.build`), at most `depth` folders down.
    static func files(in folder: String, depth: Int = 6) -> [String] {
        var found: [String] = []
        var pending: [(String, Int)] = [("", 0)]
        while let (relative, level) = pending.popLast() {
            let here = relative.isEmpty ? folder : (folder as NSString).appendingPathComponent(relative)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: here)) ?? [] where !entry.hasPrefix(".") {
                let path = relative.isEmpty ? entry : (relative as NSString).appendingPathComponent(entry)
                switch kind((folder as NSString).appendingPathComponent(path)) {
                case .file, .link: found.append(path)   // a link is refused when it is read
                case .folder where level < depth: pending.append((path, level + 1))
                default: break
                }
            }
        }
        return found
    }

    /// The submission file inside a learner's folder: `progress.json` first, then any
    /// `.json`/`.yaml` file (searched depth first, sorted, so the choice is stable).
    static func submissionFile(in folder: String) -> String? {
        let files = files(in: folder).sorted()
        if let progress = files.first(where: { ($0 as NSString).lastPathComponent == "progress.json" }) {
            return (folder as NSString).appendingPathComponent(progress)
        }
        return files.first { extensions.contains(($0 as NSString).pathExtension.lowercased())
            && !($0 as NSString).lastPathComponent.hasPrefix(".") }
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Reads one file; a broken file gives a submission with `error` set.
    public static func read(file: String, learner: String?) -> Submission {
        let fallbackName = learner ?? learnerName(file)
        let data: Data
        switch SubmissionLimits.contents(of: file) {
        case let .success(read): data = read
        case let .failure(problem): return Submission(learner: fallbackName, source: file, error: problem.description)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Submission(learner: fallbackName, source: file, error: "\(file): not UTF-8 text")
        }
        let object: Any?
        do {
            if (file as NSString).pathExtension.lowercased() == "json" {
                guard YAMLBounds.bracketDepth(text) <= SubmissionLimits.depth else {
                    throw SubmissionLimitError("nested more than \(SubmissionLimits.depth) levels deep")
                }
                object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            } else {
                object = try SubmissionLimits.loadYAML(text)
            }
        } catch {
            return Submission(learner: fallbackName, source: file, error: "\(file): \(describe(error))")
        }
        guard let map = object as? [String: Any] else {
            return Submission(learner: fallbackName, source: file,
                              error: "\(file): expected a mapping of checkpoint ids to answers (or a progress file)")
        }
        if map["schema"] != nil, map["checkpoints"] != nil {
            return readProgress(data: data, file: file, learner: learner)
        }
        let name = (map["learner"] as? String) ?? fallbackName
        let answerMap = (map["answers"] as? [String: Any]) ?? map.filter { $0.key != "learner" }
        var answers: [String: SubmittedAnswer] = [:]
        for (id, value) in answerMap {
            guard let answer = answerText(value) else {
                return Submission(learner: name, source: file,
                                  error: "\(file): the answer to '\(id)' is not text, a number or a list")
            }
            if let problem = answerProblem(answer) {
                return Submission(learner: name, source: file, error: "\(file): the answer to '\(id)' \(problem)")
            }
            answers[id] = SubmittedAnswer(answer: answer)
        }
        return Submission(learner: name, source: file, answers: answers, declaredLearner: map["learner"] as? String)
    }

    /// Why an answer is not judged at all: too long, or nested too deep for the answer parser.
    static func answerProblem(_ answer: String) -> String? {
        if answer.utf8.count > SubmissionLimits.answerBytes {
            return "has \(answer.utf8.count) bytes, more than the \(SubmissionLimits.answerBytes >> 10) KB an answer may have"
        }
        if YAMLBounds.bracketDepth(answer) > SubmissionLimits.depth {
            return "is nested more than \(SubmissionLimits.depth) brackets deep"
        }
        return nil
    }

    private static func readProgress(data: Data, file: String, learner: String?) -> Submission {
        do {
            return read(progress: try ProgressStore.decodeProgress(data), source: file, learner: learner)
        } catch {
            return Submission(learner: learner ?? learnerName(file), source: file,
                              error: "\(file): not a valid progress file (\(describe(error)))")
        }
    }

    /// The answers of a learner's progress: per checkpoint the first right answer (else the
    /// last judged one), with the attempts, hints and solution views before it.
    public static func read(progress: LearnerProgress, source file: String, learner: String?) -> Submission {
        var answers: [String: SubmittedAnswer] = [:]
        for (id, record) in progress.checkpoints {
            let judged = record.attempts.filter(\.outcome.isAttempt)
            let firstDone = judged.firstIndex(where: \.outcome.isDone)
            guard let answer = firstDone.map({ judged[$0] }) ?? judged.last else { continue }
            if let problem = answerProblem(answer.answer) {
                return Submission(learner: learner ?? learnerName(file), source: file, error: "\(file): the answer to '\(id)' \(problem)")
            }
            let attempts = (firstDone ?? (judged.count - 1)) + 1
            var solutionFirst = false
            if record.solutionViewed {
                if let viewed = record.solutionViewedAt { solutionFirst = viewed <= answer.time } else { solutionFirst = true }
            }
            answers[id] = SubmittedAnswer(answer: answer.answer, attempts: attempts, hintsUsed: record.hintsUsed,
                                          solutionViewedFirst: solutionFirst, lessonHash: record.lessonHash,
                                          correctAt: firstDone.map { judged[$0].time },
                                          malformedAnswers: record.attempts.filter { $0.outcome == .malformed }.map(\.answer))
        }
        let name = learner ?? (progress.learner.isEmpty ? learnerName(file) : progress.learner)
        return Submission(learner: name, source: file, answers: answers,
                          declaredLearner: progress.learner.isEmpty ? nil : progress.learner,
                          course: progress.course.isEmpty ? nil : progress.course)
    }

    /// An answer value as the text a learner would type: strings as they are, numbers and
    /// lists as JSON-like text (`[[0, 2], [3, 0]]`).
    static func answerText(_ value: Any) -> String? {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return formatNumber(number)
        case let number as NSNumber: return number.stringValue
        case let list as [Any]:
            var parts: [String] = []
            for item in list {
                guard let text = answerText(item) else { return nil }
                parts.append(item is String ? "\"\(text)\"" : text)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        default: return nil
        }
    }

    private static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// The learner's name from a file name: `ada.yaml` → `ada`, `ada/progress.json` → `ada`.
    static func learnerName(_ path: String) -> String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if name == "progress" || name == "answers" {
            let parent = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            return parent.isEmpty ? name : parent
        }
        return name
    }

    public static func describe(_ error: Error) -> String {
        if let limit = error as? SubmissionLimitError { return limit.description }
        if let yaml = error as? YamlError { return "\(yaml)".split(separator: "\n").first.map(String.init) ?? "YAML error" }
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
                 .valueNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default: return "\(decoding)"
            }
        }
        let message = (error as NSError).localizedDescription
        return message.isEmpty ? "\(error)" : message
    }
}
