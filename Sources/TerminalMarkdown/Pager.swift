#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows long output through a pager, as git does: when standard output is a terminal and the
/// text is taller than the screen, it goes through `$PAGER` (or `less -R`); otherwise, or when
/// the pager is missing or cannot start, it is written straight to standard output.
public enum Pager {
    /// The command to page with, or nil for none: `$PAGER` (empty or `cat` means none), else `less -R`.
    public static func command(environment: [String: String]) -> String? {
        if let pager = environment["PAGER"] {
            let trimmed = pager.trimmingSpaces
            return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
        }
        return "less -R"
    }

    /// Writes `text` to standard output, through the pager when it is wanted and available.
    /// - Parameters:
    ///   - lineCount: how many lines `text` has.
    ///   - allowed: false for `--no-pager`.
    public static func present(_ text: String, lineCount: Int, allowed: Bool = true) {
        let environment = TerminalEnvironment.currentEnvironment()
        if allowed, TerminalEnvironment.isTTY(STDOUT_FILENO), lineCount > TerminalEnvironment.height(environment: environment) - 1,
           let command = command(environment: environment), commandExists(command, environment: environment),
           runPager(command, text: text, environment: environment) {
            return
        }
        writeAll(STDOUT_FILENO, text)
    }

    /// Whether the first word of `command` names an executable (by path or on `PATH`).
    static func commandExists(_ command: String, environment: [String: String]) -> Bool {
        guard let program = command.split(separator: " ").first.map(String.init) else { return false }
        if program.contains("/") { return access(program, X_OK) == 0 }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    /// The environment the pager runs in: `LESS=FRX` and `LV=-c` as git sets them, and
    /// `LESSCHARSET=utf-8`, since the text is always UTF-8: without it, less in a locale that is
    /// missing or not UTF-8 shows Chinese as `<E6><B5><8B>`. Settings the user made are kept.
    static func pagerEnvironment(_ environment: [String: String]) -> [String: String] {
        var child = environment
        if child["LESS"] == nil { child["LESS"] = "FRX" }
        if child["LV"] == nil { child["LV"] = "-c" }
        if child["LESSCHARSET"] == nil { child["LESSCHARSET"] = "utf-8" }
        return child
    }

    /// Runs the pager with `text` on its standard input and waits for it. Returns false when it
    /// could not be started (the caller then prints the text itself).
    static func runPager(_ command: String, text: String, environment: [String: String]) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])

        let childEnvironment = pagerEnvironment(environment)

        // Save the terminal's mode so it can be restored whatever the pager does.
        var savedMode = termios()
        let haveMode = tcgetattr(STDOUT_FILENO, &savedMode) == 0

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawn_file_actions_addclose(&actions, readEnd)

        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (s: String) in strdup(s) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = childEnvironment.map { (k, v) in strdup(k + "=" + v) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return false
        }

        // The pager owns the terminal now: a Ctrl-C is for it, and when the learner quits it
        // early our writes fail with EPIPE instead of killing us.
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        let oldInterrupt = signal(SIGINT, SIG_IGN)
        let oldQuit = signal(SIGQUIT, SIG_IGN)
        writeAll(writeEnd, text)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        signal(SIGPIPE, oldPipe)
        signal(SIGINT, oldInterrupt)
        signal(SIGQUIT, oldQuit)
        if haveMode { tcsetattr(STDOUT_FILENO, TCSADRAIN, &savedMode) }

        // 126/127: the shell could not run the pager; show the text ourselves.
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        if exited && (code == 126 || code == 127) { return false }
        return true
    }

    /// Writes all of `text` to `fd`, retrying short writes; stops quietly on errors (EPIPE).
    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        guard last == " " else { return self }
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
