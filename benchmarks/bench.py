#!/usr/bin/env python3
"""Runs, in one go on the same data, the D2L library's 10-epoch training (`tutor train --json`)
and the PyTorch peer in its two setups, plus the sgemm rate of this machine; prints for each the
total and per-epoch wall time, peak memory, final loss and accuracies, and the ratios.

Called by benchmarks/run.sh (which builds what is needed); see benchmarks/README.md.
Standard library only: it runs under the system python3, the peer under the torch venv.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def descendants(root):
    """The pids of root and all its descendants (from /proc)."""
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parent[int(name)] = int(fields[1])
            except OSError:
                pass
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, pp in parent.items():
            if pp == p and child not in tree:
                tree.add(child)
                frontier.append(child)
    return tree


def pss_kib(pid):
    """Proportional set size (shared pages split between sharers), else RSS, in KiB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE // 1024
    except OSError:
        return 0


def run(name, command, env=None):
    """Runs a contender; returns its parsed summary, wall time, exact peak RSS of the main process
    (wait4) and the sampled peak PSS of its whole process tree (DataLoader workers included)."""
    print(f"  running {name}: {' '.join(command)}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    peak_tree = [0]
    done = threading.Event()

    def sample():
        while not done.wait(0.1):
            total = sum(pss_kib(p) for p in descendants(proc.pid))
            peak_tree[0] = max(peak_tree[0], total)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_lines = []
    for line in proc.stdout:
        out_lines.append(line)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{name} failed (exit {proc.returncode}):\n{err[-2000:]}")
    summary = json.loads(out_lines[-1])
    cores = [line[len("Core: "):].strip() for line in err.splitlines() if line.startswith("Core: ")]
    return {"name": name, "summary": summary, "wall": wall, "maxrss_mib": usage.ru_maxrss / 1024,
            "tree_pss_mib": peak_tree[0] / 1024, "cpu_s": usage.ru_utime + usage.ru_stime,
            "blas_core": cores[-1] if cores else None}


def cpu_model():
    """The CPU's model name, family and model from /proc/cpuinfo (Linux), else the platform's name."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        import platform
        return platform.processor() or platform.machine()
    return f"{fields.get('model name', '?')} (family {fields.get('cpu family', '?')}, model {fields.get('model', '?')})"


def blas_core(tutor):
    """The OpenBLAS core the tutor runs on, and how it came to it (OpenBLAS prints `Core: X` as it
    loads; when the tutor restarts itself with a better core, it prints twice)."""
    err = subprocess.run([tutor, "--version"], capture_output=True, text=True,
                         env={**os.environ, "OPENBLAS_VERBOSE": "2"}).stderr
    cores = [line[len("Core: "):].strip() for line in err.splitlines() if line.startswith("Core: ")]
    if not cores:
        return None, "not OpenBLAS"
    if os.environ.get("OPENBLAS_CORETYPE"):
        return cores[-1], f"set by OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} in the environment"
    if len(cores) > 1:
        return cores[-1], f"OpenBLAS picked {cores[0]}; the tutor restarted itself with OPENBLAS_CORETYPE={cores[-1]}"
    return cores[-1], "OpenBLAS's own pick, kept by the tutor"


def describe(r):
    epochs = r["summary"]["epochs"]
    last = epochs[-1]
    train_s = sum(e["seconds"] for e in epochs)
    r["train_s"] = train_s
    return (f"{r['name']:<34} {r['wall']:8.2f} {train_s:8.2f} {train_s / len(epochs):7.3f} "
            f"{r['maxrss_mib']:8.0f} {r['tree_pss_mib']:8.0f} {r['cpu_s']:7.1f} "
            f"{last['train_loss']:7.4f} {last['train_acc']:7.4f} {last['test_acc']:7.4f}")


def ours_core(results):
    return " / ".join(sorted({r["blas_core"] for r in results if r.get("blas_core")})) or "?"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tutor", required=True)
    parser.add_argument("--sgemm", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--data", default=os.environ.get("FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--skip-book", action="store_true", help="skip the slow book setup of the peer")
    parser.add_argument("--json", help="also write all figures to this file")
    parser.add_argument("--busy-core", action="store_true",
                        help="keep one core busy with `yes >/dev/null` during the runs (a shared machine)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="run every contender this many times, in turn, and report each one's median run")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    here = os.path.dirname(os.path.abspath(__file__))

    ncpu = os.cpu_count()
    core, how = blas_core(args.tutor)
    machine = (f"machine: {cpu_model()}, {ncpu} cores; BLAS core {core} ({how}); "
               f"load average before: {os.getloadavg()[0]:.2f}")
    print(machine, file=sys.stderr)
    busy = subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) if args.busy_core else None
    if busy:
        print("one core kept busy by `yes >/dev/null` for the whole run", file=sys.stderr)
    # The bound is measured on the kernels the tutor runs.
    sgemm_env = {**os.environ, **({"OPENBLAS_CORETYPE": core} if core else {})}
    rate = json.loads(subprocess.run([args.sgemm, str(ncpu)], check=True, capture_output=True, text=True,
                                     env=sgemm_env).stdout)
    rate["work_gflop"] *= args.epochs / 10
    for mode in ("blas_threads", "own_threads"):
        rate[mode]["bound_s"] *= args.epochs / 10

    common = ["--epochs", str(args.epochs), "--data", args.data]
    peer = [args.python, os.path.join(here, "torch_peer.py")]
    verbose = {"OPENBLAS_VERBOSE": "2"}  # OpenBLAS names its core on stderr as it loads
    contenders = [("D2L (own threads)", [args.tutor, "train", "--json"] + common, verbose),
                  ("D2L (D2L_THREADS=1: BLAS threads)", [args.tutor, "train", "--json"] + common,
                   {**verbose, "D2L_THREADS": "1"}),
                  ("PyTorch fastest (one tensor)", peer + ["--setup", "fast"] + common, None)]
    if not args.skip_book:
        contenders.append(("PyTorch book (DataLoader, 4 workers)", peer + ["--setup", "book"] + common, None))
    # In turn rather than one contender's runs together, so that a slow spell of a shared
    # machine falls on every contender alike; the median run of each is reported.
    runs = {name: [] for name, _, _ in contenders}
    try:
        for _ in range(args.repeat):
            for name, command, env in contenders:
                runs[name].append(run(name, command, env))
                print("    " + describe(runs[name][-1]), file=sys.stderr, flush=True)  # partial results as they come
    finally:
        if busy:
            busy.kill()
            busy.wait()
    results = []
    for name, _, _ in contenders:
        ordered = sorted(runs[name], key=lambda r: r["train_s"])
        median = dict(ordered[len(ordered) // 2])
        median["train_s_all"] = [r["train_s"] for r in runs[name]]
        results.append(median)

    print()
    print(machine)
    if busy:
        print("one core kept busy by `yes >/dev/null` for the whole run")
    if args.repeat > 1:
        print(f"each contender ran {args.repeat} times in turn; shown: its median run by training time")
    print(f"D2L ran on BLAS core {ours_core(results)}; its own threads' products on "
          f"{rate['own_threads']['kernel']}" + ("" if os.environ.get("D2L_SGEMM") is None else
                                                f" (D2L_SGEMM={os.environ['D2L_SGEMM']} in the environment)"))
    print(f"{'':<34} {'wall s':>8} {'train s':>8} {'s/epoch':>7} {'RSS MiB':>8} {'treePSS':>8} {'cpu s':>7} "
          f"{'loss':>7} {'train':>7} {'test':>7}")
    for r in results:
        print(describe(r))
    if args.repeat > 1:
        print("training seconds of every run:")
        for r in results:
            print(f"  {r['name']:<34} " + " ".join(f"{t:.2f}" for t in r["train_s_all"]))
    print("per-epoch seconds:")
    for r in results:
        print(f"  {r['name']:<34} " + " ".join(f"{e['seconds']:.2f}" for e in r["summary"]["epochs"]))
    ours, fast = results[0], results[2]
    print()
    print(f"work {rate['work_gflop']:.1f} GFLOP; sgemm on this workload's shapes (products with 10 outputs measured too):")
    own_label = f"own threads, {rate['own_threads']['kernel']}"
    for mode, label in (("blas_threads", "OpenBLAS threads per call"), ("own_threads", own_label)):
        m = rate[mode]
        print(f"  {label:<28} {m['gflops']:6.1f} GFLOP/s -> bound {m['bound_s']:.2f} s "
              f"(of which 10-output products {m['small_products_s']:.2f} s); D2L training / bound = {ours['train_s'] / m['bound_s']:.2f}")
    print()
    print("ratios (PyTorch / D2L; training time = sum of epoch times, wall = whole process):")
    for peer in results[2:]:
        print(f"  {peer['name']:<34} training {peer['train_s'] / ours['train_s']:5.2f}x  wall {peer['wall'] / ours['wall']:5.2f}x  "
              f"peak RSS {peer['maxrss_mib'] / ours['maxrss_mib']:5.2f}x  tree PSS {peer['tree_pss_mib'] / ours['tree_pss_mib']:5.2f}x")
    print(f"  D2L own threads vs BLAS threads: {results[1]['train_s'] / ours['train_s']:.2f}x")
    acc = ours["summary"]["epochs"][-1]["test_acc"]
    print(f"  D2L final test accuracy {acc:.4f}, PyTorch {fast['summary']['epochs'][-1]['test_acc']:.4f} "
          f"(PyTorch over ten seeds: 0.846 ± 0.009)")
    own_bound = rate["own_threads"]["bound_s"]
    targets = [("training / PyTorch fastest", ours["train_s"] / fast["train_s"], "<= 0.50", ours["train_s"] / fast["train_s"] <= 0.5),
               ("training / own-threads bound", ours["train_s"] / own_bound, "<= 1.50", ours["train_s"] / own_bound <= 1.5),
               ("peak RSS / PyTorch fastest", ours["maxrss_mib"] / fast["maxrss_mib"], "<= 0.33", ours["maxrss_mib"] / fast["maxrss_mib"] <= 1 / 3),
               ("test accuracy", acc, "0.846 ± 0.009", abs(acc - 0.846) <= 0.009)]
    print("targets:")
    for label, value, limit, met in targets:
        print(f"  {label:<30} {value:6.3f}  {limit:<14} {'met' if met else 'NOT met'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine, "busy_core": args.busy_core, "repeat": args.repeat, "sgemm": rate,
                       "runs": results, "every_run": runs}, f, indent=1)


if __name__ == "__main__":
    main()
