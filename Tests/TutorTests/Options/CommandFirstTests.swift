import Testing
@testable import tutor

/// Options before the command word: `tutor --lang zh open 3`.
@Suite struct CommandFirstTests {
    let commands: Set<String> = ["open", "list", "train"]

    @Test func optionsBeforeTheCommandGoAfterIt() {
        #expect(CommandFirst.arguments(["--lang", "zh", "open", "3"], commands: commands) == ["open", "--lang", "zh", "3"])
        #expect(CommandFirst.arguments(["--state", "/tmp/s", "--lang", "en", "list"], commands: commands)
                == ["list", "--state", "/tmp/s", "--lang", "en"])
    }

    @Test func everythingElseIsLeftAsItIs() {
        for arguments in [["open", "3", "--lang", "zh"], ["--lang", "zh"], ["lsit"], ["--lang", "zh", "lsit"],
                          ["--", "open"], ["--lang", "zh", "--", "open"], []] {
            #expect(CommandFirst.arguments(arguments, commands: commands) == arguments, "\(arguments)")
        }
    }

    @Test func theCommandsAreTutorsOwn() {
        #expect(CommandFirst.commands.isSuperset(of: ["learn", "open", "list", "train", "grade", "check"]))
        #expect(!CommandFirst.commands.contains("help"))
    }
}
