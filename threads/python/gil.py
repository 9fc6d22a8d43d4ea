"""1.3 GIL: the notebook's first cell, then the same work on 1 and 2 threads.

Run: python3 threads/python/gil.py
The Rust version: cargo run --release --example gil
"""
import threading
import time


def cpu_bound_task(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def run_in_thread(n):
    print(f"Result: {cpu_bound_task(n)}")


t1 = threading.Thread(target=run_in_thread, args=(10_000_000,))
t2 = threading.Thread(target=run_in_thread, args=(10_000_000,))

t1.start()
t2.start()
t1.join()
t2.join()
print("Done")

# The claim behind the cell: two threads are no faster than one.
N = 5_000_000


def one_thread():
    cpu_bound_task(N)
    cpu_bound_task(N)


def two_threads():
    threads = [threading.Thread(target=cpu_bound_task, args=(N,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


print(f"\nThe same work, cpu_bound_task({N}) twice, on 1 and 2 threads:")
times = {}
for name, run in [("1 thread", one_thread), ("2 threads", two_threads)]:
    start = time.perf_counter()
    run()
    times[name] = time.perf_counter() - start
    print(f"{name:>9}: {times[name]:.2f} s")
speedup = times["1 thread"] / times["2 threads"]
print(f"speedup: {speedup:.2f}x (the GIL: one thread runs bytecode at a time)")
