#if os(Linux)
import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons

/// Attacks on the sandbox with /bin/sh one-liners (nothing is built). scripts/install-deps.sh
/// installs bubblewrap, so a machine without a working one fails here rather than skipping.
@Suite struct SandboxIsolationTests {
    let limits = SandboxLimits(seconds: 10, memoryBytes: 512 << 20, outputBytes: 1 << 20)

    func isolated(_ script: String, readOnly: [String] = [], directory: String? = nil, processes: Int = 64,
                  environment: [String: String] = [:]) -> SandboxResult {
        Sandbox.run("/bin/sh", ["-c", script], directory: directory, environment: environment,
                    isolation: SandboxIsolation(readOnly: readOnly, processes: processes), limits: limits)
    }

    @Test func bubblewrapWorksOnThisMachine() {
        guard case .bubblewrap = SandboxIsolation.availability else {
            Issue.record("no sandbox: \(SandboxIsolation.availability)")
            return
        }
        let r = isolated("echo inside")
        #expect(r.outcome == .exited(0))
        #expect(r.stdoutText == "inside\n")
        #expect(r.notIsolated == nil)
    }

    @Test func detachedChildDoesNotOutliveTheRun() throws {
        let tag = "300.\(Int.random(in: 100_000...999_999))"
        // The pause lets setsid leave the process group before the shell exits.
        let r = isolated("setsid sleep \(tag) </dev/null >/dev/null 2>&1 & sleep 0.5; echo started")
        #expect(r.outcome == .exited(0))
        #expect(r.stdoutText == "started\n")
        // The kernel ends the sandbox's processes with it; allow a moment for the teardown.
        var alive = Self.processes(withArgument: tag)
        for _ in 0..<20 where !alive.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            alive = Self.processes(withArgument: tag)
        }
        #expect(alive.isEmpty, "still running: \(alive)")
        for pid in alive { kill(pid, SIGKILL) }
    }

    @Test func codeCannotReachTheTutorsProcess() {
        let tutor = getpid()
        let r = isolated("kill -0 \(tutor) 2>/dev/null && echo REACHED; echo PARENT $PPID")
        #expect(!r.stdoutText.contains("REACHED"))
        // Its parent is the sandbox's own init, which ignores signals from inside.
        #expect(r.stdoutText.contains("PARENT 1\n"))
    }

    @Test func writesOutsideThePrivateTmpFail() throws {
        try withTemporaryDirectory("tutor-sandbox") { host in
            let workspace = host.appendingPathComponent("workspace")
            try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
            let hostTmpName = "/tmp/tutor-sandbox-\(UUID().uuidString)"
            let r = isolated("""
                echo x > \(host.path)/outside; echo x > \(workspace.path)/inside; echo x > \(hostTmpName) && echo TMP-WRITTEN
                """, readOnly: [workspace.path], directory: workspace.path)
            #expect(r.stdoutText == "TMP-WRITTEN\n", "\(r.stderrText)")
            #expect(!FileManager.default.fileExists(atPath: host.appendingPathComponent("outside").path))
            #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("inside").path))
            #expect(!FileManager.default.fileExists(atPath: hostTmpName))
        }
    }

    @Test func environmentHomeProgressAndCacheAreOutOfSight() throws {
        try withTemporaryDirectory("tutor-sandbox") { host in
            let progress = host.appendingPathComponent("progress.json")
            let cache = host.appendingPathComponent("cache/tutor/reference.npy")
            try FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "{}".write(to: progress, atomically: true, encoding: .utf8)
            try "x".write(to: cache, atomically: true, encoding: .utf8)
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            let r = isolated("""
                env; for f in \(progress.path) \(cache.path); do cat "$f" >/dev/null 2>&1 && echo "READ $f"; done
                ls "\(home)" >/dev/null 2>&1 && echo LISTED-HOME; true
                """, environment: ["OPENBLAS_NUM_THREADS": "1"])
            #expect(r.outcome == .exited(0))
            let names = Set(r.stdoutText.split(separator: "\n").compactMap { line in
                line.contains("=") ? String(line.prefix { $0 != "=" }) : nil
            })
            #expect(names.isSubset(of: ["PATH", "PWD", "OPENBLAS_NUM_THREADS"]), "\(names)")
            #expect(!r.stdoutText.contains("READ "))
            #expect(!r.stdoutText.contains("LISTED-HOME"))
        }
    }

    @Test func standardInputIsAFileWithNoNameLeft() {
        let r = Sandbox.run("/bin/sh", ["-c", "cat; readlink /proc/self/fd/0"], input: Data("the cases\n".utf8),
                            isolation: SandboxIsolation(readOnly: []), limits: limits)
        let lines = r.stdoutText.split(separator: "\n")
        #expect(lines.first == "the cases")
        #expect(lines.last?.hasSuffix("(deleted)") == true, "\(r.stdoutText)")
    }

    @Test func forkBombStopsAtTheProcessLimit() {
        let r = isolated("i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); echo $i; done", processes: 20)
        let started = r.stdoutText.split(separator: "\n").compactMap { Int($0) }.max() ?? 0
        #expect(started > 0)
        #expect(started < 20, "started \(started) processes")
        #expect(r.outcome != .timedOut)
    }

    @Test func withoutBubblewrapTheRunGoesOnWithAOneLineWarning() {
        let missing = SandboxIsolation.probe(bwrap: nil)
        guard case let .unavailable(reason) = missing else {
            Issue.record("expected no sandbox without bwrap, got \(missing)")
            return
        }
        #expect(reason.contains("bubblewrap is not installed"))
        let r = Sandbox.run("/bin/sh", ["-c", "echo ran"], isolation: SandboxIsolation(readOnly: []),
                            availability: missing, limits: limits)
        #expect(r.outcome == .exited(0))
        #expect(r.stdoutText == "ran\n")
        #expect(r.notIsolated == reason)
        let warning = SandboxIsolation.warning(reason)
        #expect(warning.hasPrefix("warning: learner code runs without a sandbox"))
        #expect(!warning.contains("\n"))
    }

    /// PIDs of the host's processes with `argument` on their command line.
    static func processes(withArgument argument: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let args = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return args.contains(argument) ? pid : nil
        }
    }
}
#endif
