import Foundation
import Testing

/// `tutor watch` on a pseudo-terminal: its keys act while a check runs, and a save starts the
/// check again. Nothing here waits for a workspace build to finish.
@Suite(.serialized) struct WatchKeysTests {
    @Test func keysActDuringACheckAndASaveStartsItAgain() throws {
        let folder = TutorBinary.temporaryFolder("watch")
        let workspace = folder + "/ws"
        let made = try TutorBinary.run(["init", workspace])
        #expect(made.status == 0, "\(made.err)")
        let tty = try PseudoTerminal(arguments: ["watch", "--lessons", TutorBinary.packageRoot + "/lessons", "--lang", "en",
                                                 "--workspace", workspace, "--interval", "0.1"],
                                     environment: TutorBinary.environment(), columns: 60)
        #expect(tty.waitFor("── relu-code (1/"))
        var mark = tty.mark
        tty.type("h")
        #expect(tty.waitFor("Hint 1/", after: mark))
        mark = tty.mark
        tty.type("l")
        #expect(tty.waitFor("▶ · relu-code", after: mark))
        #expect(tty.waitFor("· net-code", after: mark))
        mark = tty.mark
        // A save while the check runs: it stops and starts again.
        let source = workspace + "/Sources/Exercises/Relu.swift"
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: source)
        #expect(tty.waitFor("── relu-code (1/", after: mark))
        mark = tty.mark
        tty.type("n")
        #expect(tty.waitFor("── net-code (2/", after: mark))
        mark = tty.mark
        tty.type("c")                                      // check again: the same exercise from the start
        #expect(tty.waitFor("── net-code (2/", after: mark))
        mark = tty.mark
        tty.type("q")
        #expect(tty.waitFor("bye.", after: mark))
        #expect(tty.waitForExit() == 0)
    }
}
