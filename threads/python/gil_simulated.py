"""1.3 GIL, for real: CPU-bound and IO-bound work on 1, 2 and 4 threads.

CPython's GIL lets one thread run bytecode at a time: CPU-bound threads gain
nothing, IO-bound threads still overlap (a blocking call releases the GIL).
Processes have a GIL each, so they are the "without GIL" column here.

Run: python3 threads/python/gil_simulated.py
The Rust version (a model of the GIL): cargo run --release --example gil_simulated
"""
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

NUMBERS = 10_000_000
REQUESTS = 24
WAIT = 0.010


def sum_of_squares_range(start, end):
    total = 0
    for i in range(start, end):
        total += i * i
    return total


def io_task(requests):
    for _ in range(requests):
        sum_of_squares_range(0, 1_000)  # "parse" the request: bytecode, under the GIL
        time.sleep(WAIT)  # wait for the network: the GIL is released


def shares(n, k):
    step = -(-n // k)
    return [(i, min(i + step, n)) for i in range(0, n, step)]


def on_threads(k, target, args_list):
    threads = [threading.Thread(target=target, args=args) for args in args_list]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def on_processes(k, pairs):
    with ProcessPoolExecutor(max_workers=k) as pool:
        pool.submit(int).result()  # start the workers before timing
        start = time.perf_counter()
        sum(pool.map(sum_of_squares_range, *zip(*pairs)))
        return time.perf_counter() - start


print(f"sys.getswitchinterval() = {sys.getswitchinterval()}")
print(f"CPU-bound: sum of squares over 0..{NUMBERS}; IO-bound: {REQUESTS} requests of {WAIT * 1000:.0f} ms\n")
print(f"{'workload':<10} {'threads':>7} {'threads (GIL)':>14} {'processes':>10}")
for k in (1, 2, 4):
    with_gil = on_threads(k, sum_of_squares_range, shares(NUMBERS, k))
    without = on_processes(k, shares(NUMBERS, k))
    print(f"{'CPU-bound':<10} {k:>7} {with_gil:>12.2f} s {without:>8.2f} s")
for k in (1, 2, 4):
    with_gil = on_threads(k, io_task, [(REQUESTS // k,)] * k)
    print(f"{'IO-bound':<10} {k:>7} {with_gil:>12.2f} s {'':>10}")
