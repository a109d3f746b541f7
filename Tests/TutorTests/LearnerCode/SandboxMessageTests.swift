import Foundation
import Testing
@testable import Judging
@testable import LearnerCode
@testable import Lessons

/// How a run ended is told from what happened, not from words the code printed.
@Suite struct SandboxMessageTests {
    let limits = SandboxLimits(seconds: 10, memoryBytes: 512 << 20, outputBytes: 1 << 20)

    @Test func outOfMemoryWordsThenExitAreAnExitNotOutOfMemory() {
        let r = Sandbox.run("/bin/sh", ["-c", "echo 'fatal error: Could not allocate memory' >&2; exit 1"], limits: limits)
        #expect(r.outcome == .exited(1))
        #expect(r.summary == "exited with status 1")
    }

    @Test func childThatLeftTheProcessGroupDoesNotTurnAnExitIntoATimeout() {
        var short = limits
        short.seconds = 2
        // Unsandboxed: the detached sleep keeps the output pipes open after the shell exits.
        let r = Sandbox.run("/bin/sh", ["-c", "setsid sleep 4 & echo done"], limits: short)
        #expect(r.outcome == .exited(0))
        #expect(r.stdoutText == "done\n")
        #expect(r.seconds < 1.5)
    }
}
