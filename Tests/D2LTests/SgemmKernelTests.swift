import CSgemm
import Foundation
import Testing
@testable import D2L

/// D2L's own AVX-512 sgemm (`Sources/CSgemm`), checked against sums in double precision.
@Suite struct SgemmKernelTests {
    static let supported = d2l_sgemm_avx512_supported() != 0

    @Test func theKernelRunsExactlyWhereLinuxReportsAVX512() throws {
        #if os(Linux) && arch(x86_64)
        let cpu = try #require(BLASCore.CPU.current())
        #expect(Self.supported == cpu.flags.contains("avx512f"))
        #else
        #expect(!Self.supported)
        #endif
    }

    @Test func theSettingCanAskForTheBLAS() {
        #expect(BLAS.kernel(supported: true, setting: nil) == .avx512)
        #expect(BLAS.kernel(supported: true, setting: "blas") == .blas)
        #expect(BLAS.kernel(supported: true, setting: "BLAS") == .blas)
        #expect(BLAS.kernel(supported: true, setting: "OpenBLAS") == .blas)
        #expect(BLAS.kernel(supported: true, setting: "avx512") == .avx512)
        #expect(BLAS.kernel(supported: false, setting: nil) == .blas)
    }

    /// A product on padded buffers: op(A) is m×k, op(B) is k×n, C is m×n inside rows of `ldc`.
    struct Case: CustomStringConvertible {
        var transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float, beta: Float
        var lda: Int { (transA ? m : k) + 3 }
        var ldb: Int { (transB ? k : n) + 5 }
        var ldc: Int { n + 7 }
        var description: String {
            "\(transA ? "Aᵀ" : "A")·\(transB ? "Bᵀ" : "B"), m \(m), n \(n), k \(k), alpha \(alpha), beta \(beta)"
        }
    }

    /// Deterministic values in [-1, 1).
    func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 7919 + seed * 104_729) % 2001) / 1000 - 1 }
    }

    /// Runs one case through the kernel and compares every element of C, and that nothing
    /// outside the m×n block moved. Returns the number of mismatches.
    func mismatches(_ t: Case) -> Int {
        let a = values((t.transA ? t.k : t.m) * t.lda + 1, seed: 1)
        let b = values((t.transB ? t.n : t.k) * t.ldb + 1, seed: 2)
        let sentinel: Float = 12345
        var c = [Float](repeating: sentinel, count: (t.m + 1) * t.ldc)
        let before = values(t.m * t.ldc, seed: 3)
        for i in 0..<t.m { for j in 0..<t.n { c[i * t.ldc + j] = t.beta == 0 ? .nan : before[i * t.ldc + j] } }
        c.withUnsafeMutableBufferPointer { pc in
            d2l_sgemm_avx512(t.transA ? 1 : 0, t.transB ? 1 : 0, t.m, t.n, t.k, t.alpha, a, t.lda, b, t.ldb, t.beta, pc.baseAddress!, t.ldc)
        }
        var bad = 0
        for i in 0...t.m {
            for j in 0..<t.ldc {
                let got = c[i * t.ldc + j]
                guard i < t.m, j < t.n else {
                    if got != sentinel { bad += 1 }
                    continue
                }
                var sum = 0.0, size = 0.0
                for p in 0..<t.k {
                    let x = Double(t.transA ? a[p * t.lda + i] : a[i * t.lda + p]) * Double(t.transB ? b[j * t.ldb + p] : b[p * t.ldb + j])
                    sum += x
                    size += abs(x)
                }
                let old = t.beta == 0 ? 0 : Double(t.beta) * Double(before[i * t.ldc + j])
                let want = Double(t.alpha) * sum + old
                let tolerance = 1e-6 * (Double(abs(t.alpha)) * size + abs(old)) + 1e-30
                if !(abs(Double(got) - want) <= tolerance) { bad += 1 }
            }
        }
        return bad
    }

    @Test(.enabled(if: supported, "the CPU or OS does not run AVX-512"))
    func everyEdgeOfRowsAndColumnsAgreesWithDoubleSums() {
        for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
            for m in [1, 7, 8, 9, 64, 67] {
                for n in [1, 10, 16, 17, 32, 47, 64] {
                    for k in [0, 1, 5, 130] {
                        let t = Case(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.75,
                                     beta: (m + n + k) % 3 == 0 ? 0 : -0.5)
                        #expect(mismatches(t) == 0, "\(t)")
                    }
                }
            }
        }
    }

    @Test(.enabled(if: supported, "the CPU or OS does not run AVX-512"))
    func theTrainersShapesAgreeWithDoubleSums() {
        // A block of the batch times W1, the output layer's gradient times W2ᵀ, and a block of
        // W1's rows updated by Xᵀ·dZ (beta 1).
        #expect(mismatches(Case(transA: false, transB: false, m: 64, n: 256, k: 784, alpha: 1, beta: 0)) == 0)
        #expect(mismatches(Case(transA: false, transB: true, m: 64, n: 256, k: 10, alpha: 1, beta: 0)) == 0)
        #expect(mismatches(Case(transA: true, transB: false, m: 196, n: 256, k: 256, alpha: -0.1 / 256, beta: 1)) == 0)
    }

    @Test(.enabled(if: supported, "the CPU or OS does not run AVX-512"))
    func aBlockOfRowsGivesTheSameBitsAsTheWholeProduct() {
        let (m, n, k) = (100, 40, 300)
        let a = values(m * k, seed: 4), b = values(k * n, seed: 5)
        var whole = [Float](repeating: 0, count: m * n), parts = whole
        d2l_sgemm_avx512(0, 0, m, n, k, 1, a, k, b, n, 0, &whole, n)
        for rows in [0..<13, 13..<64, 64..<100] {
            parts.withUnsafeMutableBufferPointer { pc in
                a.withUnsafeBufferPointer { pa in
                    d2l_sgemm_avx512(0, 0, rows.count, n, k, 1, pa.baseAddress! + rows.lowerBound * k, k, b, n, 0,
                                     pc.baseAddress! + rows.lowerBound * n, n)
                }
            }
        }
        #expect(whole == parts)
    }
}
