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

    /// libFuzzer runs on the main thread (its timeouts act only there), whose stack is set at
    /// exec from RLIMIT_STACK: the driver runs itself again with `fuzzStackBytes`.
    static func limitStack() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0, limit.rlim_cur > rlim_t(fuzzStackBytes) else { return }
        limit.rlim_cur = rlim_t(fuzzStackBytes)
        guard setrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0 else { return }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }

    /// Without AddressSanitizer nothing gives the main thread an alternate signal stack, and
    /// libFuzzer's handler of a stack overflow would run on the stack that overflowed (and the
    /// input be lost): once libFuzzer has set its handlers, they move to a stack of their own.
    nonisolated(unsafe) static var handlersMoved = false
    static func moveCrashHandlersToTheirOwnStack() {
        handlersMoved = true
        let size = 1 << 16
        var stack = stack_t(ss_sp: malloc(size), ss_flags: 0, ss_size: size)
        sigaltstack(&stack, nil)
        for signal in [SIGSEGV, SIGBUS] {
            var action = sigaction()
            guard sigaction(signal, nil, &action) == 0 else { continue }
            action.sa_flags |= SA_ONSTACK
            sigaction(signal, &action, nil)
        }
    }

    static func runLibFuzzer() -> Int32 {
        let arguments = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var argc = Int32(arguments.count)
        return argv.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var base = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &base) { data, size in
                if !Harness.handlersMoved { Harness.moveCrashHandlersToTheirOwnStack() }
                let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
                if case .broken(let what) = Harness.selected.run(input) { fatalError(what) }
                return 0
            }
        }
    }
}

_ = Harness.selected
Harness.limitStack()
exit(Harness.runLibFuzzer())
