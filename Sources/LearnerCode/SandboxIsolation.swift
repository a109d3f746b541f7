#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What untrusted code may see and do besides the limits: with bubblewrap (Linux), it runs in
/// new PID, network, IPC and UTS namespaces and sees only the system folders, the toolchain and
/// `readOnly`, all read-only, a private `/tmp`, a fresh `/proc` and `/dev`, and `environment`
/// (nothing of the tutor's: no home, progress, reference cache or case files). It cannot
/// signal the tutor, and everything it started dies with it.
///
/// Not root: bubblewrap adds a user namespace (the code is uid 65534 inside it) and
/// RLIMIT_NPROC counts the sandbox's processes only. Root: a user namespace would map the code
/// to root outside, which the kernel exempts from RLIMIT_NPROC, so bubblewrap runs privileged
/// and `setpriv` makes the code uid 65534 (nobody) with no capabilities.
public struct SandboxIsolation: Sendable, Equatable {
    /// Folders or files visible read-only at their own paths (the workspace, a data set).
    public var readOnly: [String]
    /// The code's whole environment; `PATH` is added when missing.
    public var environment: [String: String]
    /// RLIMIT_NPROC: processes and threads at once (a fork bomb stops there).
    public var processes: Int
    /// Size of the private `/tmp`.
    public var tmpBytes: Int

    public init(readOnly: [String], environment: [String: String] = [:], processes: Int = 64, tmpBytes: Int = 64 << 20) {
        self.readOnly = readOnly
        self.environment = environment
        self.processes = processes
        self.tmpBytes = tmpBytes
    }

    /// How isolation works on this machine, found once per process by starting a sandbox.
    public static let availability: SandboxAvailability = probe()

    /// The line to show when code runs without isolation.
    public static func warning(_ reason: String) -> String {
        "warning: learner code runs without a sandbox (\(reason)); only time, memory and output are limited"
    }

    /// Tries a sandbox around `/bin/true` with `bwrap` (default: found in PATH).
    static func probe(bwrap: String? = findInPath("bwrap")) -> SandboxAvailability {
        #if os(Linux)
        guard let bwrap else { return .unavailable(reason: "bubblewrap is not installed; scripts/install-deps.sh installs it") }
        var setpriv: String?
        if geteuid() == 0 {
            guard let found = findInPath("setpriv") else {
                return .unavailable(reason: "running as root and `setpriv` (util-linux) is missing")
            }
            setpriv = found
        }
        let mechanism = SandboxAvailability.Bubblewrap(bwrap: bwrap, setpriv: setpriv, toolchain: toolchainDirectory())
        let probe = SandboxIsolation(readOnly: [])
        let argv = probe.command(mechanism, executable: "/bin/true", arguments: [], directory: nil, memoryBytes: nil)
        // `availability` is given: its default is what this probe computes.
        let r = Sandbox.run(argv[0], Array(argv.dropFirst()), environment: [:], availability: .unavailable(reason: "probing"),
                            limits: SandboxLimits(seconds: 20, memoryBytes: nil, outputBytes: 1 << 16))
        guard r.succeeded else {
            let why = r.stderrTail(lines: 1).isEmpty ? r.summary : r.stderrTail(lines: 1)
            return .unavailable(reason: "bubblewrap cannot start a sandbox here: \(why)")
        }
        return .bubblewrap(mechanism)
        #else
        return .unavailable(reason: "bubblewrap is Linux only")
        #endif
    }

    /// The argv running `executable` in the sandbox under the memory and process limits.
    func command(_ b: SandboxAvailability.Bubblewrap, executable: String, arguments: [String],
                 directory: String?, memoryBytes: UInt64?) -> [String] {
        var argv = [b.bwrap, "--die-with-parent", "--new-session",
                    "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        if b.setpriv == nil {
            argv += ["--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"]
        } else {
            argv += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        }
        argv += ["--ro-bind", "/usr", "/usr"]
        let fm = FileManager.default
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? fm.destinationOfSymbolicLink(atPath: top) {
                argv += ["--symlink", target, top]
            } else if fm.fileExists(atPath: top) {
                argv += ["--ro-bind", top, top]
            }
        }
        // The dynamic loader's cache and Debian's alternatives (libopenblas is reached through them).
        argv += ["--perms", "0755", "--dir", "/etc"]
        for file in ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime"] {
            argv += ["--ro-bind-try", file, file]
        }
        // Before the binds: a workspace inside /tmp must not be hidden by the private /tmp.
        argv += ["--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--size", String(tmpBytes), "--tmpfs", "/tmp"]
        var shown = [b.toolchain].compactMap { $0 } + readOnly
        if let directory { shown.append(directory) }
        var made: Set<String> = ["/tmp", "/usr", "/dev", "/proc", "/etc"]
        for path in shown {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            // Folders bubblewrap makes on the way are 0700 unless told: uid 65534 must pass them.
            for parent in Self.ancestors(of: real) + (real == path ? [] : Self.ancestors(of: path))
            where made.insert(parent).inserted {
                argv += ["--perms", "0755", "--dir", parent]
            }
            argv += ["--ro-bind", real, real]
            if real != path { argv += ["--symlink", real, path] }
        }
        if let directory { argv += ["--chdir", directory] }
        argv.append("--")
        if let setpriv = b.setpriv {
            argv += [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--"]
        }
        // dash calls RLIMIT_NPROC -p, bash -u.
        var script = "{ ulimit -u \(processes) 2>/dev/null || ulimit -p \(processes); } || exit 126; "
        if let memoryBytes { script += "ulimit -v \(max(memoryBytes / 1024, 1)) || exit 126; " }
        argv += ["/bin/sh", "-c", script + "exec \"$@\"", "sh", executable] + arguments
        return argv
    }

    /// `/a/b/c` → `["/a", "/a/b"]`.
    static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = ""
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            result.append(current)
        }
        return result
    }

    /// The environment of the sandboxed code.
    var fullEnvironment: [String: String] {
        var env = environment
        if env["PATH"] == nil { env["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        return env
    }

    /// The toolchain folder (`…/usr` above the `swift` in PATH) when it is outside /usr: the
    /// Swift runtime libraries and the crash backtracer live there.
    static func toolchainDirectory() -> String? {
        guard let swift = findInPath("swift") else { return nil }
        let real = URL(fileURLWithPath: swift).resolvingSymlinksInPath()
        let usr = real.deletingLastPathComponent().deletingLastPathComponent().path
        return usr.hasPrefix("/usr/") || usr == "/usr" ? nil : usr
    }

    /// `name`'s path in `$PATH`, or nil.
    static func findInPath(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Whether untrusted code can be isolated here, and how.
public enum SandboxAvailability: Sendable, Equatable {
    public struct Bubblewrap: Sendable, Equatable {
        public var bwrap: String
        /// Set when the tutor runs as root: drops the code to uid 65534.
        public var setpriv: String?
        public var toolchain: String?
    }

    case bubblewrap(Bubblewrap)
    case unavailable(reason: String)
}
