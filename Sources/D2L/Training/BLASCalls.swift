#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif

/// The BLAS calls of the fast trainer: sgemm on row-major buffers, and the BLAS's own thread count.
enum TrainerBLAS {
    /// C = alpha · op(A) · op(B) + beta · C, row-major; op(A) is m×k, op(B) k×n, C m×n.
    @inline(__always)
    static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    .init(m), .init(n), .init(k), alpha, a, .init(lda), b, .init(ldb), beta, c, .init(ldc))
    }

    /// The number of threads the BLAS uses inside one call (OpenBLAS; 0 = unknown elsewhere).
    static var threads: Int {
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
