import Foundation
import Testing

/// Command lines at their edges: a data folder that is not there, settings that train
/// nothing, negative numbers, `--lang` everywhere, help text, `tutor show` on a lesson.
struct CommandLineEdgeTests {
    @Test(arguments: ["train", "predict", "sweep"])
    func aDataFolderWithoutTheDataSetFailsNamingIt(command: String) throws {
        let output = try TutorBinary.run([command, "--data", "/nonexistent/fmnist", "--epochs", "1"])
        #expect(output.status == 2)
        #expect(output.err.contains("/nonexistent/fmnist: no such directory"), "\(output.err)")
        #expect(output.out.isEmpty)
    }

    @Test(arguments: ["train", "predict", "sweep"])
    func theDataErrorSpeaksTheLanguageAsked(command: String) throws {
        let output = try TutorBinary.run([command, "--lang", "zh", "--data", "/nonexistent/fmnist"])
        #expect(output.status == 2)
        #expect(output.err.contains("/nonexistent/fmnist：no such directory；Fashion-MNIST 文件夹里必须有"), "\(output.err)")
    }

    @Test func zeroEpochsIsRefused() throws {
        let output = try TutorBinary.run(["train", "--epochs", "0"])
        #expect(output.status != 0)
        #expect(output.err.contains("--epochs must be at least 1, got 0"), "\(output.err)")
    }

    @Test(arguments: ["train", "sweep"])
    func aNegativeLearningRateIsRefusedWithItsValue(command: String) throws {
        let output = try TutorBinary.run([command, "--lr", "-0.1"])
        #expect(output.status != 0)
        #expect(!output.err.contains("Missing value"), "\(output.err)")
        #expect(output.err.contains("-0.1"), "\(output.err)")
        #expect(output.err.contains("positive"), "\(output.err)")
    }

    @Test func aMistypedCommandIsNamedWithTheClosestOne() throws {
        let output = try TutorBinary.run(["lsit"])
        #expect(output.status == 2)
        #expect(output.err.contains("unknown command 'lsit'; did you mean 'list'?"), "\(output.err)")
        #expect(!output.err.contains("USAGE") && !output.err.contains("Usage"))
        let far = try TutorBinary.run(["xyzzy"])
        #expect(far.status == 2)
        #expect(far.err.contains("unknown command 'xyzzy'") && !far.err.contains("did you mean"), "\(far.err)")
    }

    @Test func optionsBeforeTheCommandWordAreTakenAsTheCommandsOwn() throws {
        let before = try TutorBinary.run(["--lang", "zh", "list"])
        let after = try TutorBinary.run(["list", "--lang", "zh"])
        #expect(before.status == 0, "\(before.err)")
        #expect(before.out == after.out && !before.out.isEmpty)
        #expect(!before.err.contains("unknown command"), "\(before.err)")
    }

    @Test func helpParagraphsAreWrappedByTheWidthNotBySourceLines() throws {
        let output = try TutorBinary.run(["help", "grade", "run"], environment: TutorBinary.environment(["COLUMNS": "200"]))
        #expect(output.status == 0)
        // One paragraph: the sentence that spanned two source lines is on one line.
        #expect(output.out.contains("an answers file mapping checkpoint ids to answers, in JSON or YAML"), "\(output.out)")
    }

    /// Every shell the README's completion section names gets a script that knows the commands.
    @Test func theREADMEsCompletionCommandsWork() throws {
        let readme = try String(contentsOfFile: TutorBinary.packageRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Shell completion").dropFirst().first)
        let shells = ["bash", "zsh", "fish"].filter { section.contains("--generate-completion-script \($0)") }
        #expect(shells.count == 3)
        for shell in shells {
            let output = try TutorBinary.run(["--generate-completion-script", shell])
            #expect(output.status == 0)
            #expect(output.out.contains("watch") && output.out.contains("sweep"), "\(shell)")
        }
    }

    @Test func initsHelpSaysItsDefaultOnce() throws {
        let output = try TutorBinary.run(["help", "init"], environment: TutorBinary.environment(["COLUMNS": "200"]))
        let line = try #require(output.out.split(separator: "\n").first { $0.contains("Where to create it") })
        #expect(line.components(separatedBy: "default").count == 2, "\(line)")
    }

    @Test func showDrawsALessonsCheckpointsAsTheCourseDoesWithoutTheirAnswers() throws {
        let output = try TutorBinary.run(["show", "--no-pager", "--width", "60", TutorBinary.fixtureCourse + "/en/00-start.md"])
        #expect(output.status == 0, "\(output.err)")
        #expect(output.out.contains("╭─ ▶ checkpoint pick-relu"), "\(output.out)")
        #expect(output.out.contains("a) max(x, 0)"))
        #expect(output.out.contains("Line 30 of a long"))
        #expect(output.out.contains("A short paragraph between the two checkpoints."))
        #expect(!output.out.contains("explain"))
        #expect(!output.out.contains("element by element"))
        #expect(!output.out.contains("answer: a"))
        for line in output.out.split(separator: "\n") { #expect(line.count <= 60, "too wide: \(line)") }
    }

    @Test func showNamesCheckpointsInTheLanguageOfTheLessonsFolder() throws {
        let output = try TutorBinary.run(["show", "--no-pager", TutorBinary.fixtureCourse + "/zh/00-start.md"])
        #expect(output.out.contains("检查点 pick-relu"), "\(output.out)")
    }
}
