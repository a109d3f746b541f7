import Foundation

/// The `--color` setting of a command: `auto` colours only a terminal (and honours `NO_COLOR`).
public enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to write colour escapes, for output that is (`isTerminal`) or is not a terminal.
    public func enabled(isTerminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isTerminal && environment["TERM"] != "dumb"
        }
    }
}
