import ArgumentParser
import D2L
import Foundation

/// A failure with a message for the learner and an exit code (no stack trace, no "Error:"):
/// the one way a command stops with an error.
struct TutorFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    init(_ message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }
    var description: String { message }

    /// Prints the message to standard error and exits with the code.
    func exit() -> Never {
        printError(message)
        Foundation.exit(code)
    }
}

/// Writes to standard error (messages that must not mix with the data on standard output).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension Tutor {
    /// Runs the command line like ArgumentParser's own `main()`, except that a usage error
    /// (unknown flag, bad value) exits with status 2, as Unix tools do, instead of 64, and a
    /// `TutorFailure` thrown by a command prints its message and exits with its code.
    static func main() {
        BLASCore.restartWithBetterCoreIfNeeded()  // first: it may replace the process
        do {
            var command = try parseAsRoot(CommandFirst.arguments(Array(CommandLine.arguments.dropFirst()),
                                                                 commands: CommandFirst.commands))
            try command.run()
        } catch let failure as TutorFailure {
            failure.exit()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A comma-separated list on the command line: `--hiddens 256,128`, `--lr 0.01,0.1`.
struct CommaList<T: LosslessStringConvertible>: ExpressibleByArgument {
    var values: [T]
    init(_ values: [T]) { self.values = values }
    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { T(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values = parts.map { $0! }
    }
    var defaultValueDescription: String { values.map(\.description).joined(separator: ",") }
}
