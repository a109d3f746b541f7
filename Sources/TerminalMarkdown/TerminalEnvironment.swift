#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal the output goes to.
public enum TerminalEnvironment {
    /// Whether a file descriptor (by default standard output) is a terminal.
    public static func isTTY(_ fd: Int32 = STDOUT_FILENO) -> Bool {
        isatty(fd) != 0
    }

    /// The terminal's size (columns, rows) from TIOCGWINSZ, or nil when `fd` is no terminal.
    public static func size(of fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// The width to render at: the terminal's (TIOCGWINSZ on standard output), else `COLUMNS`
    /// (so output to a pipe or a file follows it), else 80.
    public static func width(environment: [String: String] = currentEnvironment()) -> Int {
        width(terminalColumns: size()?.columns, environment: environment)
    }

    /// The width policy of `width(environment:)`, given the terminal's columns (nil: no terminal).
    public static func width(terminalColumns: Int?, environment: [String: String]) -> Int {
        if let terminalColumns, terminalColumns > 0 { return terminalColumns }
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingSpaces) }), columns > 0 { return columns }
        return 80
    }

    /// The number of rows: the terminal's, else `LINES`, else 24.
    public static func height(environment: [String: String] = currentEnvironment()) -> Int {
        if let size = size(), size.rows > 0 { return size.rows }
        if let lines = environment["LINES"].flatMap({ Int($0) }), lines > 0 { return lines }
        return 24
    }

    /// `auto` colour: only on a terminal and only when `NO_COLOR` is unset or empty
    /// (https://no-color.org).
    public static func wantsColor(isTTY: Bool = isTTY(), environment: [String: String] = currentEnvironment()) -> Bool {
        guard isTTY else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// The process environment as a dictionary.
    public static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// The colour setting of `--color`.
public enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to colour, given whether stdout is a terminal and the environment.
    public func resolve(isTTY: Bool = TerminalEnvironment.isTTY(), environment: [String: String] = TerminalEnvironment.currentEnvironment()) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return TerminalEnvironment.wantsColor(isTTY: isTTY, environment: environment)
        }
    }
}
