"""1.3 GIL: the notebook's first cell, then the same work on 1 and 2 threads.

On CPython 3.13+ built without the GIL (PEP 703, the free-threaded
`python3.13t`), the two threads run bytecode at once and the speedup nears 2x;
the last line says which kind of interpreter ran this.

Run: python3 threads/python/gil.py
(`--cell` runs the notebook's cell alone, for the tour's --compare.)
The Rust version: cargo run --release --example gil
"""
import sys
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

# `--cell` stops here: the notebook's cell alone is what
# `cargo run --release -- --compare` times, as a whole process.
if sys.argv[1:] == ["--cell"]:
    sys.exit()

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

# sys._is_gil_enabled() is new in 3.13. A free-threaded build answers False,
# unless the GIL was switched back on (PYTHON_GIL=1, or an extension module
# that needs it); every other build has the GIL, always on.
is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
gil_enabled = is_gil_enabled() if is_gil_enabled else True
if gil_enabled:
    print(f"speedup: {speedup:.2f}x (the GIL: one thread runs bytecode at a time)")
else:
    print(f"speedup: {speedup:.2f}x (no GIL: both threads ran bytecode at once)")
version = f"{sys.version_info.major}.{sys.version_info.minor}"
if is_gil_enabled:
    print(f"Python {version}: sys._is_gil_enabled() is {gil_enabled}")
else:
    print(f"Python {version} has no sys._is_gil_enabled() (new in 3.13): the GIL is always on")
