import Foundation
import Testing

/// `tutor show` through the built binary: rendering, colour choice, and the one-line error
/// with exit status 2 for every kind of bad file.
struct ShowCommandTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-show-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func expectOneLineError(_ arguments: [String], containing fragments: [String]) throws {
        let output = try TutorBinary.run(["show"] + arguments)
        #expect(output.status == 2)
        #expect(output.out.isEmpty)
        let lines = output.err.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(output.err)")
        for fragment in fragments { #expect(output.err.contains(fragment), "\(output.err)") }
    }

    @Test func aMissingFileIsOneLineNamingIt() throws {
        let path = directory.appendingPathComponent("nope.md").path
        try expectOneLineError([path], containing: [path, "no such file"])
    }

    @Test func directoryIsRefused() throws {
        try expectOneLineError([directory.path], containing: [directory.path, "is a directory"])
    }

    @Test func binaryFileIsRefused() throws {
        let path = try file("image.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
        try expectOneLineError([path], containing: [path + ":3:", "binary"])  // after the two 0x0A bytes
    }

    @Test func invalidUTF8IsRefusedWithItsLine() throws {
        let path = try file("latin1.md", Array("# Title\n\nok\ncaf".utf8) + [0xE9] + Array(" au lait\n".utf8))
        try expectOneLineError([path], containing: [path + ":4:", "not valid UTF-8"])
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func unreadableFileIsRefused() throws {
        let path = try file("secret.md", Array("# x\n".utf8))
        chmod(path, 0)
        try expectOneLineError([path], containing: [path, "permission denied"])
    }

    @Test func rendersPlainWithoutAnyEscapeWhenColourIsNever() throws {
        let path = try file("doc.md", Array("# 标题\n\n- item one\n- item two\n\n> quote\n\n```swift\nlet x = 1\n```\n".utf8))
        let output = try TutorBinary.run(["show", path, "--width", "40", "--color", "never"])
        #expect(output.status == 0, "\(output.err)")
        #expect(!output.out.utf8.contains(0x1B))
        #expect(output.out == "标题\n━━━━\n\n• item one\n• item two\n\n│ quote\n\n── swift ──\n  let x = 1\n")
    }

    @Test func colourFollowsTheFlagAndNoColor() throws {
        let path = try file("c.md", Array("**bold** [link](https://d2l.ai)\n".utf8))
        let always = try TutorBinary.run(["show", path, "--color", "always"])
        #expect(always.out.contains("\u{1B}[1mbold\u{1B}[0m"))
        #expect(!always.out.contains("\u{1B}]8;"), "no OSC 8 hyperlinks when stdout is not a terminal")
        // auto: stdout is a pipe here, so no colour, with or without NO_COLOR.
        let auto = try TutorBinary.run(["show", path])
        #expect(!auto.out.utf8.contains(0x1B))
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let noColor = try TutorBinary.run(["show", path, "--color", "auto"], environment: environment)
        #expect(!noColor.out.utf8.contains(0x1B))
    }

    @Test func widthComesFromTheFlagElseColumns() throws {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let path = try file("w.md", Array((words + "\n").utf8))
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "30"
        let fromColumns = try TutorBinary.run(["show", path, "--color", "never"], environment: environment)
        #expect(fromColumns.out.split(separator: "\n").map(\.count).max() == 29)
        let fromFlag = try TutorBinary.run(["show", path, "--color", "never", "--width", "50"], environment: environment)
        #expect(fromFlag.out.split(separator: "\n").map(\.count).max() == 49)
        environment["COLUMNS"] = nil
        let fallback = try TutorBinary.run(["show", path, "--color", "never"], environment: environment)
        #expect(fallback.out.split(separator: "\n").map(\.count).max() == 79)
    }

    @Test(arguments: [["--width", "3"], ["--color", "sometimes"], ["--width", "wide"]])
    func badFlagsAreUsageErrors(arguments: [String]) throws {
        let path = try file("u.md", Array("x\n".utf8))
        let output = try TutorBinary.run(["show", path] + arguments)
        #expect(output.status == 2)
        #expect(!output.err.isEmpty)
    }
}
