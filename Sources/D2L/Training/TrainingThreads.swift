import Foundation

/// How many threads a training run uses, for callers that run several runs at once (a
/// hyperparameter sweep). Both settings are process-wide; set them before starting runs.
public enum TrainingThreads {
    /// Threads per BLAS call (OpenBLAS; 0 where unknown). The trainer sets this to 1 itself while
    /// it runs several workers of its own; with one worker it leaves it as set here.
    public static var blas: Int {
        get { BLASThreads.count }
        set { BLASThreads.count = newValue }
    }

    /// Worker threads of each training run: nil means one per core (or `$D2L_THREADS` as the
    /// process was started). Setting it sets `$D2L_THREADS`, which the trainer reads per run.
    public static var workers: Int? {
        get { ProcessInfo.processInfo.environment["D2L_THREADS"].flatMap { Int($0) } }
        set {
            if let n = newValue, n >= 1 { setenv("D2L_THREADS", String(n), 1) } else { unsetenv("D2L_THREADS") }
        }
    }
}
