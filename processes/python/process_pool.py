"""4.1 ProcessPoolExecutor: the squares of 0..100 in worker processes.

The notebook's cell (section 4.1), then which processes did the work, and
when, on a timeline the workers timed themselves.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402


# ANCHOR: notebook_cell
def square(x):
    return x * x


def notebook_cell():
    with ProcessPoolExecutor() as executor:
        results = list(executor.map(square, range(100)))
        print(results)
    assert results == [x * x for x in range(100)]
# ANCHOR_END: notebook_cell


# ANCHOR: which_workers_did_the_work
def square_timed(x):
    """A square, the worker's pid, and when it ran there: perf_counter_ns()
    reads the machine's monotonic clock, the same in every process."""
    began = time.perf_counter_ns()
    while time.perf_counter_ns() - began < 200_000:  # a fifth of a millisecond
        pass
    return x * x, os.getpid(), began, time.perf_counter_ns()


def which_workers_did_the_work():
    with trace.span("start the pool"):
        executor = ProcessPoolExecutor()  # workers start at the first submit
    with trace.span("map"):
        done = list(executor.map(square_timed, range(100)))
    executor.shutdown()
    per_worker = Counter(pid for _, pid, _, _ in done)
    for _, pid, began, ended in done:
        trace.span_between(f"worker {pid}", "square", began, ended)
    print()
    print(f"parent pid {os.getpid()}, {len(per_worker)} workers did the work")
    for pid, jobs in sorted(per_worker.items()):
        print(f"  worker {pid}: {jobs} jobs")
    assert sum(per_worker.values()) == 100 and os.getpid() not in per_worker
# ANCHOR_END: which_workers_did_the_work


# ANCHOR: round_trip
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
# ANCHOR_END: round_trip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--per-job"]:
        per_job(int(sys.argv[2]))
        sys.exit()
    notebook_cell()
    if sys.argv[1:] == ["--cell"]:  # the notebook's cell alone
        sys.exit()
    which_workers_did_the_work()
    trace.finish()
