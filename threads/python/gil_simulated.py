"""1.3 GIL, for real: the same CPU-bound sum on 1, 2 and 4 workers, without the GIL and with it.

CPython's GIL lets one thread run bytecode at a time, so CPU-bound threads
gain nothing. Processes have a GIL each: they are the "without the GIL" rows.

Run: python3 threads/python/gil_simulated.py
The Rust version (a model of the GIL): cargo run --release --example gil_simulated
"""
import time
import threading
from concurrent.futures import ProcessPoolExecutor

NUMBERS = 10_000_000


def sum_of_squares_range(start, end):
    total = 0
    for i in range(start, end):
        total += i * i
    return total


def shares(n, k):
    """0..n cut into k consecutive ranges (threads::parallel::shares in Rust)."""
    step = -(-n // k)
    return [(i, min(i + step, n)) for i in range(0, n, step)]


def table(name, time_on):
    print(f"{name}: sum of squares over 0..{NUMBERS}")
    first = None
    for k in (1, 2, 4):
        took = time_on(k)
        first = first or took
        workers = "1 worker" if k == 1 else f"{k} workers"
        print(f"  {workers}: {took:.2f} s, {first / took:.2f}x as fast as 1")


# ANCHOR: cpu_bound_without_gil
def on_processes(k):
    with ProcessPoolExecutor(max_workers=k) as pool:
        pool.submit(int).result()  # start the workers before timing
        start = time.perf_counter()
        sum(pool.map(sum_of_squares_range, *zip(*shares(NUMBERS, k))))
        return time.perf_counter() - start


if __name__ == "__main__":
    table("CPU-bound, processes (a GIL each)", on_processes)
# ANCHOR_END: cpu_bound_without_gil


# ANCHOR: cpu_bound_with_gil
def on_threads(k):
    threads = [threading.Thread(target=sum_of_squares_range, args=share) for share in shares(NUMBERS, k)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


if __name__ == "__main__":
    print()
    table("CPU-bound, threads (one GIL)", on_threads)
# ANCHOR_END: cpu_bound_with_gil
