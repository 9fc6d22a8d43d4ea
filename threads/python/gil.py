"""1.3 GIL: the notebook's first cell, the same work on 1 and 2 threads, and a timeline.

On a free-threaded CPython (PEP 703: `python3.13t`, `python3.14t`), the two
threads run bytecode at once and the speedup nears 2x; the speedup line says
which kind of interpreter ran this.

Run: python3 threads/python/gil.py
(`--cell` runs the notebook's cell alone, for the tour's --compare.)
The Rust version: cargo run --release --example gil
"""
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))


# ANCHOR: notebook_cell
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
# ANCHOR_END: notebook_cell

# `--cell` stops here: the notebook's cell alone is what
# `cargo run --release -- --compare` times, as a whole process.
if sys.argv[1:] == ["--cell"]:
    sys.exit()


# ANCHOR: same_work_on_1_and_2_threads
def one_thread(n):
    cpu_bound_task(n)
    cpu_bound_task(n)


def two_threads(n):
    threads = [threading.Thread(target=cpu_bound_task, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


N = 5_000_000
print(f"\nThe same work, cpu_bound_task({N}) twice, on 1 and 2 threads:")
times = {}
for name, run in [("1 thread", one_thread), ("2 threads", two_threads)]:
    start = time.perf_counter()
    run(N)
    times[name] = time.perf_counter() - start
    print(f"{name:>9}: {times[name]:.2f} s")
speedup = times["1 thread"] / times["2 threads"]
# ANCHOR_END: same_work_on_1_and_2_threads

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


# ANCHOR: on_a_timeline
import course_trace as trace  # noqa: E402 (imported here: its timeline starts at the import)

SLICE = 10_000  # numbers summed between two progress marks


def cpu_bound_task_on_the_timeline(n):
    with trace.span("cpu_bound_task"):
        total = 0
        for start in range(0, n, SLICE):
            for i in range(start, min(start + SLICE, n)):
                total += i * i
            trace.mark("progress")
        return total


def two_threads_on_a_timeline(n):
    threads = [threading.Thread(target=cpu_bound_task_on_the_timeline, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


n = 1_000_000
print(f"\nThe cell's two threads again, recorded (n = {n}): a * wherever a thread finished a slice")
two_threads_on_a_timeline(n)
trace.finish()
# ANCHOR_END: on_a_timeline
