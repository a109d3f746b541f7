import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons
@testable import Records
@testable import TerminalUI

@Suite struct ProgressStoreTests {
    /// A fresh state folder for one test.
    static func temporaryState() -> String {
        let path = NSTemporaryDirectory() + "tutor-state-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func location(_ state: String) -> ProgressLocation {
        ProgressLocation(stateDirectory: state, learner: "ada", course: "mlp")
    }

    static func sampleProgress() -> LearnerProgress {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        var progress = LearnerProgress(learner: "ada", course: "mlp", language: "en")
        progress.recordAnswer("relu-by-hand", lesson: "02-relu", answer: "[[0, 1]]", outcome: .incorrect,
                              summary: "expected shape [2, 3], got [1, 2]", now: t0)
        progress.recordHint("relu-by-hand", lesson: "02-relu", shown: 1, now: t0.addingTimeInterval(5))
        progress.recordAnswer("relu-by-hand", lesson: "02-relu", answer: "[[0, 0, 2], [3, 0, 0.5]]",
                              outcome: .correct, now: t0.addingTimeInterval(30))
        progress.recordAnswer("why-relu", lesson: "02-relu", answer: "非线性", outcome: .saved,
                              now: t0.addingTimeInterval(60))
        progress.recordAnswer("net-shape", lesson: "03-net", answer: "(1, 10", outcome: .malformed,
                              now: t0.addingTimeInterval(90))
        progress.recordAnswer("net-shape", lesson: "03-net", answer: "(2, 10)", outcome: .incorrect,
                              now: t0.addingTimeInterval(95))
        progress.recordSolution("net-shape", lesson: "03-net", now: t0.addingTimeInterval(100))
        progress.recordSkip("loss-stable", lesson: "04-loss", now: t0.addingTimeInterval(120))
        progress.position = CoursePosition(lesson: "04-loss", step: 1)
        return progress
    }

    @Test func aSavedProgressLoadsBackEqual() throws {
        let state = Self.temporaryState()
        let store = ProgressStore(location: Self.location(state))
        let progress = Self.sampleProgress()
        try store.save(progress)
        let (loaded, recovery) = try ProgressStore(location: Self.location(state)).load()
        #expect(recovery == nil)
        #expect(loaded == progress)
        let relu = try #require(loaded.checkpoints["relu-by-hand"])
        #expect(relu.status == .done && relu.attemptCount == 2 && relu.hintsUsed == 1 && !relu.solutionViewed)
        let shape = try #require(loaded.checkpoints["net-shape"])
        #expect(shape.status == .attempted && shape.attemptCount == 1 && shape.solutionViewed)
        #expect(loaded.checkpoints["why-relu"]?.status == .done)
        #expect(loaded.checkpoints["loss-stable"]?.status == .skipped)
        #expect(loaded.position == CoursePosition(lesson: "04-loss", step: 1))
    }

    @Test func learnersHaveSeparateFilesAndLanguagesShareOne() throws {
        let state = Self.temporaryState()
        try ProgressStore(location: Self.location(state), language: .zh).save(Self.sampleProgress())
        let (english, _) = try ProgressStore(location: Self.location(state), language: .en).load()
        #expect(english.checkpoints == Self.sampleProgress().checkpoints)
        #expect(Self.location(state).file == state + "/ada/mlp/progress.json")
        let other = ProgressLocation(stateDirectory: state, learner: "../bob", course: "mlp")
        #expect(other.folder.hasPrefix(state + "/"))
        #expect(!other.folder.contains(".."))
    }

    @Test func aMissingFileIsAnEmptyStart() throws {
        let (progress, recovery) = try ProgressStore(location: Self.location(Self.temporaryState())).load()
        #expect(progress.checkpoints.isEmpty && progress.position == nil && recovery == nil)
    }

    @Test func aTruncatedFileIsKeptAsideAndThePreviousSaveRecovered() throws {
        let state = Self.temporaryState()
        let location = Self.location(state)
        let store = ProgressStore(location: location)
        var first = Self.sampleProgress()
        try store.save(first)
        first.recordAnswer("loss-stable", lesson: "04-loss", answer: "2.3", outcome: .correct,
                           now: Date(timeIntervalSince1970: 1_790_000_500))
        try store.save(first)
        // Damage the current file: cut it in half.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: location.file))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: location.file))

        let (loaded, recovery) = try ProgressStore(location: location).load()
        let report = try #require(recovery)
        #expect(report.fromBackup)
        #expect(report.keptAs.hasPrefix(location.file + ".damaged-"))
        #expect(FileManager.default.fileExists(atPath: report.keptAs))
        #expect(!FileManager.default.fileExists(atPath: location.file))
        // The backup is the save before the last one.
        #expect(loaded.checkpoints == Self.sampleProgress().checkpoints)
        #expect(report.recoveredRecords == 4)
    }

    @Test func twoDamagedFilesInOneSecondAreBothKept() throws {
        let state = Self.temporaryState()
        let location = Self.location(state)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        var kept: [String] = []
        for damage in ["{ first", "{ second"] {
            try damage.write(toFile: location.file, atomically: true, encoding: .utf8)
            let (_, recovery) = try ProgressStore(location: location).load(now: now)
            kept.append(try #require(recovery).keptAs)
        }
        #expect(kept[0] != kept[1])
        #expect(try String(contentsOfFile: kept[0], encoding: .utf8) == "{ first")
        #expect(try String(contentsOfFile: kept[1], encoding: .utf8) == "{ second")
    }

    @Test func readableRecordsOfADamagedFileAreRecovered() throws {
        let state = Self.temporaryState()
        let location = Self.location(state)
        try ProgressStore(location: location).save(Self.sampleProgress())
        // Break one record (a wrong type) and the position; the rest must survive.
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: location.file))) as! [String: Any]
        var records = object["checkpoints"] as! [String: Any]
        records["net-shape"] = ["lesson": 42]
        object["checkpoints"] = records
        object["position"] = "nowhere"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: location.file))

        let (loaded, recovery) = try ProgressStore(location: location).load()
        let report = try #require(recovery)
        #expect(!report.fromBackup)
        #expect(report.recoveredRecords == 3)
        #expect(Set(loaded.checkpoints.keys) == ["relu-by-hand", "why-relu", "loss-stable"])
        #expect(loaded.checkpoints["relu-by-hand"] == Self.sampleProgress().checkpoints["relu-by-hand"])
        #expect(loaded.position == nil)
    }

    @Test func garbageWithoutBackupStartsEmptyButKeepsTheFile() throws {
        let state = Self.temporaryState()
        let location = Self.location(state)
        try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        try Data("\u{0}\u{1}not json at all".utf8).write(to: URL(fileURLWithPath: location.file))
        let (loaded, recovery) = try ProgressStore(location: location).load()
        let report = try #require(recovery)
        #expect(loaded.checkpoints.isEmpty && report.recoveredRecords == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: report.keptAs)) == Data("\u{0}\u{1}not json at all".utf8))
    }

    @Test func aFileFromANewerTutorIsRefusedAndLeftAlone() throws {
        let state = Self.temporaryState()
        let location = Self.location(state)
        try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        let text = #"{"schema": 99, "learner": "ada", "course": "mlp", "language": "en", "checkpoints": {}, "future": true}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: location.file))
        #expect(throws: ProgressStoreError.newerFormat(path: location.file, schema: "99")) {
            _ = try ProgressStore(location: location).load()
        }
        #expect(try String(contentsOfFile: location.file, encoding: .utf8) == text)
    }

    @Test func aSchemaTooLargeForAnIntIsANewerFormatNotDamage() throws {
        let state = Self.temporaryState()
        let location = Self.location(state)
        try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        let text = #"{"schema": 99999999999999999999999, "learner": "ada", "course": "mlp", "language": "en", "checkpoints": {}}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: location.file))
        do {
            _ = try ProgressStore(location: location).load()
            Issue.record("a file of schema 99999999999999999999999 was loaded")
        } catch let error as ProgressStoreError {
            guard case .newerFormat(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == location.file)
            #expect(error.description.contains("was written by a newer tutor"))
        }
        #expect(try String(contentsOfFile: location.file, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: location.folder).allSatisfy { !$0.contains(".damaged-") })
    }

    @Test func aSecondStoreOnTheSameStateIsRefusedWhileTheFirstHoldsTheLock() throws {
        let state = Self.temporaryState()
        let first = ProgressStore(location: Self.location(state))
        try first.lock()
        let second = ProgressStore(location: Self.location(state))
        var waited = false
        #expect(throws: ProgressStoreError.locked(pid: getpid(), path: Self.location(state).folder)) {
            try second.lock(wait: 0.3, onWait: { waited = true })
        }
        #expect(waited)
        // Another language is the same file, so it is blocked too.
        #expect(throws: ProgressStoreError.self) { try ProgressStore(location: Self.location(state), language: .zh).lock() }
        first.unlock()
        try second.lock()
        #expect(second.isLocked)
    }

    @Test func theLockMessageSpeaksTheLearnersLanguage() {
        let error = ProgressStoreError.locked(pid: 123, path: "/s")
        #expect(error.message(.en).contains("123") && error.message(.en).contains("Another tutor"))
        #expect(error.message(.zh).contains("另一个 tutor"))
    }

    @Test func resetRemovesOneLessonOrEverything() {
        var progress = Self.sampleProgress()
        let removedLesson = progress.reset(lesson: "02-relu")
        #expect(removedLesson == 2)
        #expect(Set(progress.checkpoints.keys) == ["net-shape", "loss-stable"])
        let removedAll = progress.reset()
        #expect(removedAll == 2)
        #expect(progress.checkpoints.isEmpty && progress.position == nil)
    }

    @Test func theStateFolderFollowsFlagsThenXDGThenHome() {
        #expect(ProgressLocation.stateRoot(explicit: "/tmp/s", environment: ["XDG_STATE_HOME": "/x"]) == "/tmp/s")
        #expect(ProgressLocation.stateRoot(explicit: nil, environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/x/tutor")
        #expect(ProgressLocation.stateRoot(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/state/tutor")
        // A relative XDG_STATE_HOME is invalid by the spec and ignored.
        #expect(ProgressLocation.stateRoot(explicit: nil, environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]) == "/h/.local/state/tutor")
    }
}
