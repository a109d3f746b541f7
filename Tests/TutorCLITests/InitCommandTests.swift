import Foundation
import Testing

/// `tutor init` and the code-check commands' messages, through the built binary. Nothing here
/// builds a workspace (the TutorTests code-check suite does that once).
@Test func initCreatesTheWorkspaceNextToTheProject() throws {
    let dir = TutorBinary.temporaryFolder("init")
    let (status, out, err) = try TutorBinary.run(["init", dir + "/ex"])
    #expect(status == 0, "\(err)")
    #expect(out.contains("Created 11 files in \(dir)/ex"))
    let manifest = try String(contentsOfFile: dir + "/ex/Package.swift", encoding: .utf8)
    #expect(manifest.contains("path: \"\(URL(fileURLWithPath: TutorBinary.packageRoot).standardizedFileURL.path)\""))
    for name in ["Relu", "Net", "Loss", "SGD", "Train"] {
        #expect(FileManager.default.fileExists(atPath: "\(dir)/ex/Sources/Exercises/\(name).swift"))
    }
    // A second init keeps everything and says so.
    let (again, out2, _) = try TutorBinary.run(["init", dir + "/ex"])
    #expect(again == 0 && out2.contains("up to date"))
}

@Test func initRefusesAFolderWithOtherFiles() throws {
    let dir = TutorBinary.temporaryFolder("init-busy")
    try "notes".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
    let (status, _, err) = try TutorBinary.run(["init", dir])
    #expect(status == 2)
    #expect(err.contains("is not empty and is not a tutor workspace"))
}

@Test func codeCheckWithoutAWorkspaceSaysHowToMakeOne() throws {
    let empty = TutorBinary.temporaryFolder("no-workspace")
    let lessons = TutorBinary.packageRoot + "/lessons"
    let (status, _, err) = try TutorBinary.run(["check", "relu-code", "--lessons", lessons, "--workspace", empty])
    #expect(status == 2)
    #expect(err.contains("is not a tutor workspace") && err.contains("tutor init"))
    let (verify, _, verifyErr) = try TutorBinary.run(["verify"])
    #expect(verify == 2 && verifyErr.contains("--solutions DIR or --blank"))
}
