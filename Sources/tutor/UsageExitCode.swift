import ArgumentParser
import D2L
import Foundation

extension Tutor {
    /// Runs the command line like ArgumentParser's own `main()`, except that a usage error
    /// (unknown flag, bad value) exits with status 2, as Unix tools do, instead of 64.
    static func main() {
        BLASCore.restartWithBetterCoreIfNeeded()  // first: it may replace the process
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
