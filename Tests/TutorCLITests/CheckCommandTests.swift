import Foundation
import Testing

/// The checkpoint fixtures of the judging tests.
private let lessons = TutorBinary.packageRoot + "/Tests/TutorTests/Fixtures/course"
private let badLessons = TutorBinary.packageRoot + "/Tests/TutorTests/Fixtures/badcourse"
private let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-cli-cache-\(getpid())").path

private func tutor(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try TutorBinary.run(arguments, environment: TutorBinary.environment(["XDG_CACHE_HOME": cacheDir]))
}

@Test func checkExitCodes() throws {
    let cases: [([String], Int32, String)] = [
        (["check", "relu-by-hand", "--answer", "[[0, 0, 2], [3, 0, 0.5]]"], 0, "correct"),
        (["check", "relu-by-hand", "--answer", "[[-1.5, 0, 2], [3, -0.25, 0.5]]"], 1, "negatives were kept"),
        (["check", "relu-by-hand", "--answer", "[[0, 0, 2], [3, 0,, 0.5]]"], 2, "column 19"),
        (["check", "no-such-id", "--answer", "1"], 2, "no checkpoint 'no-such-id'"),
        (["check", "w1-shape", "--answer", "torch.Size([784, 256])"], 0, "correct"),
        (["check", "count-params", "--answer", "203264", "--lang", "zh"], 1, "Count the biases too."),
        (["check", "reflect", "--answer", "because"], 0, "Model answer"),
        // A negative number is an answer, not a flag.
        (["check", "relu-by-hand", "--answer", "-0.1"], 1, "expected shape (2, 3), got ()"),
    ]
    for (args, code, words) in cases {
        let (status, out, err) = try tutor(args + ["--lessons", lessons])
        #expect(status == code, "\(args): \(out) \(err)")
        #expect((out + err).contains(words), "\(args): \(out) \(err)")
    }
}

/// A folder that cannot be written to is named in a sentence, not dumped as an NSError.
@Test func exportIntoAPathThatIsNotAFolderSaysSo() throws {
    let (status, out, err) = try tutor(["export", "net-forward", "--out", "/dev/full", "--lessons", lessons])
    #expect(status == 2)
    #expect(err.hasPrefix("error: cannot export into /dev/full: "), "\(out) \(err)")
    #expect(!err.contains("Domain="), "\(err)")
    #expect(!err.contains("UserInfo"), "\(err)")
}

/// A checkpoint whose YAML does not parse is not just "unknown": the parse error is shown with its file and line.
@Test func checkingACheckpointWhoseYAMLFailsShowsWhereItFails() throws {
    let course = TutorBinary.temporaryFolder("bad-yaml")
    try FileManager.default.createDirectory(atPath: course + "/en", withIntermediateDirectories: true)
    try "# L\n\n```checkpoint t1\nexpect: number\nanswer: [1,\n```\n".write(toFile: course + "/en/00-a.md", atomically: true, encoding: .utf8)
    let (status, out, err) = try tutor(["check", "t1", "--answer", "1", "--lang", "en", "--lessons", course])
    #expect(status == 2)
    #expect(err.contains(course + "/en/00-a.md:"), "\(out) \(err)")
}

/// Without a workspace, a code check run from a system folder does not suggest making one there.
@Test(arguments: ["/", "/etc"]) func aMissingWorkspaceInASystemFolderSuggestsNoInitThere(folder: String) throws {
    for language in ["en", "zh"] {
        let run = try TutorBinary.run(["check", "relu-code", "--answer", "check", "--lang", language,
                                       "--lessons", TutorBinary.packageRoot + "/lessons",
                                       "--state", TutorBinary.temporaryFolder("no-workspace")],
                                      environment: TutorBinary.environment(["XDG_CACHE_HOME": cacheDir]), directory: folder)
        #expect(run.status == 2, "\(run.out) \(run.err)")
        #expect((run.out + run.err).contains("tutor init"), "\(run.out) \(run.err)")
        #expect(!(run.out + run.err).contains("tutor init /"), "\(run.out) \(run.err)")
    }
}

@Test func checkReadsAnswerFilesAndPrintsJSON() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data("[[0, 0, 2], [3, 0, 0.25]]".utf8).write(to: URL(fileURLWithPath: dir + "/a.json"))
    let (status, out, _) = try tutor(["check", "relu-by-hand", "--answer-file", dir + "/a.json", "--json", "--lessons", lessons])
    #expect(status == 1)
    let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    #expect(json?["outcome"] as? String == "incorrect")
    #expect(((json?["comparison"] as? [String: Any])?["first_mismatch"] as? [String: Any])?["index"] as? [Int] == [1, 2])
    // export → the learner's own file → check
    let (exported, paths, _) = try tutor(["export", "net-forward", "--format", "npy", "--out", dir, "--lessons", lessons])
    #expect(exported == 0 && paths.contains("X.npy"))
    #expect(FileManager.default.fileExists(atPath: dir + "/X.npy"))
    let (missing, message, _) = try tutor(["check", "relu-by-hand", "--answer-file", dir + "/none.npy", "--lessons", lessons])
    #expect(missing == 2 && message.contains("cannot read the answer file"))
}

@Test func checkReadsFullWidthInputAsThePromptDoesAndSaysSo() throws {
    let typed = try tutor(["check", "w1-shape", "--answer", "（７８４，２５６）", "--lang", "zh", "--lessons", lessons])
    #expect(typed.status == 0, "\(typed.out) \(typed.err)")
    #expect(typed.err.contains("（按半角读取：(784,256)）"), "\(typed.err)")
    // --json: the note goes to standard error, standard output stays one JSON object.
    let json = try tutor(["check", "w1-shape", "--answer", "（７８４，２５６）", "--json", "--lessons", lessons])
    #expect(json.status == 0 && json.err.contains("(read as: (784,256))"), "\(json.err)")
    let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
    #expect(object?["correct"] as? Bool == true)
    // An answer file written with a Chinese input method.
    let dir = TutorBinary.temporaryFolder("full-width-file")
    try Data("【【０，０，２】，【３，０，０。５】】\n".utf8).write(to: URL(fileURLWithPath: dir + "/relu.json"))
    let file = try tutor(["check", "relu-by-hand", "--answer-file", dir + "/relu.json", "--lessons", lessons])
    #expect(file.status == 0, "\(file.out) \(file.err)")
    #expect(file.err.contains("(read as: [[0,0,2],[3,0,0.5]])"), "\(file.err)")
    // A full-width percentage is read, then refused with what to type instead.
    let percent = try tutor(["check", "count-params", "--answer", "１０％", "--lang", "zh", "--lessons", lessons])
    #expect(percent.status == 2 && percent.err.contains("（按半角读取：10%）"), "\(percent.err)")
    #expect(percent.out.contains("10% 就是 0.1"), "\(percent.out)")
    // ASCII input says nothing; a reflection is kept as written.
    let plain = try tutor(["check", "w1-shape", "--answer", "(784, 256)", "--lessons", lessons])
    #expect(plain.status == 0 && !plain.err.contains("read as"), "\(plain.err)")
    let reflection = try tutor(["check", "reflect", "--answer", "因为（非线性）", "--lessons", lessons])
    #expect(reflection.status == 0 && !reflection.err.contains("read as"), "\(reflection.err)")
}

@Test func lintExitCodes() throws {
    let (good, out, _) = try tutor(["lint", lessons])
    #expect(good == 0, "\(out)")
    let (bad, problems, _) = try tutor(["lint", badLessons])
    #expect(bad == 1)
    #expect(problems.contains("badcourse/en/01-bad.md:4: unknown call 'relux'"))
}
