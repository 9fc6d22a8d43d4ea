"""4 CPU-bound work: sequential vs threads vs processes (the notebook's task).

Threads do not speed up pure-Python arithmetic (the GIL); processes do, minus
their start-up and per-job cost.
Run: python3 processes/python/cpu_bound_speedup.py
(`--one METHOD WORKERS N` runs one row alone, for the tour's --compare:
METHOD is sequential, threads or processes; the sum goes to the last line.)
The Rust version: cargo run --release --example cpu_bound_speedup
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def chunk_sum(bounds):
    start, end = bounds
    total = 0
    for i in range(start, end):
        total += i * i
    return total


def chunks(n, parts):
    return [(n * i // parts, n * (i + 1) // parts) for i in range(parts)]


def timed(f):
    start = time.perf_counter()
    result = f()
    return result, time.perf_counter() - start


def one_row(method, workers, n):
    """One method on `workers` workers, the sum printed for the caller to check."""
    parts = chunks(n, 16)
    if method == "sequential":
        total = sum(map(chunk_sum, parts))
    else:
        executor = {"threads": ThreadPoolExecutor, "processes": ProcessPoolExecutor}[method]
        with executor(max_workers=workers) as pool:
            total = sum(pool.map(chunk_sum, parts))
    print(f"{method} on {workers} workers, n = {n}")
    print(f"sum={total}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one_row(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit()
    n = 10_000_000  # the notebook's cpu_bound_task(10_000_000)
    parts = chunks(n, 16)
    expected = sum(i * i for i in range(n))
    cpus = os.cpu_count() or 1
    workers = sorted({1, 2, cpus})

    total, sequential = timed(lambda: sum(map(chunk_sum, parts)))
    assert total == expected
    print(f"sum of i*i for i in 0..{n}, in 16 chunks; {cpus} CPUs")
    print(f"{'method':<10} {'workers':>7} {'time':>9} {'speedup':>8}")
    print(f"{'sequential':<10} {1:>7} {sequential:>8.3f}s {1.0:>8.2f}")
    for k in workers:
        for name, executor in [("threads", ThreadPoolExecutor), ("processes", ProcessPoolExecutor)]:
            with executor(max_workers=k) as pool:
                total, took = timed(lambda: sum(pool.map(chunk_sum, parts)))
            assert total == expected
            print(f"{name:<10} {k:>7} {took:>8.3f}s {sequential / took:>8.2f}")

    print()
    print("the same sum split into more jobs (process pool, all CPUs):")
    with ProcessPoolExecutor(max_workers=cpus) as pool:
        for jobs in [8, 1_000, 20_000]:
            total, took = timed(lambda: sum(pool.map(chunk_sum, chunks(n, jobs))))
            assert total == expected
            print(f"  {jobs:>6} jobs: {took:.3f}s, {took / jobs * 1e6:.1f} µs per job")
