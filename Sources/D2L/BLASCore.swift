import Foundation
#if !canImport(Accelerate)
import COpenBLAS
#endif

/// Which OpenBLAS kernels ("core") run the products, and the choice of a better one.
///
/// OpenBLAS built with DYNAMIC_ARCH picks its kernels when it is loaded, from a table of CPU
/// families and models; a CPU newer than that table gets an old fallback even when it has the
/// instructions of a newer core (0.3.21 runs `Prescott`, SSE3, on an AVX-512 Xeon of model 207,
/// and `Haswell` on an AVX-512 EPYC of family 26: about half the speed). The vector features the
/// CPU reports say which kernels it can run; when OpenBLAS's pick is below them, the process is
/// started again with `OPENBLAS_CORETYPE` set, the one way OpenBLAS takes a core (it reads the
/// variable only when it is loaded).
public enum BLASCore {
    /// The vector instructions that decide between OpenBLAS's x86-64 kernel families.
    public struct CPU: Equatable, Sendable {
        public var vendor: String
        public var family: Int
        public var model: Int
        /// The feature flags as Linux names them (`avx2`, `avx512f`, `avx512_bf16`, …): the CPUID
        /// bits the kernel lets programs use (it hides AVX-512 when it does not save its registers).
        public var flags: Set<String>

        public init(vendor: String, family: Int, model: Int, flags: Set<String>) {
            self.vendor = vendor
            self.family = family
            self.model = model
            self.flags = flags
        }

        /// The first processor of a `/proc/cpuinfo` text; nil when it names no x86 flags.
        public init?(cpuinfo: String) {
            var fields: [String: String] = [:]
            for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.trimmingCharacters(in: .whitespaces).isEmpty, !fields.isEmpty { break }
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                if fields[key] == nil { fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            }
            guard let flags = fields["flags"] else { return nil }
            self.init(vendor: fields["vendor_id"] ?? "", family: fields["cpu family"].flatMap { Int($0) } ?? 0,
                      model: fields["model"].flatMap { Int($0) } ?? 0,
                      flags: Set(flags.split(separator: " ").map(String.init)))
        }

        /// This machine's CPU (Linux), or nil.
        public static func current() -> CPU? {
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)).flatMap { CPU(cpuinfo: $0) }
        }

        /// The widest kernel family the CPU can run.
        var tier: Tier {
            if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]) { return .avx512 }
            if flags.isSuperset(of: ["avx2", "fma"]) { return .avx2 }
            if flags.contains("avx") { return .avx }
            return .sse
        }
    }

    /// OpenBLAS's x86-64 kernel families, by the widest vectors they use.
    enum Tier: Int, Comparable {
        case sse, avx, avx2, avx512
        static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

        /// The core OpenBLAS is asked for: for AVX-512 `SkylakeX` (the sgemm kernels of
        /// `Cooperlake` and `SapphireRapids` are the same, and every OpenBLAS since 0.3 knows the name);
        /// for AVX2 `Haswell` (faster than `Zen` on the EPYC it was measured on).
        var core: String? {
            switch self {
            case .avx512: return "SkylakeX"
            case .avx2: return "Haswell"
            case .avx: return "Sandybridge"
            case .sse: return nil
            }
        }

        /// The family of an OpenBLAS x86-64 core name (case-insensitive); nil for a name not known here.
        init?(core name: String) {
            switch name.lowercased() {
            case "skylakex", "cooperlake", "sapphirerapids": self = .avx512
            case "haswell", "zen", "excavator": self = .avx2
            case "sandybridge", "bulldozer", "piledriver", "steamroller": self = .avx
            case "unknown", "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn",
                 "dunnington", "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat":
                self = .sse
            default: return nil
            }
        }
    }

    /// The core to load OpenBLAS with instead of `loaded` (the one it picked), or nil to keep it:
    /// nil when the user set `OPENBLAS_CORETYPE` (`userCore`), when this OpenBLAS cannot switch
    /// (not built with DYNAMIC_ARCH), when `loaded` is a name not known here, and when it already
    /// uses the widest vectors the CPU has.
    public static func better(than loaded: String, cpu: CPU, userCore: String?, dynamicArch: Bool) -> String? {
        guard userCore?.isEmpty ?? true, dynamicArch, let current = Tier(core: loaded) else { return nil }
        let best = cpu.tier
        return best > current ? best.core : nil
    }

    /// The name of the core OpenBLAS runs ("Haswell", "SkylakeX", …; "Accelerate" on Apple platforms).
    public static var loaded: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        return String(cString: openblas_get_corename())
        #endif
    }

    /// When OpenBLAS fell back below what this CPU runs, replaces the process by itself with
    /// `OPENBLAS_CORETYPE` set to the better core (arguments, environment and open files unchanged,
    /// and inherited by child processes); otherwise, or if that fails, returns. Call first thing in `main`.
    public static func restartWithBetterCoreIfNeeded() {
        #if os(Linux)
        let environment = ProcessInfo.processInfo.environment
        guard let cpu = CPU.current(),
              let core = better(than: loaded, cpu: cpu, userCore: environment["OPENBLAS_CORETYPE"],
                                dynamicArch: String(cString: openblas_get_config()).contains("DYNAMIC_ARCH"))
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")  // exec failed: carry on with the core we have
        #endif
    }
}
