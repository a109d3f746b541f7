#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif
import Synchronization

/// The BLAS's own thread count. The fast trainer runs its own workers and has the BLAS use one
/// thread per call while they run: two single-threaded sgemms side by side beat one call split by
/// OpenBLAS on these shapes (and the products with 10 outputs then skip OpenBLAS's thread hand-off).
enum BLASThreads {
    /// Threads per BLAS call (OpenBLAS; 0 where unknown, e.g. Accelerate).
    static var count: Int {
        get {
            #if canImport(Accelerate)
            return 0
            #else
            return Int(openblas_get_num_threads())
            #endif
        }
        set {
            #if !canImport(Accelerate)
            if newValue > 0 { openblas_set_num_threads(Int32(newValue)) }
            #endif
        }
    }

    /// How many `singleThreaded` bodies are running, and the count to restore after the last.
    private static let state = Mutex<(users: Int, saved: Int)>((0, 0))

    /// Runs `body` with one BLAS thread per call; nested and concurrent uses restore the
    /// original count only when the last one ends.
    static func singleThreaded<T>(_ body: () -> T) -> T {
        state.withLock { s in
            if s.users == 0 {
                s.saved = count
                count = 1
            }
            s.users += 1
        }
        defer {
            state.withLock { s in
                s.users -= 1
                if s.users == 0 { count = s.saved }
            }
        }
        return body()
    }
}
