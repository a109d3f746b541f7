import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `tutor` binary built with these tests (the test target depends on it), the one way the
/// tests run it, and the fixtures.
enum TutorBinary {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // Tests/TutorCLITests/TutorBinary.swift
        return url.path
    }()

    /// Beside this target's resource bundle, in the same build folder as the tests.
    static var path: String { Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("tutor").path }
    static var fixtures: String { Bundle.module.path(forResource: "Fixtures", ofType: nil)! }
    static var fixtureCourse: String { fixtures + "/course" }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "\(TutorBinary.path) is missing: build the tests with `swift build --build-tests` (it builds tutor too)" }
    }

    static func temporaryFolder(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "tutor-cli-\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A clean environment: no colour surprises, a fixed learner, the given language.
    static func environment(lang: String = "en_US.UTF-8", _ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": lang, "TERM": "xterm-256color",
                           "TUTOR_LEARNER": "tester", "XDG_STATE_HOME": NSTemporaryDirectory() + "tutor-cli-state-\(getpid())"]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs the binary (or `executable`) to completion with `input` on a pipe, in `directory` when
    /// given; returns exit code, stdout, stderr.
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = TutorBinary.environment(),
                    timeout: TimeInterval = 600, executable: String = path,
                    directory: String? = nil) throws -> (status: Int32, out: String, err: String) {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes fully (in the background for stderr) before waiting, so a full pipe never blocks.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable { var data = Data() }

/// The binary running on a pseudo-terminal, driven like a person at a keyboard.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    let process = Process()
    /// Everything the program wrote, escapes included.
    private(set) var output = Data()

    init(arguments: [String], environment: [String: String], columns: UInt16 = 80, rows: UInt16 = 24) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        self.master = master
        self.slave = slave
        guard FileManager.default.isExecutableFile(atPath: TutorBinary.path) else { throw TutorBinary.Missing() }
        process.executableURL = URL(fileURLWithPath: TutorBinary.path)
        process.arguments = arguments
        process.environment = environment
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
        close(slave)
    }

    /// Types `text` (use "\r" for Enter, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D, "\u{1B}[D" for ←).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
    }

    /// The output so far with escape sequences removed.
    var text: String { PseudoTerminal.strip(String(decoding: output, as: UTF8.self)) }

    /// Reads until the output written after `after` (a count of bytes) contains `needle`,
    /// or `timeout` passes; returns whether it appeared. Generous: CI machines can be loaded.
    @discardableResult
    func waitFor(_ needle: String, after: Int = 0, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let tail = output.count > after ? output.suffix(from: output.startIndex + after) : Data()
            if PseudoTerminal.strip(String(decoding: tail, as: UTF8.self)).contains(needle) { return true }
            pump(milliseconds: 50)
        }
        return false
    }

    /// Reads what is available within `milliseconds`.
    func pump(milliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { output.append(contentsOf: buffer[0..<count]) }
    }

    /// Waits for the program to end, draining its output; its exit status (nil on timeout).
    func waitForExit(timeout: TimeInterval = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { pump(milliseconds: 50) }
        guard !process.isRunning else { return nil }
        pump(milliseconds: 50)
        return process.terminationStatus
    }

    /// The terminal's local flags now (to check that raw mode was undone).
    var localFlags: tcflag_t {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings.c_lflag
    }

    var mark: Int { output.count }

    static func strip(_ text: String) -> String {
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let kind = iterator.next() else { break }
                if kind == "[" { while let next = iterator.next(), !(0x40...0x7E).contains(next.value) {} }
                continue
            }
            if scalar == "\r" { result.append("\n"); continue }   // a redraw starts a new line here
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
