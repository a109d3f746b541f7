#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TerminalMarkdown

/// The size of the terminal in character cells.
public struct TerminalSize: Equatable, Sendable {
    public var columns: Int, rows: Int
    public init(columns: Int, rows: Int) { self.columns = columns; self.rows = rows }

    /// The size of the terminal on `fd` (TIOCGWINSZ), else `$COLUMNS`/`$LINES`, else 80×24.
    public static func current(fd: Int32 = STDOUT_FILENO,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalSize {
        var ws = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
            return TerminalSize(columns: Int(ws.ws_col), rows: Int(ws.ws_row))
        }
        return TerminalSize(columns: environment["COLUMNS"].flatMap { Int($0) } ?? 80,
                            rows: environment["LINES"].flatMap { Int($0) } ?? 24)
    }

    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32 = STDOUT_FILENO) -> Bool { isatty(fd) == 1 }
}
