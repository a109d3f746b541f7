#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif

/// The BLAS's own thread count. The fast trainer runs its own workers and sets this to 1 while
/// they run: two single-threaded sgemms side by side beat one call split by OpenBLAS on these
/// shapes (and the products with 10 outputs then skip OpenBLAS's thread hand-off).
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
}
