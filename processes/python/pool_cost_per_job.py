"""4.1 What a process pool pays per job: one sum, cut into more and more jobs.

Run: python3 processes/python/pool_cost_per_job.py
The Rust version: cargo run --release --example pool_cost_per_job
"""
import os
import time
from concurrent.futures import ProcessPoolExecutor

from cpu_bound_speedup import job_sum, split  # the same jobs as the speedup table


# ANCHOR: cost_per_job
def cost_per_job(n, job_counts):
    cpus = os.cpu_count() or 1
    expected = sum(i * i for i in range(n))
    print(f"sum of i*i for i in 0..{n}, split into more and more jobs, {cpus} workers:")
    with ProcessPoolExecutor(max_workers=cpus) as pool:
        for count in job_counts:
            start = time.perf_counter()
            total = sum(pool.map(job_sum, split(n, count)))
            took = time.perf_counter() - start
            assert total == expected
            print(f"  {count:>6} jobs: {took:.3f}s, {took / count * 1e6:.1f} µs per job")
# ANCHOR_END: cost_per_job


if __name__ == "__main__":
    cost_per_job(10_000_000, [8, 1_000, 10_000])
