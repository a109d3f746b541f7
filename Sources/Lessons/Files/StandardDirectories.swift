import Foundation

/// Where the tutor keeps its files, by the XDG base-directory rules.
public enum StandardDirectories {
    /// `$XDG_STATE_HOME/tutor`, else `~/.local/state/tutor` (progress).
    public static func state(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return "\(xdg)/tutor" }
        return home(environment) + "/.local/state/tutor"
    }

    /// `$XDG_CACHE_HOME/tutor`, else `~/.cache/tutor` (training runs); nil when neither can be named.
    public static func cache(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return "\(xdg)/tutor" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.cache/tutor"
    }

    /// The folder of the running executable, symlinks resolved (`/proc/self/exe` on Linux), so a
    /// `tutor` linked into `PATH` still finds its package; not `argv[0]`, which is only the name
    /// typed when the shell found the program in `PATH`.
    public static func executableFolder() -> URL? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
