import Foundation
import TutorCore
import Yams

/// A course ready for the tutor: lessons to show, a judge for answers, what grading needs.
struct LoadedCourse {
    var course: TutorCourse
    var judge: AnswerJudge
    var gradedCheckpoints: [GradedCheckpoint]
    var stamp: GradeStamp
    /// SHA-256 of each lesson file, by lesson id.
    var lessonHashes: [String: String] { stamp.lessons }
}

/// Loads lessons (STAND-IN until the checkpoint engine lands: a line scanner and a judge that
/// only knows choices and reflections).
enum CourseLoader {
    static func defaultLessonsDirectory() -> String {
        if let env = ProcessInfo.processInfo.environment["TUTOR_LESSONS"], !env.isEmpty { return env }
        let here = FileManager.default.currentDirectoryPath + "/lessons"
        if FileManager.default.fileExists(atPath: here) { return here }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("lessons").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return "lessons"
    }

    static func load(directory: String, language: TutorLanguage) throws -> LoadedCourse {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw TutorFailure(TutorText.lessonsMissing.text(language, directory), code: 2)
        }
        let folder = directory + "/" + language.rawValue
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
        guard !files.isEmpty else { throw TutorFailure(TutorText.noLessons.text(language, folder), code: 2) }
        var lessons: [TutorLesson] = []
        var hashes: [String: String] = [:]
        var specs: [String: [String: Any]] = [:]
        for file in files {
            let path = folder + "/" + file
            let data = FileManager.default.contents(atPath: path) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            let id = String(file.dropLast(3))
            hashes[id] = SHA256.hex(data)
            var blocks: [TutorLessonBlock] = []
            var prose: [String] = []
            var title = id
            var fence: (id: String, body: [String])?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if var open = fence {
                    if line.hasPrefix("```") {
                        let yaml = (try? Yams.load(yaml: open.body.joined(separator: "\n"))) as? [String: Any] ?? [:]
                        specs[open.id] = yaml
                        blocks.append(.checkpoint(TutorCheckpoint(
                            id: open.id, expect: yaml["expect"] as? String ?? "reflection",
                            prompt: yaml["prompt"] as? String ?? "", hints: yaml["hints"] as? [String] ?? [],
                            choices: yaml["choices"] as? [String] ?? [], call: yaml["call"] as? String,
                            points: (yaml["points"] as? Double) ?? Double(yaml["points"] as? Int ?? 1))))
                        fence = nil
                    } else {
                        open.body.append(line)
                        fence = open
                    }
                    continue
                }
                if line.hasPrefix("```checkpoint ") {
                    if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"))); prose = [] }
                    fence = (String(line.dropFirst("```checkpoint ".count)).trimmingCharacters(in: .whitespaces), [])
                    continue
                }
                if title == id, line.hasPrefix("# ") { title = String(line.dropFirst(2)) }
                prose.append(line)
            }
            if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"))) }
            lessons.append(TutorLesson(id: id, title: title, blocks: blocks))
        }
        let course = TutorCourse(name: courseName(directory), language: language, lessons: lessons)
        let graded = lessons.flatMap { lesson in
            lesson.checkpoints.map { GradedCheckpoint(id: $0.id, lesson: lesson.id, points: $0.points, isReflection: $0.isReflection) }
        }
        let stamp = GradeStamp(library: "0", tutor: TutorInfo.version, lessons: hashes, seeds: [:])
        return LoadedCourse(course: course, judge: StandInJudge(specs: specs), gradedCheckpoints: graded, stamp: stamp)
    }

    /// The course's name in the progress folder: the lessons folder's name.
    static func courseName(_ directory: String) -> String {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let name = url.lastPathComponent
        return name == "lessons" ? "mlp-from-scratch" : name
    }
}

private struct StandInJudge: AnswerJudge, @unchecked Sendable {
    let specs: [String: [String: Any]]
    func judge(checkpoint id: String, answer: String, language: TutorLanguage, progress: JudgeProgress?) throws -> Judgement {
        let spec = specs[id] ?? [:]
        switch spec["expect"] as? String {
        case "reflection":
            return Judgement(outcome: .saved, lines: [], modelAnswer: spec["model_answer"] as? String)
        case "choice":
            let key = (spec["answer"] as? String ?? "").lowercased()
            let right = answer.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " ()")) == key
            return Judgement(outcome: right ? .correct : .incorrect, lines: [right ? "" : "not \(answer)"],
                             explain: spec["explain"] as? String, points: right ? 1 : 0)
        default:
            throw TutorFailure("the checkpoint engine has not landed yet")
        }
    }
    func solution(checkpoint id: String, language: TutorLanguage, progress: JudgeProgress?) throws -> String? {
        specs[id]?["answer"] as? String ?? specs[id]?["model_answer"] as? String
    }
}
