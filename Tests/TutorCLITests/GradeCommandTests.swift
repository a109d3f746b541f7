import Foundation
import Testing
import Judging
import Lessons
import Records

/// `tutor grade` on the fixture course with the real checkpoint engine.
@Suite(.serialized) struct GradeCommandTests {
    /// A folder of submissions: YAML and JSON answers files, a broken file, and the progress
    /// folder of a learner who used the tutor.
    func makeSubmissions() throws -> String {
        let folder = TutorBinary.temporaryFolder("submissions")
        try """
            learner: ada
            answers:
              pick-relu: a
              pick-shape: "(784, 256)"
              relu-small: [[0, 2]]
              why-nonlinear: Stacked linear maps are one linear map.
            """.write(toFile: folder + "/ada.yaml", atomically: true, encoding: .utf8)
        try #"{"pick-relu": "b", "relu-small": "[[-1, 2]]", "pick-shape": "(784, 256"}"#
            .write(toFile: folder + "/bob.json", atomically: true, encoding: .utf8)
        try #"{"pick-relu": "a", "#.write(toFile: folder + "/carl.json", atomically: true, encoding: .utf8)
        // dan really used the tutor: wrong then right on pick-relu, then pick-shape right.
        let state = folder + "/dan"
        let run = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"],
                                      input: "c\na\nb\n")
        #expect(run.status == 0)
        return folder
    }

    func grade(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
                return try TutorBinary.run(["grade", "--lessons", TutorBinary.fixtureCourse, "--lang", "en"] + arguments)
    }

    @Test func aFolderOfSubmissionsIsGradedRowByRowInEveryFormat() throws {
        let folder = try makeSubmissions()
        let table = try grade([folder])
        #expect(table.status == 0)
        let rows = table.out.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix("ada") && $0.contains("4/4") && $0.contains("100.0") })
        #expect(rows.contains { $0.hasPrefix("bob") && $0.contains("0/4") && $0.contains("1 malformed") })
        #expect(rows.contains { $0.hasPrefix("carl") && $0.contains("BROKEN") && $0.contains("carl.json") })
        #expect(rows.contains { $0.hasPrefix("dan") && $0.contains("2/4") })   // a learner's folder is named for them
        #expect(table.out.contains("reflections count as completion"))

        let jsonFile = folder + "/../report-\(UUID().uuidString).json"
        let json = try grade([folder, "--format", "json", "--output", jsonFile])
        #expect(json.status == 0 && json.out.contains("BROKEN"))
        let report = try GradeJSON.decoder().decode(GradeReport.self, from: Data(contentsOf: URL(fileURLWithPath: jsonFile)))
        #expect(report.submissions.map(\.learner) == ["ada", "bob", "carl", "dan"])
        #expect(report.stamp.lessons.keys.sorted() == ["00-start", "01-nonlinear"])
        #expect(report.stamp.lessons["00-start"]?.count == 64)
        #expect(report.submissions[3].checkpoints.first { $0.id == "pick-relu" }?.attempts == 2)

        let csv = try grade([folder, "--format", "csv"])
        #expect(csv.out.hasPrefix("learner,source,checkpoint,lesson,outcome,points,max_points"))
        #expect(csv.out.contains("ada,") && csv.out.contains(",relu-small,01-nonlinear,correct,1,1,"))

        let junitFile = folder + "/../report-\(UUID().uuidString).xml"
        _ = try grade([folder, "--format", "junit", "--output", junitFile])
        let junit = try String(contentsOfFile: junitFile, encoding: .utf8)
        #expect(junit.contains(#"<testsuite name="carl" tests="1" failures="0" errors="1">"#))
        #expect(junit.contains(#"<testsuite name="bob" tests="4" failures="4" errors="0">"#))
    }

    @Test func partialCreditAndParallelGradingMatchOneByOne() throws {
        let folder = try makeSubmissions()
        let one = try grade([folder, "--partial", "--jobs", "1", "--format", "json"])
        let many = try grade([folder, "--partial", "--jobs", "4", "--format", "json"])
        #expect(one.status == 0 && many.status == 0)
        #expect(one.out == many.out)
        let report = try GradeJSON.decoder().decode(GradeReport.self, from: Data(one.out.utf8))
        // dan: pick-relu right on the second attempt keeps 75%; pick-shape on the first, 100%.
        #expect(report.submissions[3].points == 1.75)
    }

    @Test func gradingTheLearnersOwnProgressAndBadOptions() throws {
        let state = TutorBinary.temporaryFolder("own")
        let none = try grade(["--state", state])
        #expect(none.status == 2)
        #expect(none.err.contains("No progress yet"))
        _ = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"], input: "a\n")
        let own = try grade(["--state", state])
        #expect(own.status == 0)
        #expect(own.out.contains("tester") && own.out.contains("1/4"))
        let bad = try grade(["--format", "pdf"])
        #expect(bad.status != 0 && bad.err.contains("expected one of table, csv, json, junit"))
    }
    /// Without a sandbox (no `bwrap` in PATH) a code checkpoint is refused with the reason and
    /// the flag to use; `--unsafe-no-sandbox` lets it through to the code judge.
    @Test func codeCheckpointsAreRefusedWithoutASandboxUnlessUnsafeIsGiven() throws {
        let root = TutorBinary.temporaryFolder("no-sandbox")
        let course = root + "/course"
        try FileManager.default.copyItem(atPath: TutorBinary.fixtureCourse, toPath: course)
        try """
            # Code

            ```checkpoint relu-code
            expect: code
            function: relu
            cases:
              - X: [[-1.5, 0.0, 2.0]]
            prompt: Write relu.
            points: 2
            ```
            """.write(toFile: course + "/en/02-code.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/submissions/ada/ws", withIntermediateDirectories: true)
        try "relu-code: ws\n".write(toFile: root + "/submissions/ada/answers.yaml", atomically: true, encoding: .utf8)
        let noBubblewrap = TutorBinary.environment(["PATH": TutorBinary.temporaryFolder("empty-path")])
        func codeRow(_ flags: [String]) throws -> String {
            let run = try TutorBinary.run(["grade", "--lessons", course, "--lang", "en", "--format", "csv"] + flags
                                          + [root + "/submissions"], environment: noBubblewrap)
            #expect(run.status == 0, "\(run.err)")
            return run.out.split(separator: "\n").first { $0.contains(",relu-code,") }.map(String.init) ?? ""
        }
        let refused = try codeRow([])
        #expect(refused.contains(",malformed,0,2,"), "\(refused)")
        #expect(refused.contains("not graded: learner code cannot be sandboxed here (bubblewrap is not installed"), "\(refused)")
        #expect(refused.contains("--unsafe-no-sandbox"), "\(refused)")
        let unsafe = try codeRow(["--unsafe-no-sandbox"])
        #expect(!unsafe.contains("not graded"), "\(unsafe)")
        #expect(unsafe.contains("is not a tutor workspace"), "\(unsafe)")
    }

    @Test func anInstructorsFolderWithAHiddenCheckpointAndAChangedLesson() throws {
        let folder = try makeSubmissions()
        // The instructor's copy of the course has one more checkpoint the learners never saw.
        let instructor = TutorBinary.temporaryFolder("instructor")
        try FileManager.default.removeItem(atPath: instructor)
        try FileManager.default.copyItem(atPath: TutorBinary.fixtureCourse, toPath: instructor)
        let hidden = """

            ```checkpoint hidden-relu-zero
            call: relu
            args:
              X: [[0.0]]
            expect: number
            prompt: What is relu(0)?
            points: 2
            ```
            """
        let lesson = instructor + "/en/01-nonlinear.md"
        try (try String(contentsOfFile: lesson, encoding: .utf8) + hidden).write(toFile: lesson, atomically: true, encoding: .utf8)
        let result = try TutorBinary.run(["grade", folder, "--lessons", instructor, "--lang", "en", "--format", "json"])
        #expect(result.status == 0)
        let report = try GradeJSON.decoder().decode(GradeReport.self, from: Data(result.out.utf8))
        let ada = try #require(report.submissions.first { $0.learner == "ada" })
        #expect(ada.maxPoints == 6 && ada.points == 4)
        #expect(ada.checkpoints.first { $0.id == "hidden-relu-zero" }?.outcome == .missing)
        // dan answered in the tutor on the original lesson 00 (unchanged) only.
        let dan = try #require(report.submissions.first { $0.learner == "dan" })
        #expect(dan.checkpoints.allSatisfy { !$0.lessonChanged })
        // A changed lesson 00 is noticed for the answers given on it.
        let start = instructor + "/en/00-start.md"
        try (try String(contentsOfFile: start, encoding: .utf8) + "\nOne more sentence.\n").write(toFile: start, atomically: true, encoding: .utf8)
        let changed = try TutorBinary.run(["grade", folder + "/dan", "--lessons", instructor, "--lang", "en", "--format", "json"])
        let again = try GradeJSON.decoder().decode(GradeReport.self, from: Data(changed.out.utf8))
        #expect(again.submissions[0].checkpoints.filter(\.lessonChanged).map(\.id).sorted() == ["pick-relu", "pick-shape"])
        #expect(again.stamp.lessons["00-start"] != report.stamp.lessons["00-start"])
    }
}
