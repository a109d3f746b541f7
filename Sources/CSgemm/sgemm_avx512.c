#include "CSgemm.h"

#include <stdlib.h>
#include <strings.h>

int d2l_sgemm_setting_allows_kernel(const char *setting) {
    return !(setting && (strcasecmp(setting, "blas") == 0 || strcasecmp(setting, "openblas") == 0));
}

/* Tiles of MR rows x NR columns of C, each kept in 16 vector registers while the tile's k-long
 * sums run: a row of B gives two 16-float vectors, each element of A is broadcast. Neither
 * operand is packed: the trainer calls this on blocks of a batch, and packing the weight matrix
 * for every block (as a BLAS does) costs about as much as the block's product. Rows of A are read
 * through two strides, so Aᵀ costs nothing either; Bᵀ is copied once per call. */
enum { MR = 8, NR = 32, ROW_BLOCK = 64 };

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

int d2l_sgemm_avx512_supported(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    /* The OS saves SSE, AVX, opmask and both halves of the ZMM registers (XCR0 bits 1, 2, 5-7). */
    if ((lo & 0xE6) != 0xE6) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & bit_AVX512F) != 0;
}

/* The MR x NR tile of sums over p < k of A(r, p) * B(p, j), where A(r, p) = a[r * rsa + p * csa]
 * and B(p, j) = b[p * ldb + j]; columns outside the masks are not read. Written to t (MR x NR). */
__attribute__((target("avx512f")))
static void tile(long k, const float *a, long rsa, long csa, const float *b, long ldb,
                 __mmask16 m0, __mmask16 m1, float *t) {
    __m512 c00 = _mm512_setzero_ps(), c01 = _mm512_setzero_ps(), c10 = _mm512_setzero_ps(), c11 = _mm512_setzero_ps();
    __m512 c20 = _mm512_setzero_ps(), c21 = _mm512_setzero_ps(), c30 = _mm512_setzero_ps(), c31 = _mm512_setzero_ps();
    __m512 c40 = _mm512_setzero_ps(), c41 = _mm512_setzero_ps(), c50 = _mm512_setzero_ps(), c51 = _mm512_setzero_ps();
    __m512 c60 = _mm512_setzero_ps(), c61 = _mm512_setzero_ps(), c70 = _mm512_setzero_ps(), c71 = _mm512_setzero_ps();
    for (long p = 0; p < k; p++) {
        const float *bp = b + p * ldb, *ap = a + p * csa;
        __m512 b0 = _mm512_maskz_loadu_ps(m0, bp), b1 = _mm512_maskz_loadu_ps(m1, bp + 16), x;
        x = _mm512_set1_ps(ap[0 * rsa]); c00 = _mm512_fmadd_ps(x, b0, c00); c01 = _mm512_fmadd_ps(x, b1, c01);
        x = _mm512_set1_ps(ap[1 * rsa]); c10 = _mm512_fmadd_ps(x, b0, c10); c11 = _mm512_fmadd_ps(x, b1, c11);
        x = _mm512_set1_ps(ap[2 * rsa]); c20 = _mm512_fmadd_ps(x, b0, c20); c21 = _mm512_fmadd_ps(x, b1, c21);
        x = _mm512_set1_ps(ap[3 * rsa]); c30 = _mm512_fmadd_ps(x, b0, c30); c31 = _mm512_fmadd_ps(x, b1, c31);
        x = _mm512_set1_ps(ap[4 * rsa]); c40 = _mm512_fmadd_ps(x, b0, c40); c41 = _mm512_fmadd_ps(x, b1, c41);
        x = _mm512_set1_ps(ap[5 * rsa]); c50 = _mm512_fmadd_ps(x, b0, c50); c51 = _mm512_fmadd_ps(x, b1, c51);
        x = _mm512_set1_ps(ap[6 * rsa]); c60 = _mm512_fmadd_ps(x, b0, c60); c61 = _mm512_fmadd_ps(x, b1, c61);
        x = _mm512_set1_ps(ap[7 * rsa]); c70 = _mm512_fmadd_ps(x, b0, c70); c71 = _mm512_fmadd_ps(x, b1, c71);
    }
    _mm512_store_ps(t + 0 * NR, c00); _mm512_store_ps(t + 0 * NR + 16, c01);
    _mm512_store_ps(t + 1 * NR, c10); _mm512_store_ps(t + 1 * NR + 16, c11);
    _mm512_store_ps(t + 2 * NR, c20); _mm512_store_ps(t + 2 * NR + 16, c21);
    _mm512_store_ps(t + 3 * NR, c30); _mm512_store_ps(t + 3 * NR + 16, c31);
    _mm512_store_ps(t + 4 * NR, c40); _mm512_store_ps(t + 4 * NR + 16, c41);
    _mm512_store_ps(t + 5 * NR, c50); _mm512_store_ps(t + 5 * NR + 16, c51);
    _mm512_store_ps(t + 6 * NR, c60); _mm512_store_ps(t + 6 * NR + 16, c61);
    _mm512_store_ps(t + 7 * NR, c70); _mm512_store_ps(t + 7 * NR + 16, c71);
}

/* C rows [0, rows) of the tile at c: alpha * t + beta * C (C not read when beta == 0). */
__attribute__((target("avx512f")))
static void store(const float *t, long rows, float alpha, float beta, float *c, long ldc, __mmask16 m0, __mmask16 m1) {
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    for (long r = 0; r < rows; r++) {
        float *cr = c + r * ldc;
        __m512 x0 = _mm512_mul_ps(va, _mm512_load_ps(t + r * NR)), x1 = _mm512_mul_ps(va, _mm512_load_ps(t + r * NR + 16));
        if (beta != 0) {
            x0 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m0, cr), x0);
            x1 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m1, cr + 16), x1);
        }
        _mm512_mask_storeu_ps(cr, m0, x0);
        _mm512_mask_storeu_ps(cr + 16, m1, x1);
    }
}

static __mmask16 mask(long columns) { return columns >= 16 ? 0xFFFF : columns <= 0 ? 0 : (__mmask16)((1u << columns) - 1); }

__attribute__((target("avx512f")))
static void product(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                    const float *b, long ldb, float beta, float *c, long ldc) {
    const long rsa = transA ? 1 : lda, csa = transA ? lda : 1;
    float t[MR * NR] __attribute__((aligned(64)));
    /* A short last tile's rows, copied and padded with zero rows (element (r, p) at [p * MR + r]). */
    float stackEdge[MR * 512] __attribute__((aligned(64)));
    float *edge = NULL;
    for (long i0 = 0; i0 < m; i0 += ROW_BLOCK) {
        const long i1 = m - i0 < ROW_BLOCK ? m : i0 + ROW_BLOCK;
        for (long j = 0; j < n; j += NR) {
            const __mmask16 m0 = mask(n - j), m1 = mask(n - j - 16);
            for (long i = i0; i < i1; i += MR) {
                const long rows = i1 - i < MR ? i1 - i : MR;
                if (rows == MR) {
                    tile(k, a + i * rsa, rsa, csa, b + j, ldb, m0, m1, t);
                } else {
                    if (!edge) {
                        edge = k <= 512 ? stackEdge : malloc(sizeof(float) * MR * (size_t)k);
                        if (!edge) abort();
                        for (long p = 0; p < k; p++)
                            for (long r = 0; r < MR; r++) edge[p * MR + r] = r < rows ? a[(i + r) * rsa + p * csa] : 0;
                    }
                    tile(k, edge, 1, MR, b + j, ldb, m0, m1, t);
                }
                store(t, rows, alpha, beta, c + i * ldc + j, ldc, m0, m1);
            }
        }
    }
    if (edge && edge != stackEdge) free(edge);
}

void d2l_sgemm_avx512(int transA, int transB, long m, long n, long k, float alpha, const float *a, long lda,
                      const float *b, long ldb, float beta, float *c, long ldc) {
    if (m <= 0 || n <= 0) return;
    if (!transB) {
        product(transA, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
    /* Bᵀ copied to k x n rows (the trainer's Bᵀ is a weight matrix: small beside the product). */
    float *copy = malloc(sizeof(float) * (size_t)(k > 0 ? k : 1) * (size_t)n);
    if (!copy) abort();
    for (long j = 0; j < n; j++)
        for (long p = 0; p < k; p++) copy[p * n + j] = b[j * ldb + p];
    product(transA, m, n, k, alpha, a, lda, copy, n, beta, c, ldc);
    free(copy);
}

#else

int d2l_sgemm_avx512_supported(void) { return 0; }

/* Never called where the kernel is not supported; defined so the library links everywhere. */
void d2l_sgemm_avx512(int transA, int transB, long m, long n, long k, float alpha, const float *a, long lda,
                      const float *b, long ldb, float beta, float *c, long ldc) {
    (void)transA; (void)transB; (void)m; (void)n; (void)k; (void)alpha; (void)a; (void)lda; (void)b; (void)ldb; (void)beta; (void)c; (void)ldc;
    abort();
}

#endif
