import Foundation

/// The `swiftc` that builds learner code, and what identifies it: a module built by one
/// compiler is never loaded by another, so the identity is part of `WorkspaceLibrary`'s key.
public struct SwiftCompiler: Sendable, Equatable {
    /// The `swiftc` to run (a path).
    public var swiftc: String
    /// The real paths, sizes and modification times of the driver and the frontend next to it:
    /// read with `stat` alone, so working it out costs nothing on every check, and any other
    /// toolchain (a new version, another folder) gives another identity.
    public var identity: String

    public init(swiftc: String, identity: String) {
        self.swiftc = swiftc
        self.identity = identity
    }

    /// Whether the toolchain ships lld (`ld.lld` beside the driver).
    var hasLLD: Bool { FileManager.default.isExecutableFile(atPath: besideDriver("ld.lld")) }

    /// The toolchain's `clang` and `llvm-ar` (beside the driver), for the library's C targets.
    var clang: String { besideDriver("clang") }
    var llvmAR: String { besideDriver("llvm-ar") }

    private func besideDriver(_ tool: String) -> String {
        URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(tool).path
    }

    /// The `swiftc` in `PATH`, or nil when there is none.
    public static func find(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> SwiftCompiler? {
        guard let swiftc = SandboxIsolation.findInPath("swiftc", path: path) else { return nil }
        let driver = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath()
        let frontend = driver.deletingLastPathComponent().appendingPathComponent("swift-frontend").resolvingSymlinksInPath()
        let identity = [driver, frontend].map { url -> String in
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            return "\(url.path) \(size) \(date)"
        }.joined(separator: "\n")
        return SwiftCompiler(swiftc: swiftc, identity: identity)
    }
}
