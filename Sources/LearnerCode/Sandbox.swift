#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Judging
import Lessons

/// Limits for one run of an untrusted child process (a learner's build or their code).
public struct SandboxLimits: Sendable, Equatable {
    /// Wall-clock seconds before the whole process group is killed.
    public var seconds: Double
    /// Address-space limit in bytes (RLIMIT_AS, set in the child through `ulimit -v`); nil for none.
    public var memoryBytes: UInt64?
    /// Bytes of stdout + stderr read before the child is killed as "output too large".
    public var outputBytes: Int

    public init(seconds: Double, memoryBytes: UInt64? = 2 << 30, outputBytes: Int = 8 << 20) {
        self.seconds = seconds
        self.memoryBytes = memoryBytes
        self.outputBytes = outputBytes
    }
}

/// How a sandboxed run ended.
public enum SandboxOutcome: Sendable, Equatable {
    /// The process exited by itself with this status (0 is success).
    case exited(Int32)
    /// The process died of a signal it did not ask for (a crash, a `fatalError`, a trap).
    case crashed(signal: Int32)
    /// The wall-clock limit passed; the process group was killed.
    case timedOut
    /// The process could not allocate memory under the memory limit.
    case outOfMemory
    /// stdout + stderr grew past the output cap; the process group was killed.
    case outputTooLarge
    /// The caller cancelled (Ctrl-C in `tutor watch`); the process group was killed.
    case cancelled
    /// The program could not be started at all.
    case launchFailed(String)
}

/// What a sandboxed run produced.
public struct SandboxResult: Sendable {
    public var outcome: SandboxOutcome
    public var stdout: Data
    public var stderr: Data
    public var seconds: Double
    public var limits: SandboxLimits
    /// Why the run was not isolated although isolation was asked for (`SandboxIsolation.warning`
    /// makes the line to show).
    public var notIsolated: String?

    public var succeeded: Bool { outcome == .exited(0) }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// The last `lines` non-empty lines of stderr, for messages.
    public func stderrTail(lines: Int = 12) -> String {
        let all = stderrText.split(separator: "\n", omittingEmptySubsequences: true)
        return all.suffix(lines).joined(separator: "\n")
    }

    /// One sentence saying how the run ended, in English (the verdict layer localizes its own).
    public var summary: String {
        switch outcome {
        case .exited(0): return "finished normally"
        case .exited(let code): return "exited with status \(code)"
        case .crashed(let signal): return "crashed (\(Sandbox.signalName(signal)))"
        case .timedOut: return "stopped after \(Sandbox.format(limits.seconds)) s (time limit): an infinite loop?"
        case .outOfMemory:
            let mb = (limits.memoryBytes ?? 0) >> 20
            return "stopped: it needed more than the memory limit of \(mb) MB"
        case .outputTooLarge: return "stopped: it printed more than \(limits.outputBytes >> 10) KB"
        case .cancelled: return "cancelled"
        case .launchFailed(let why): return "could not be started: \(why)"
        }
    }
}

/// Runs a child process under a time limit, a memory limit and an output cap, and, given a
/// `SandboxIsolation`, inside bubblewrap (see there) when this machine allows it.
///
/// The child gets its own process group, so a timeout or a cancel kills everything it
/// spawned (the compiler's subprocesses too). The memory limit is applied inside the child
/// by `/bin/sh -c 'ulimit -v …; exec "$@"'`, so the tutor's own limits never change.
/// Standard input comes from a file, never a pipe we write to, so nothing can deadlock;
/// `input` is written to a file that is unlinked before the child starts, so it never outlives
/// the run. The child inherits no open file of the tutor's but its standard streams.
public enum Sandbox {
    /// Runs `executable` (a path, or a name looked up in PATH) with `arguments`.
    /// - Parameters:
    ///   - stdinFile: a file to connect to standard input (default /dev/null).
    ///   - input: bytes for standard input instead of `stdinFile`.
    ///   - environment: extra variables added to the tutor's environment (isolated: to
    ///     the isolation's, and nothing of the tutor's passes).
    ///   - isolation: run inside a sandbox; without one on this machine (`availability`, by
    ///     default `SandboxIsolation.availability`, asked only when isolating: its probe may still
    ///     be running), the run goes on with the limits only and the result says why (`notIsolated`).
    ///   - isCancelled: polled about every 50 ms; return true to kill the child.
    public static func run(
        _ executable: String, _ arguments: [String] = [],
        directory: String? = nil, stdinFile: String? = nil, input: Data? = nil,
        environment: [String: String] = [:],
        isolation: SandboxIsolation? = nil,
        availability: SandboxAvailability? = nil,
        limits: SandboxLimits,
        isCancelled: @escaping () -> Bool = { false }
    ) -> SandboxResult {
        let started = Date()
        let availability = isolation == nil ? nil : availability ?? SandboxIsolation.availability
        var result = SandboxResult(outcome: .launchFailed(""), stdout: Data(), stderr: Data(),
                                   seconds: 0, limits: limits)
        var argv: [String]
        var env = ProcessInfo.processInfo.environment
        var isolated = false
        if let isolation, case let .bubblewrap(mechanism)? = availability {
            let path = SandboxIsolation.findInPath(executable) ?? executable
            argv = isolation.command(mechanism, executable: path, arguments: arguments, directory: directory,
                                     memoryBytes: limits.memoryBytes)
            env = isolation.fullEnvironment
            isolated = true
        } else if let bytes = limits.memoryBytes {
            let kb = max(bytes / 1024, 1)
            argv = ["/bin/sh", "-c", "ulimit -v \(kb) || exit 126; exec \"$@\"", "sh", executable] + arguments
        } else {
            argv = [executable] + arguments
        }
        if isolation != nil, case let .unavailable(reason)? = availability {
            result.notIsolated = reason
        }
        for (k, v) in environment { env[k] = v }
        let envp = env.map { "\($0.key)=\($0.value)" }
        var inputFD: Int32 = -1
        if let input {
            inputFD = anonymousFile(input)
            guard inputFD >= 0 else {
                result.outcome = .launchFailed("cannot write standard input: \(String(cString: strerror(errno)))")
                return result
            }
        }
        defer { if inputFD >= 0 { close(inputFD) } }

        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            result.outcome = .launchFailed("pipe: \(String(cString: strerror(errno)))")
            return result
        }
        // Close-on-exec, so no other child the tutor spawns inherits our pipe ends.
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if inputFD >= 0 {
            posix_spawn_file_actions_adddup2(&actions, inputFD, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, stdinFile ?? "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        closeInheritedFiles(&actions)
        if let directory, !isolated {
            // posix_spawn has no chdir action before glibc 2.29's _np variant; use the shell.
            argv = ["/bin/sh", "-c", "cd \"$0\" || exit 126; exec \"$@\"", directory] + argv
        }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setpgroup(&attr, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attr, &noMask)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        let spawnStatus = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, cEnv)
        close(outPipe[1]); close(errPipe[1])
        guard spawnStatus == 0 else {
            close(outPipe[0]); close(errPipe[0])
            result.outcome = .launchFailed("\(argv[0]): \(String(cString: strerror(spawnStatus)))")
            return result
        }

        let deadline = started.addingTimeInterval(limits.seconds)
        var open: [Int32] = [outPipe[0], errPipe[0]]
        var stopReason: SandboxOutcome?
        var status: Int32 = 0
        var reaped = false
        var reapedAt = Date.distantFuture
        var buffer = [UInt8](repeating: 0, count: 65536)

        while true {
            if stopReason == nil {
                if isCancelled() { stopReason = .cancelled }
                else if Date() >= deadline { stopReason = .timedOut }
                else if result.stdout.count + result.stderr.count > limits.outputBytes { stopReason = .outputTooLarge }
                if stopReason != nil { kill(-pid, SIGKILL) }
            }
            if !open.isEmpty {
                var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                let ready = poll(&fds, nfds_t(fds.count), 50)
                if ready > 0 {
                    for p in fds where p.revents != 0 {
                        let n = read(p.fd, &buffer, buffer.count)
                        if n > 0 {
                            // Past the cap we keep draining but stop storing.
                            if result.stdout.count + result.stderr.count <= limits.outputBytes {
                                if p.fd == outPipe[0] { result.stdout.append(contentsOf: buffer[0..<n]) }
                                else { result.stderr.append(contentsOf: buffer[0..<n]) }
                            }
                        } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                            close(p.fd)
                            open.removeAll { $0 == p.fd }
                        }
                    }
                }
            }
            if !reaped {
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid { reaped = true }
                else if r < 0 && errno != EINTR { reaped = true; status = 0 }
                if reaped { reapedAt = Date() }
            }
            if reaped {
                if open.isEmpty { break }
                // The child is gone but something it spawned still holds the pipes (outside a
                // sandbox, one that left the process group): read what is left for a moment,
                // then report how the child itself ended.
                kill(-pid, SIGKILL)
                if stopReason != nil || Date().timeIntervalSince(reapedAt) > lingerSeconds {
                    open.forEach { close($0) }; open = []; break
                }
            }
            if open.isEmpty && !reaped { usleep(10_000) }
        }

        result.seconds = Date().timeIntervalSince(started)
        if let stopReason {
            result.outcome = stopReason
        } else if exitedNormally(status) {
            let code = exitCode(status)
            // bubblewrap reports a child killed by signal s as status 128 + s.
            if isolated, code > 128, code <= 128 + 64 {
                result.outcome = crashOutcome(signal: code - 128, stderr: result.stderrText)
            } else {
                result.outcome = .exited(code)
            }
        } else {
            result.outcome = crashOutcome(signal: termSignal(status), stderr: result.stderrText)
        }
        return result
    }

    /// How long output is still read after the child exited while something it started holds the pipes.
    static let lingerSeconds = 0.5

    /// A death by signal; out of memory when the runtime said so. A process that merely
    /// prints the words and exits is not out of memory.
    static func crashOutcome(signal: Int32, stderr: String) -> SandboxOutcome {
        looksOutOfMemory(stderr) ? .outOfMemory : .crashed(signal: signal)
    }

    /// Stderr phrases of an allocation that failed under RLIMIT_AS.
    static func looksOutOfMemory(_ stderr: String) -> Bool {
        ["Could not allocate memory", "failed to allocate", "std::bad_alloc", "Cannot allocate memory", "out of memory",
         "memory allocation failed"].contains { stderr.contains($0) }
    }

    static func exitedNormally(_ status: Int32) -> Bool { (status & 0x7f) == 0 }
    static func exitCode(_ status: Int32) -> Int32 { (status >> 8) & 0xff }
    static func termSignal(_ status: Int32) -> Int32 { status & 0x7f }

    /// "SIGSEGV, a memory fault" and friends, for crash messages.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: return "SIGILL: a Swift runtime check failed, e.g. fatalError, an index out of range or an overflow"
        case SIGTRAP: return "SIGTRAP: a Swift runtime check failed, e.g. fatalError, an index out of range or an overflow"
        case SIGSEGV: return "SIGSEGV: invalid memory access"
        case SIGBUS: return "SIGBUS: invalid memory access"
        case SIGABRT: return "SIGABRT: the program aborted"
        case SIGFPE: return "SIGFPE: arithmetic error, e.g. integer division by zero"
        case SIGKILL: return "SIGKILL: killed"
        default: return "signal \(signal)"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
