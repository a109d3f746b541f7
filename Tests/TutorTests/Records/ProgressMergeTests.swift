import Foundation
import Testing
@testable import Judging
@testable import Lessons
@testable import Records

/// Per-language progress files of an older tutor become the one file of the learner and course.
@Suite struct ProgressMergeTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// Writes `progress` where an older tutor kept the `lang` file.
    static func writeLegacy(_ progress: LearnerProgress, lang: String, in location: ProgressLocation) throws {
        let folder = location.folder + "/" + lang
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ProgressStore.makeEncoder().encode(progress).write(to: URL(fileURLWithPath: folder + "/progress.json"))
    }

    static func twoLanguages() -> (zh: LearnerProgress, en: LearnerProgress) {
        var zh = LearnerProgress(learner: "ada", course: "mlp", language: "zh")
        zh.recordAnswer("relu-by-hand", lesson: "02-relu", answer: "[[0, 1]]", outcome: .incorrect, now: t0)
        zh.recordAnswer("relu-by-hand", lesson: "02-relu", answer: "[[0, 0, 2], [3, 0, 0.5]]", outcome: .correct,
                        now: t0.addingTimeInterval(10))
        zh.recordHint("net-shape", lesson: "03-net", shown: 2, now: t0.addingTimeInterval(20))
        zh.recordSolution("net-shape", lesson: "03-net", now: t0.addingTimeInterval(25))
        zh.position = CoursePosition(lesson: "03-net", step: 1)
        var en = LearnerProgress(learner: "ada", course: "mlp", language: "en")
        // Later, in English: relu-by-hand answered wrong again (it stays done), net-shape answered.
        en.recordAnswer("relu-by-hand", lesson: "02-relu", answer: "[[9]]", outcome: .incorrect, now: t0.addingTimeInterval(100))
        en.recordHint("net-shape", lesson: "03-net", shown: 1, now: t0.addingTimeInterval(110))
        en.recordAnswer("net-shape", lesson: "03-net", answer: "(2, 10)", outcome: .correct, now: t0.addingTimeInterval(120))
        en.recordAnswer("loss-by-hand", lesson: "04-loss", answer: "0.5", outcome: .incorrect, now: t0.addingTimeInterval(130))
        en.position = CoursePosition(lesson: "04-loss", step: 2)
        return (zh, en)
    }

    @Test func mergingKeepsEveryAttemptAndTheNewestRecordWins() throws {
        let (zh, en) = Self.twoLanguages()
        let merged = try #require(LearnerProgress.merged([zh, en]))
        #expect(Set(merged.checkpoints.keys) == ["relu-by-hand", "net-shape", "loss-by-hand"])
        let relu = try #require(merged.checkpoints["relu-by-hand"])
        #expect(relu.attempts.map(\.answer) == ["[[0, 1]]", "[[0, 0, 2], [3, 0, 0.5]]", "[[9]]"])
        #expect(relu.status == .done)                    // done in Chinese stays done
        let net = try #require(merged.checkpoints["net-shape"])
        #expect(net.status == .done && net.hintsUsed == 2 && net.solutionViewed)
        #expect(net.solutionViewedAt == Self.t0.addingTimeInterval(25))
        #expect(net.firstSeen == Self.t0.addingTimeInterval(20))
        #expect(merged.position == CoursePosition(lesson: "04-loss", step: 2))   // the one saved last
        #expect(merged.language == "en")
        // The order of the files does not matter.
        #expect(LearnerProgress.merged([en, zh]) == merged)
    }

    @Test func theFirstLoadMergesThePerLanguageFilesAndKeepsThemAsBackups() throws {
        let state = ProgressStoreTests.temporaryState()
        let location = ProgressStoreTests.location(state)
        let (zh, en) = Self.twoLanguages()
        try Self.writeLegacy(zh, lang: "zh", in: location)
        try Self.writeLegacy(en, lang: "en", in: location)
        // Reading without the lock (tutor grade, list) sees the merge and changes nothing.
        let peeked = ProgressStore(location: location, language: .zh).peek()
        #expect(peeked.checkpoints.count == 3)
        #expect(!FileManager.default.fileExists(atPath: location.file))

        let store = ProgressStore(location: location, language: .zh)
        try store.lock()
        let (loaded, recovery) = try store.load()
        #expect(recovery == nil)
        #expect(loaded.checkpoints == LearnerProgress.merged([zh, en])?.checkpoints)
        #expect(store.mergedFiles == [location.folder + "/en/progress.json", location.folder + "/zh/progress.json"])
        for lang in ["en", "zh"] {
            let old = location.folder + "/\(lang)/progress.json"
            #expect(!FileManager.default.fileExists(atPath: old))
            #expect(FileManager.default.fileExists(atPath: ProgressLocation.mergedBackup(of: old)))
        }
        // Saved as the one file: the next load reads it and merges nothing again.
        let saved = try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
        #expect(saved.checkpoints == loaded.checkpoints)
        store.unlock()
        let again = ProgressStore(location: location)
        let (reloaded, _) = try again.load()
        #expect(again.mergedFiles.isEmpty && reloaded == saved)
    }

    @Test func aResetDoesNotBringTheMergedFilesBack() throws {
        let state = ProgressStoreTests.temporaryState()
        let location = ProgressStoreTests.location(state)
        try Self.writeLegacy(Self.twoLanguages().zh, lang: "zh", in: location)
        let store = ProgressStore(location: location)
        _ = try store.load()
        try store.delete()
        let (after, _) = try ProgressStore(location: location).load()
        #expect(after.checkpoints.isEmpty)
    }

    @Test func aDamagedPerLanguageFileGivesWhatCanBeRead() throws {
        let state = ProgressStoreTests.temporaryState()
        let location = ProgressStoreTests.location(state)
        try Self.writeLegacy(Self.twoLanguages().en, lang: "en", in: location)
        try FileManager.default.createDirectory(atPath: location.folder + "/zh", withIntermediateDirectories: true)
        try Data("{\"schema\": 1, \"checkpoints\": {\"x\": 3".utf8).write(to: URL(fileURLWithPath: location.folder + "/zh/progress.json"))
        let (loaded, _) = try ProgressStore(location: location).load()
        #expect(loaded.checkpoints.count == 3)
        #expect(FileManager.default.fileExists(atPath: location.folder + "/zh/progress.json.merged"))
    }
}
