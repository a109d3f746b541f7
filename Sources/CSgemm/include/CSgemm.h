#ifndef CSGEMM_H
#define CSGEMM_H

/* D2L's own single-threaded sgemm for CPUs with AVX-512, used by the trainer's products
 * (`BLAS.sgemm(..., onCallingThread: true)`); the BLAS does every other product. */

/* 1 when this CPU and operating system run `d2l_sgemm_avx512` (AVX-512 F, and ZMM state enabled). */
int d2l_sgemm_avx512_supported(void);

/* 0 when `setting` (the value of D2L_SGEMM, or NULL) asks for the BLAS: "blas" or "openblas",
 * in any case; 1 otherwise. */
int d2l_sgemm_setting_allows_kernel(const char *setting);

/* Row-major C = alpha * op(A) * op(B) + beta * C, where op(A) is A (m x k, row stride lda) or,
 * with transA, the transpose of A stored k x m; likewise op(B) is k x n, B stored k x n or, with
 * transB, n x k (row stride ldb). C is m x n (row stride ldc). With beta == 0, C is written
 * without being read. Each element of C is one sum over p = 0 ..< k in order, so a block of rows
 * gives the same bits as the whole product. Call only when `d2l_sgemm_avx512_supported()` is 1. */
void d2l_sgemm_avx512(int transA, int transB, long m, long n, long k, float alpha, const float *a, long lda,
                      const float *b, long ldb, float beta, float *c, long ldc);

#endif
