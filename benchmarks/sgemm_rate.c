/* This machine's sgemm rate on the shapes of the chapter's training run (784-256-10, batch 256,
 * 60,000 training and 10,000 test images per epoch), and the time bound it implies.
 *
 * Two ways to use two cores, both measured:
 *   blas-threads  one call per product, OpenBLAS splitting each call over its threads;
 *   own-threads   what the D2L fast trainer does: each of T threads makes its own single-threaded
 *                 call on its share (rows of the batch in the forward/backward-to-H products,
 *                 rows of the weight matrix in the weight-gradient products), all at once, on
 *                 the kernel the trainer picks (D2L's AVX-512 sgemm where the CPU runs it and
 *                 D2L_SGEMM is not "blas").
 * For each product the time per call is measured (small products with 10 outputs included: they
 * cost a roughly fixed time per call, not flops / rate), then
 *   bound = sum over products of calls per run x time per call,   rate = work / bound.
 * Prints a table on stderr and one JSON object on stdout.
 * Build: cc -O2 -ISources/CSgemm/include benchmarks/sgemm_rate.c Sources/CSgemm/sgemm_avx512.c \
 *        $(pkg-config --cflags --libs openblas) -lpthread
 */
#include <CSgemm.h>
#include <cblas.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void openblas_set_num_threads(int);
int openblas_get_num_threads(void);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* One product C = op(A) op(B) for a batch of n rows. kind: 0 X*W (fwd), 1 G*W^T (to H), 2 X^T*G (dW). */
typedef struct { const char *name; int kind, n, in, out; double calls; } Product;

typedef struct { int kind, n, in, out, part, parts, reps; float *a, *b, *c; pthread_barrier_t *start; double began, ended; } Job;

/* Whether own threads' products run on D2L's kernel (as `BLAS.kernel`). */
static int own_kernel;

static void product(int kind, int n, int in, int out, int part, int parts, const float *a, const float *b, float *c) {
    int kernel = own_kernel && parts > 1;
    if (kind == 0) { /* rows [r0,r1) of X (n x in) times W (in x out) */
        int r0 = n * part / parts, r1 = n * (part + 1) / parts;
        if (kernel) d2l_sgemm_avx512(0, 0, r1 - r0, out, in, 1, a + (size_t)r0 * in, in, b, out, 0, c + (size_t)r0 * out, out);
        else cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, r1 - r0, out, in, 1, a + (size_t)r0 * in, in, b, out, 0, c + (size_t)r0 * out, out);
    } else if (kind == 1) { /* rows of G (n x out) times W^T (out x in) */
        int r0 = n * part / parts, r1 = n * (part + 1) / parts;
        if (kernel) d2l_sgemm_avx512(0, 1, r1 - r0, in, out, 1, a + (size_t)r0 * out, out, b, out, 0, c + (size_t)r0 * in, in);
        else cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, r1 - r0, in, out, 1, a + (size_t)r0 * out, out, b, out, 0, c + (size_t)r0 * in, in);
    } else { /* rows [i0,i1) of X^T G: (in x n)(n x out), beta 1 as the fused update */
        int i0 = in * part / parts, i1 = in * (part + 1) / parts;
        if (kernel) d2l_sgemm_avx512(1, 0, i1 - i0, out, n, -0.001f, a + i0, in, b, out, 1, c + (size_t)i0 * out, out);
        else cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, i1 - i0, out, n, -0.001f, a + i0, in, b, out, 1, c + (size_t)i0 * out, out);
    }
}

static void *worker(void *p) {
    Job *j = p;
    pthread_barrier_wait(j->start);
    j->began = now();
    for (int r = 0; r < j->reps; r++) product(j->kind, j->n, j->in, j->out, j->part, j->parts, j->a, j->b, j->c);
    j->ended = now();
    return NULL;
}

/* Seconds per call of one product, split over `threads` of our own (1: a single call). */
static double time_per_call(const Product *p, int threads, float *a, float *b, float *c) {
    double flops = 2.0 * p->n * p->in * p->out;
    int reps = (int)(2e9 / flops) + 20; /* about 2 GFLOP per measurement: ~10-30 ms */
    double best = 1e9;
    for (int trial = 0; trial < 7; trial++) {  /* the fastest of 7: a shared machine only slows a trial down */
        if (threads == 1) {
            product(p->kind, p->n, p->in, p->out, 0, 1, a, b, c);
            double t = now();
            for (int r = 0; r < reps; r++) product(p->kind, p->n, p->in, p->out, 0, 1, a, b, c);
            t = (now() - t) / reps;
            if (t < best) best = t;
        } else {
            pthread_t tid[16];
            Job jobs[16];
            pthread_barrier_t start;
            pthread_barrier_init(&start, NULL, threads + 1);
            for (int i = 0; i < threads; i++) {
                jobs[i] = (Job){p->kind, p->n, p->in, p->out, i, threads, reps, a, b, c, &start, 0, 0};
                pthread_create(&tid[i], NULL, worker, &jobs[i]);
            }
            pthread_barrier_wait(&start);
            /* Timed by the workers themselves, first start to last end: with as many workers as
             * cores, this thread may wake after they have begun. */
            double began = 1e300, ended = 0;
            for (int i = 0; i < threads; i++) {
                pthread_join(tid[i], NULL);
                if (jobs[i].began < began) began = jobs[i].began;
                if (jobs[i].ended > ended) ended = jobs[i].ended;
            }
            double t = (ended - began) / reps;
            pthread_barrier_destroy(&start);
            if (t < best) best = t;
        }
    }
    return best;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    own_kernel = d2l_sgemm_avx512_supported() && d2l_sgemm_setting_allows_kernel(getenv("D2L_SGEMM"));
    int epochs = 10, batch = 256, hidden = 256, train = 60000, test = 10000;
    int full = train / batch, rest = train % batch, tfull = test / batch, trest = test % batch;
    Product products[] = {
        {"train X*W1        (n x 784 x 256)", 0, batch, 784, hidden, full},
        {"train H*W2        (n x 256 x 10)", 0, batch, hidden, 10, full},
        {"train dO*W2^T     (n x 10 x 256)", 1, batch, hidden, 10, full},
        {"train H^T*dO      (256 x n x 10)", 2, batch, hidden, 10, full},
        {"train X^T*dH      (784 x n x 256)", 2, batch, 784, hidden, full},
        {"last  X*W1        (96 rows)", 0, rest, 784, hidden, rest ? 1 : 0},
        {"last  H*W2        (96 rows)", 0, rest, hidden, 10, rest ? 1 : 0},
        {"last  dO*W2^T     (96 rows)", 1, rest, hidden, 10, rest ? 1 : 0},
        {"last  H^T*dO      (96 rows)", 2, rest, hidden, 10, rest ? 1 : 0},
        {"last  X^T*dH      (96 rows)", 2, rest, 784, hidden, rest ? 1 : 0},
        {"test  X*W1        (n x 784 x 256)", 0, batch, 784, hidden, tfull},
        {"test  H*W2        (n x 256 x 10)", 0, batch, hidden, 10, tfull},
        {"test  X*W1        (16 rows)", 0, trest, 784, hidden, trest ? 1 : 0},
        {"test  H*W2        (16 rows)", 0, trest, hidden, 10, trest ? 1 : 0},
    };
    int count = sizeof products / sizeof products[0];
    size_t big = (size_t)batch * 784 + 784 * hidden;
    float *a = malloc(big * 4), *b = malloc(big * 4), *c = malloc(big * 4);
    for (size_t i = 0; i < big; i++) { a[i] = (float)(i % 13) * 0.01f; b[i] = (float)(i % 7) * 0.01f; c[i] = 0; }

    int blas_default = openblas_get_num_threads();
    double work = 0, bound[2] = {0, 0}, small[2] = {0, 0};
    fprintf(stderr, "%-36s %9s %12s %12s\n", "product", "calls/run", "blas-thr us", "own-thr us");
    for (int i = 0; i < count; i++) {
        Product *p = &products[i];
        if (p->calls == 0) continue;
        double flops = 2.0 * p->n * p->in * p->out;
        work += flops * p->calls * epochs;
        openblas_set_num_threads(threads);
        double t0 = time_per_call(p, 1, a, b, c);
        openblas_set_num_threads(1);
        double t1 = time_per_call(p, threads, a, b, c);
        bound[0] += t0 * p->calls * epochs;
        bound[1] += t1 * p->calls * epochs;
        if (p->out == 10) { small[0] += t0 * p->calls * epochs; small[1] += t1 * p->calls * epochs; }
        fprintf(stderr, "%-36s %9.0f %9.1f %5.0fG %9.1f %5.0fG\n", p->name, p->calls * epochs, t0 * 1e6, flops / t0 / 1e9,
                t1 * 1e6, flops / t1 / 1e9);
    }
    openblas_set_num_threads(blas_default);
    fprintf(stderr, "work %.1f GFLOP; bound %.2f s at %.0f GFLOP/s (OpenBLAS, %d threads per call; products with 10 outputs %.2f s), "
                    "%.2f s at %.0f GFLOP/s (%d own threads, single-threaded calls on %s; 10-output products %.2f s)\n",
            work / 1e9, bound[0], work / bound[0] / 1e9, threads, small[0], bound[1], work / bound[1] / 1e9, threads,
            own_kernel ? "D2L AVX-512" : "the BLAS", small[1]);
    printf("{\"work_gflop\":%.3f,\"threads\":%d,"
           "\"blas_threads\":{\"bound_s\":%.4f,\"gflops\":%.2f,\"small_products_s\":%.4f},"
           "\"own_threads\":{\"bound_s\":%.4f,\"gflops\":%.2f,\"small_products_s\":%.4f,\"kernel\":\"%s\"}}\n",
           work / 1e9, threads, bound[0], work / bound[0] / 1e9, small[0], bound[1], work / bound[1] / 1e9, small[1],
           own_kernel ? "D2L AVX-512" : "BLAS");
    return 0;
}
