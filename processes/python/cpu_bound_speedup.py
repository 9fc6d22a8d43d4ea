"""4.1 CPU-bound work: sequential vs threads vs processes (the notebook's task).

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

JOBS = 16


# ANCHOR: four_ways
def job_sum(bounds):
    start, end = bounds
    total = 0
    for i in range(start, end):
        total += i * i
    return total


def split(n, jobs):
    return [(n * i // jobs, n * (i + 1) // jobs) for i in range(jobs)]


def sequential(jobs):
    return sum(map(job_sum, jobs))


def in_pool(executor, workers, jobs):
    """threads: ThreadPoolExecutor; processes: ProcessPoolExecutor."""
    with executor(max_workers=workers) as pool:
        return sum(pool.map(job_sum, jobs))
# ANCHOR_END: four_ways


def timed(f):
    start = time.perf_counter()
    result = f()
    return result, time.perf_counter() - start


def one_row(method, workers, n):
    """One method on `workers` workers, the sum printed for the caller to check."""
    jobs = split(n, JOBS)
    if method == "sequential":
        total = sequential(jobs)
    else:
        executor = {"threads": ThreadPoolExecutor, "processes": ProcessPoolExecutor}[method]
        total = in_pool(executor, workers, jobs)
    print(f"{method} on {workers} workers, n = {n}")
    print(f"sum={total}")


# ANCHOR: speedup_on_1_2_and_all_cpus
def speedup_on_1_2_and_all_cpus(n):
    jobs, expected = split(n, JOBS), sum(i * i for i in range(n))
    cpus = os.cpu_count() or 1
    total, alone = timed(lambda: sequential(jobs))
    assert total == expected
    print(f"sum of i*i for i in 0..{n}, in {JOBS} jobs; {cpus} CPUs")
    print(f"{'way':<10} {'workers':>7} {'time':>9} {'speedup':>8}")
    print(f"{'sequential':<10} {1:>7} {alone:>8.3f}s {1.0:>8.2f}")
    for k in sorted({1, 2, cpus}):
        for name, executor in [("threads", ThreadPoolExecutor), ("processes", ProcessPoolExecutor)]:
            total, took = timed(lambda: in_pool(executor, k, jobs))
            assert total == expected
            print(f"{name:<10} {k:>7} {took:>8.3f}s {alone / took:>8.2f}")
# ANCHOR_END: speedup_on_1_2_and_all_cpus


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one_row(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit()
    speedup_on_1_2_and_all_cpus(10_000_000)  # the notebook's cpu_bound_task(10_000_000)
