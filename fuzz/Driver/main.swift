import Foundation
import FuzzTargets

// libFuzzer's entry for programs that have their own main (from libclang_rt.fuzzer_no_main).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

enum Harness {
    /// The harness named by the first argument; the rest of the arguments are libFuzzer's.
    static let selected: FuzzTarget = {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        guard CommandLine.arguments.count >= 2, let target = FuzzTarget(rawValue: CommandLine.arguments[1]) else {
            FileHandle.standardError.write(Data("usage: tutor-fuzz HARNESS [libFuzzer options] [CORPUS…]   (HARNESS: \(names))\n".utf8))
            exit(2)
        }
        return target
    }()

    static func runLibFuzzer() -> Int32 {
        let arguments = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var argc = Int32(arguments.count)
        return argv.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var base = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &base) { data, size in
                let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
                if case .broken(let what) = Harness.selected.run(input) { fatalError(what) }
                return 0
            }
        }
    }
}

_ = Harness.selected
exit(onFuzzStack(Harness.runLibFuzzer))
