import Foundation
import Testing
import Judging
import Lessons
import Records
#if canImport(Glibc)
import Glibc
#endif

/// The progress file under a killed writer and a second tutor.
@Suite(.serialized) struct ProgressSafetyTests {
    @Test func aWriterKilledMidSaveLeavesEitherTheOldOrTheNewFile() throws {
                let state = TutorBinary.temporaryFolder("kill")
        let location = ProgressLocation(stateDirectory: state, learner: "writer", course: "stress")
        var lastRound = 0
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TutorBinary.path)
            process.arguments = ["debug-progress-writer", "--state", state]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Let it write for a varying while (so kills land at different points of a save).
            let deadline = Date().addingTimeInterval(5)
            while !FileManager.default.fileExists(atPath: location.file) && Date() < deadline { usleep(2_000) }
            usleep(UInt32(20_000 + attempt * 7_919 % 60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            // Whatever instant it died at, the file is a complete version.
            let data = try #require(FileManager.default.contents(atPath: location.file))
            let progress = try ProgressStore.decodeProgress(data)
            let round = Int(progress.position?.lesson.dropFirst("round-".count) ?? "") ?? -1
            #expect(round > 0)
            #expect(progress.position?.step == round)       // position and records from the same save
            #expect(progress.checkpoints.values.flatMap(\.attempts).count == round)
            // A restarted writer starts from round 1 again, so only check it advanced within a run.
            lastRound = round
        }
        #expect(lastRound > 0)
    }

    @Test func aSecondTutorOnTheSameStateRefusesWithAClearMessage() throws {
                let state = TutorBinary.temporaryFolder("lock")
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        // Hold the lock as a running tutor would.
        let holder = ProgressStore(location: location)
        try holder.lock()
        let started = Date()
        let result = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"], input: "a\n")
        #expect(result.status == 3)
        #expect(result.err.contains("Another tutor (pid \(getpid()))"))
        #expect(Date().timeIntervalSince(started) >= 1.5)    // it waited briefly first
        #expect(!FileManager.default.fileExists(atPath: location.file))

        let chinese = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "zh"], input: "")
        #expect(chinese.status == 3)                         // one progress for every language
        holder.unlock()
        let after = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"], input: "a\n")
        #expect(after.status == 0)
        #expect(after.out.contains("✔ correct"))
    }

    /// A lock file that cannot be opened (here a folder in its place) is reported as a lock
    /// problem naming the lock file, not as a failure to save.
    @Test func aLockFileThatCannotBeOpenedIsReportedAsALockProblem() throws {
        let state = TutorBinary.temporaryFolder("lock-folder")
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        try FileManager.default.createDirectory(atPath: location.lockFile, withIntermediateDirectories: true)
        let result = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"], input: "a\n")
        #expect(result.status == 1)
        #expect(result.err.contains("Could not lock the progress with \(location.lockFile)"), "\(result.err)")
        #expect(!result.err.contains("save progress"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: location.file))
    }

    @Test func aDamagedFileIsKeptAsideAndTheLearnerIsTold() throws {
                let state = TutorBinary.temporaryFolder("damaged")
        let first = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"], input: "a\n")
        #expect(first.status == 0)
        let location = ProgressLocation(stateDirectory: state, learner: "tester", course: "course")
        try Data("{\"schema\": 1, \"checkpoints\": {\"pick-relu\": ".utf8).write(to: URL(fileURLWithPath: location.file))
        let second = try TutorBinary.run(["--lessons", TutorBinary.fixtureCourse, "--state", state, "--lang", "en"], input: "")
        #expect(second.status == 0)
        #expect(second.err.contains("was damaged; it was kept as \(location.file).damaged-"))
        #expect(second.err.contains("Recovered 1 checkpoint records"))   // from the backup of the previous save
        let kept = try FileManager.default.contentsOfDirectory(atPath: location.folder).filter { $0.contains(".damaged-") }
        #expect(kept.count == 1)
        let recovered = try ProgressStore.decodeProgress(try #require(FileManager.default.contents(atPath: location.file)))
        #expect(recovered.isDone("pick-relu"))
    }
}
