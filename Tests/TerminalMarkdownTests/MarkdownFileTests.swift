import Foundation
import Testing
@testable import TerminalMarkdown

@Suite struct MarkdownFileTests {
    @Test func decodesUTF8AndDropsTheByteOrderMark() throws {
        #expect(try decodeMarkdown([0xEF, 0xBB, 0xBF] + Array("# 标题\n".utf8), path: "a.md") == "# 标题\n")
        #expect(try decodeMarkdown([], path: "empty.md") == "")
    }

    @Test func reportsTheLineOfInvalidUTF8AndOfBinaryData() {
        let invalid = Array("one\ntwo\nth".utf8) + [0xC3, 0x28] + Array("ree\n".utf8)
        #expect(throws: MarkdownFileError(path: "x.md", reason: .invalidUTF8(line: 3))) {
            try decodeMarkdown(invalid, path: "x.md")
        }
        #expect(throws: MarkdownFileError(path: "x.md", reason: .binary(line: 2))) {
            try decodeMarkdown(Array("a\nb".utf8) + [0], path: "x.md")
        }
        let truncated = Array("ok\n".utf8) + [0xE4, 0xB8]   // a 3-byte sequence cut short at the end
        #expect(throws: MarkdownFileError(path: "t.md", reason: .invalidUTF8(line: 2))) {
            try decodeMarkdown(truncated, path: "t.md")
        }
    }

    @Test func missingFileAndDirectory() throws {
        #expect(throws: MarkdownFileError(path: "/no/such/file.md", reason: .notFound)) {
            try readMarkdownFile("/no/such/file.md")
        }
        #expect(throws: MarkdownFileError(path: "/tmp", reason: .isDirectory)) {
            try readMarkdownFile("/tmp")
        }
        let message = MarkdownFileError(path: "l.md", reason: .invalidUTF8(line: 7)).description
        #expect(message == "l.md:7: not valid UTF-8 text; save the file as UTF-8")
        #expect(!message.contains("\n"))
    }

    @Test func readsARealFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tm-\(UUID().uuidString).md")
        try Data("# 激活函数\n\nReLU\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try readMarkdownFile(url.path) == "# 激活函数\n\nReLU\n")
    }
}
