#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif
import CSgemm
import Foundation

/// The one door to the matrix products: the BLAS (OpenBLAS on Linux, Accelerate on Apple
/// platforms), and D2L's own AVX-512 kernel for products a thread makes for itself.
public enum BLAS {
    /// What computes a product made on the calling thread (`sgemm(…, onCallingThread: true)`).
    public enum Kernel: String, Sendable {
        /// D2L's own (`Sources/CSgemm`): on the trainer's one-thread products twice the speed of
        /// OpenBLAS's AVX2 kernels and as fast as its AVX-512 ones (it packs nothing).
        case avx512 = "D2L AVX-512"
        case blas = "BLAS"
    }

    /// D2L's kernel where the CPU and OS run AVX-512, unless `D2L_SGEMM=blas` (or `openblas`)
    /// asks for the BLAS.
    /// Whatever the BLAS core (`OPENBLAS_CORETYPE`), OpenBLAS keeps every other product.
    public static let kernel: Kernel = kernel(supported: d2l_sgemm_avx512_supported() != 0,
                                              setting: ProcessInfo.processInfo.environment["D2L_SGEMM"])

    static func kernel(supported: Bool, setting: String?) -> Kernel {
        supported && d2l_sgemm_setting_allows_kernel(setting) != 0 ? .avx512 : .blas
    }

    /// C = alpha · op(A) · op(B) + beta · C on row-major buffers, where op(X) is X or Xᵀ.
    ///
    /// op(A) is m×k, op(B) is k×n, C is m×n. `lda`, `ldb`, `ldc` are the row strides of the
    /// stored matrices (A is stored m×k, or k×m when `transposeA`; likewise B). Transposes are
    /// read in place: nothing is copied. `onCallingThread`: the caller wants the product on its own
    /// thread (the trainer's workers, inside `BLASThreads.singleThreaded`), and `kernel` takes it.
    public static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int,
        onCallingThread: Bool = false
    ) {
        guard m > 0, n > 0 else { return }
        if onCallingThread, kernel == .avx512 {
            d2l_sgemm_avx512(transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    .init(m), .init(n), .init(k),
                    alpha, a, .init(lda), b, .init(ldb),
                    beta, c, .init(ldc))
    }
}

/// The matrix product op(a) · op(b) of two 2-D tensors, through BLAS `sgemm`.
///
/// With `transposeA` the product uses aᵀ (and likewise for b) without copying a transpose,
/// which is how the backward pass computes Xᵀ·G and G·Wᵀ.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2,
                 "matmul needs two matrices, got shapes \(a.shape) and \(b.shape)")
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let kb = transposeB ? b.shape[1] : b.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(k == kb, "matmul: inner dimensions differ: \(opShape(a.shape, transposeA)) · \(opShape(b.shape, transposeB))")
    if k == 0 { return Tensor.zeros([m, n]) }
    // sgemm with beta = 0 writes every element: no need to zero the storage first.
    return a.scalars.withUnsafeBufferPointer { pa in
        b.scalars.withUnsafeBufferPointer { pb in
            Tensor(shape: [m, n]) { pc in
                guard pc.count > 0 else { return }
                BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                           a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                           c: pc.baseAddress!, ldc: n)
            }
        }
    }
}

/// op(a) · op(b) written into `result` (which must already have the product's shape), or added
/// to it when `accumulate` is true. Reuses `result`'s storage: no allocation when it is unshared.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                   into result: inout Tensor, accumulate: Bool = false) {
    precondition(a.rank == 2 && b.rank == 2,
                 "matmul needs two matrices, got shapes \(a.shape) and \(b.shape)")
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(k == (transposeB ? b.shape[1] : b.shape[0]),
                 "matmul: inner dimensions differ: \(opShape(a.shape, transposeA)) · \(opShape(b.shape, transposeB))")
    precondition(result.shape == [m, n], "matmul: result has shape \(result.shape), the product is [\(m), \(n)]")
    if k == 0 {
        if !accumulate { result.scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        return
    }
    a.scalars.withUnsafeBufferPointer { pa in
        b.scalars.withUnsafeBufferPointer { pb in
            result.scalars.withUnsafeMutableBufferPointer { pc in
                BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                           a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                           beta: accumulate ? 1 : 0, c: pc.baseAddress!, ldc: n)
            }
        }
    }
}

private func opShape(_ shape: [Int], _ transposed: Bool) -> [Int] {
    transposed ? [shape[1], shape[0]] : shape
}
