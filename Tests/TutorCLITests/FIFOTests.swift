import Foundation
import Testing
import Records
#if canImport(Glibc)
import Glibc
#endif

/// Wherever the tutor reads a path it was handed, a FIFO is refused at once, its path named;
/// it is never opened to wait for a writer (which would hang the command forever).
@Suite struct FIFOTests {
    let folder = TutorBinary.temporaryFolder("fifo")

    /// Makes FIFOs at `paths` and runs `body`. Should anything still wait on one after 20 s, a
    /// writer opens and closes it (again and again) so the test ends, and the wait is a failure.
    func withFIFOs<T>(_ paths: [String], _ body: () throws -> T) rethrows -> T {
        for path in paths { precondition(mkfifo(path, 0o600) == 0, "mkfifo \(path)") }
        let watchdog = FIFOWatchdog(paths)
        Thread.detachNewThread { watchdog.watch() }
        defer {
            watchdog.finished.signal()
            watchdog.stopped.wait()
            #expect(!watchdog.hadToWrite, "the tutor waited for a writer on a FIFO of \(paths)")
        }
        return try body()
    }

    @Test func showRefusesAFIFO() throws {
        let fifo = folder + "/lesson.md"
        let output = try withFIFOs([fifo]) { try TutorBinary.run(["show", fifo]) }
        #expect(output.status == 2)
        #expect(output.err == "tutor show: \(fifo): cannot read it (a FIFO (named pipe), not a regular file)\n")
    }

    @Test func trainRefusesADataSetOfFIFOs() throws {
        let names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
        let output = try withFIFOs(names.map { folder + "/" + $0 }) {
            try TutorBinary.run(["train", "--data", folder, "--epochs", "1"])
        }
        #expect(output.status == 2)
        #expect(output.err.contains("-ubyte: cannot read the file: a FIFO (named pipe), not a regular file"), "\(output.err)")
    }

    @Test func checkRefusesAnAnswerFileThatIsAFIFO() throws {
        let fifo = folder + "/answer.json"
        let lessons = TutorBinary.packageRoot + "/Tests/TutorTests/Fixtures/course"
        let output = try withFIFOs([fifo]) {
            try TutorBinary.run(["check", "relu-by-hand", "--answer-file", fifo, "--lessons", lessons])
        }
        #expect(output.status == 2)
        #expect((output.out + output.err).contains("cannot read the answer file \(fifo): a FIFO (named pipe), not a regular file"),
                "\(output.out) \(output.err)")
    }

    @Test func lintRefusesALessonThatIsAFIFO() throws {
        try FileManager.default.createDirectory(atPath: folder + "/en", withIntermediateDirectories: true)
        let fifo = folder + "/en/01-pipe.md"
        let output = try withFIFOs([fifo]) { try TutorBinary.run(["lint", folder]) }
        #expect(output.status != 0)
        #expect((output.out + output.err).contains(fifo), "\(output.out) \(output.err)")
    }

    @Test func gradeMergeRefusesAPartialReportThatIsAFIFO() throws {
        let fifo = folder + "/part-0.json"
        let output = try withFIFOs([fifo]) { try TutorBinary.run(["grade", "merge", fifo]) }
        #expect(output.status == 2)
        #expect(output.err.contains("\(fifo): cannot read the partial report (a FIFO (named pipe), not a regular file)"), "\(output.err)")
    }

    @Test func aProgressFileThatIsAFIFOIsAnErrorNotAnEmptyStart() throws {
        let location = ProgressLocation(stateDirectory: folder, learner: "ada", course: "mlp")
        try FileManager.default.createDirectory(atPath: location.folder, withIntermediateDirectories: true)
        withFIFOs([location.file]) {
            #expect(throws: ProgressStoreError.io(path: location.file, message: "a FIFO (named pipe), not a regular file")) {
                try ProgressStore(location: location).load()
            }
            #expect(ProgressStore(location: location).peek().checkpoints.isEmpty)
        }
    }
}

/// Opens for writing, once `finished` has not come within 20 s, every FIFO something waits on.
private final class FIFOWatchdog: @unchecked Sendable {
    let paths: [String]
    let finished = DispatchSemaphore(value: 0)
    let stopped = DispatchSemaphore(value: 0)
    private(set) var hadToWrite = false

    init(_ paths: [String]) { self.paths = paths }

    func watch() {
        defer { stopped.signal() }
        if finished.wait(timeout: .now() + 20) == .success { return }
        while finished.wait(timeout: .now() + 0.1) == .timedOut {
            for path in paths {
                // Without a reader waiting, the open fails at once (ENXIO).
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { hadToWrite = true; close(fd) }
            }
        }
    }
}
