"""4.1 ProcessPoolExecutor: the squares of 0..100 in worker processes.

The notebook's cell (section 4.1), plus a look at which processes did the work.
Run: python3 processes/python/process_pool.py
The Rust version: cargo run --release --example process_pool
"""
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def square_and_pid(x):
    return x * x, os.getpid()


if __name__ == "__main__":
    with ProcessPoolExecutor() as executor:
        results = list(executor.map(square, range(100)))
        print(results)

        tagged = list(executor.map(square_and_pid, range(100)))
    per_worker = Counter(pid for _, pid in tagged)
    print()
    print(f"parent pid {os.getpid()}, {len(per_worker)} workers did the work")
    for pid, jobs in sorted(per_worker.items()):
        print(f"  worker {pid}: {jobs} jobs")

    assert results == [x * x for x in range(100)]
    assert os.getpid() not in per_worker
