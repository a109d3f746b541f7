import Foundation
import Testing
@testable import Lessons

/// A replaced file is never written through a planted symlink, and its temporary name can't be guessed.
@Suite struct AtomicFileTests {
    @Test func aSymlinkAtAPredictableTemporaryNameIsNotWrittenThrough() throws {
        try withTemporaryDirectory("atomic") { dir in
            let victim = dir.appendingPathComponent("victim").path
            let target = dir.appendingPathComponent("report.csv").path
            try Data("keep".utf8).write(to: URL(fileURLWithPath: victim))
            try FileManager.default.createSymbolicLink(atPath: "\(target).tmp-\(getpid())", withDestinationPath: victim)
            try FileManager.default.createSymbolicLink(atPath: "\(target).tmp", withDestinationPath: victim)

            try AtomicFile.write("a,b\n", to: target)

            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "a,b\n")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            #expect(left == ["report.csv", "report.csv.tmp", "report.csv.tmp-\(getpid())", "victim"])
        }
    }

    @Test func aSymlinkAtTheDestinationIsReplacedNotFollowed() throws {
        try withTemporaryDirectory("atomic") { dir in
            let victim = dir.appendingPathComponent("victim").path
            let target = dir.appendingPathComponent("progress.json").path
            try Data("keep".utf8).write(to: URL(fileURLWithPath: victim))
            try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: victim)

            try AtomicFile.write("{}", to: target)

            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")
            #expect(try FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType == .typeRegular)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "{}")
        }
    }

    @Test func aFolderThatCannotBeCreatedIsReportedWithItsOwnReason() throws {
        try withTemporaryDirectory("atomic") { dir in
            let file = dir.appendingPathComponent("plain-file").path
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            // A folder wanted where a file is: "Not a directory", not "Permission denied".
            #expect { try AtomicFile.write("{}", to: file + "/sub/progress.json", createFolder: true) } throws: {
                "\($0)".contains(errnoText(ENOTDIR)) && "\($0)".contains("plain-file/sub") && !"\($0)".contains(errnoText(EACCES))
            }
            let long = dir.appendingPathComponent(String(repeating: "n", count: 300)).path
            #expect { try AtomicFile.write("{}", to: long + "/progress.json", createFolder: true) } throws: {
                "\($0)".contains(errnoText(ENAMETOOLONG))
            }
            // Missing folders are still made, and an existing one is fine.
            let nested = dir.appendingPathComponent("a/b/c/progress.json").path
            try AtomicFile.write("{}", to: nested, createFolder: true)
            try AtomicFile.write("[]", to: nested, createFolder: true)
            #expect(try String(contentsOfFile: nested, encoding: .utf8) == "[]")
        }
    }

    @Test func eachTemporaryFileHasANewNameBesideItsTarget() throws {
        try withTemporaryDirectory("atomic") { dir in
            let target = dir.appendingPathComponent("answers.json").path
            let (fd1, first) = try AtomicFile.createTemporary(beside: target)
            let (fd2, second) = try AtomicFile.createTemporary(beside: target)
            close(fd1); close(fd2)
            #expect(first != second)
            for name in [first, second] {
                #expect(name.hasPrefix(target + ".tmp-"))
                #expect(name != "\(target).tmp-\(getpid())")
            }
        }
    }
}
