"""4.1 ProcessPoolExecutor: the squares of 0..100 in worker processes.

The notebook's cell (section 4.1), plus a look at which processes did the work.
Run: python3 processes/python/process_pool.py
(`--cell` runs the notebook's cell alone, and `--per-job N` times N jobs
submitted and awaited one at a time: both for the tour's --compare.)
The Rust version: cargo run --release --example process_pool
"""
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def square_and_pid(x):
    return x * x, os.getpid()


def per_job(jobs):
    """The median time of one job submitted and awaited, on one worker."""
    with ProcessPoolExecutor(max_workers=1) as executor:
        for x in range(100):  # warm-up: the worker is started and running
            assert executor.submit(square, x).result() == x * x
        times = []
        for x in range(jobs):
            started = time.perf_counter()
            assert executor.submit(square, x).result() == x * x
            times.append(time.perf_counter() - started)
    times.sort()
    print(f"{jobs} jobs, one at a time, on 1 worker")
    print(f"measured per_job_s={times[len(times) // 2]:.9f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--per-job"]:
        per_job(int(sys.argv[2]))
        sys.exit()
    with ProcessPoolExecutor() as executor:
        results = list(executor.map(square, range(100)))
        print(results)
        if sys.argv[1:] == ["--cell"]:  # the notebook's cell alone
            sys.exit()

        tagged = list(executor.map(square_and_pid, range(100)))
    per_worker = Counter(pid for _, pid in tagged)
    print()
    print(f"parent pid {os.getpid()}, {len(per_worker)} workers did the work")
    for pid, jobs in sorted(per_worker.items()):
        print(f"  worker {pid}: {jobs} jobs")

    assert results == [x * x for x in range(100)]
    assert os.getpid() not in per_worker
