"""1.1 Multitasking and parallelism: two busy tasks on one CPU, then on all.

Two processes (CPython threads could not run in parallel anyway: the GIL) do
the same CPU-bound work, first both pinned to one CPU with
os.sched_setaffinity (Linux), then free. A timeline shows in which
millisecond each made progress.

Run: python3 threads/python/multitasking_vs_parallelism.py
The Rust version: cargo run --release --example multitasking_vs_parallelism
"""
import multiprocessing as mp
import os
import time

CHUNKS = 600
COLUMNS = 60


# ANCHOR: two_tasks
def task(t0, cpu, queue):
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    start_cpu = time.thread_time()
    progress = []
    for _ in range(CHUNKS):
        total = 0
        for i in range(5_000):
            total += i * i
        progress.append(time.perf_counter() - t0)
    queue.put((progress, time.thread_time() - start_cpu))


def run_two(cpu):
    queue = mp.Queue()
    t0 = time.perf_counter()
    procs = [mp.Process(target=task, args=(t0, cpu, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    return results, time.perf_counter() - t0
# ANCHOR_END: two_tasks


def timeline(progress):
    row = ["."] * COLUMNS
    for at in progress:
        column = int(at * 1000)
        if column < COLUMNS:
            row[column] = "#"
    return "".join(row)


def report(name, cpu):
    (a, b), wall = run_two(cpu)
    print(f"\n{name}: first {COLUMNS} ms after start, # = made progress")
    print(f"  A |{timeline(a[0])}|")
    print(f"  B |{timeline(b[0])}|")
    cpu_sum = a[1] + b[1]
    print(f"  wall {wall:.3f} s, CPU {a[1]:.3f} + {b[1]:.3f} s, CPU / wall {cpu_sum / wall:.2f}")


if __name__ == "__main__":
    mp.set_start_method("fork")
    allowed = sorted(os.sched_getaffinity(0))
    print(f"CPUs this process may use: {allowed}")
    if len(allowed) == 1:
        print("Only one CPU here: both runs are multitasking, none is parallel.")
    # ANCHOR: pinned_to_one_cpu
    report("pinned to 1 CPU", allowed[0])
    # ANCHOR_END: pinned_to_one_cpu
    # ANCHOR: free_on_all_cpus
    report("free", None)
    # ANCHOR_END: free_on_all_cpus
