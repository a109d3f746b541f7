import Foundation

/// The release `tutor` binary that `make test` builds before the tests, found from this file's
/// place in the package (Tests/TutorCLITests/ → the package root).
enum ReleaseBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let path = packageRoot.appendingPathComponent(".build/release/tutor").path
    static var exists: Bool { FileManager.default.isExecutableFile(atPath: path) }
    static let missingNote = "the release binary .build/release/tutor is missing (run `make test`, which builds it first)"

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the binary with `arguments` and waits for it.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let errData = Thread.detachNewThreadAndRead(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData(), as: UTF8.self))
    }
}

extension Thread {
    /// Reads `handle` to its end on another thread; the returned closure waits for the data.
    static func detachNewThreadAndRead(_ handle: FileHandle) -> () -> Data {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var data = Data()
        Thread.detachNewThread {
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        return {
            done.wait()
            return data
        }
    }
}
