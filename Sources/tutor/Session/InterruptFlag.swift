import Dispatch
import Foundation
import Synchronization

/// Ctrl-C during training: the first press asks the run to stop after the current batch (the
/// epochs done so far are still reported, plotted and saved); a second press quits at once.
final class InterruptFlag: Sendable {
    private let requested = Atomic<Bool>(false)
    private nonisolated(unsafe) var source: DispatchSourceSignal?

    var isSet: Bool { requested.load(ordering: .relaxed) }

    /// Starts listening for SIGINT; `onFirst` runs (on a background queue) at the first press.
    func install(onFirst: @escaping @Sendable () -> Void = {}) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in
            if requested.exchange(true, ordering: .relaxed) {
                FileHandle.standardError.write(Data("\n".utf8))
                exit(130)
            }
            onFirst()
        }
        source.resume()
        self.source = source
    }

    /// Restores the default Ctrl-C.
    func uninstall() {
        source?.cancel()
        source = nil
        signal(SIGINT, SIG_DFL)
    }
}
