"""2.1 Threads and processes: shared memory versus a copy, and start-up cost.

Run: python3 threads/python/threads_vs_processes.py
The Rust version: cargo run --release --example threads_vs_processes
"""
import os
import subprocess
import threading
import time

# ANCHOR: a_thread_shares_memory
shared = {"value": 0}


def write():
    shared["value"] = 42


t = threading.Thread(target=write)
t.start()
t.join()
print(f"A thread wrote 42 into the shared dict: main sees {shared['value']}")

# ANCHOR_END: a_thread_shares_memory

# ANCHOR: a_process_has_its_own_copy
shared["value"] = 0
pid = os.fork()
if pid == 0:
    shared["value"] = 42  # the child's copy
    os._exit(shared["value"])
_, status = os.waitpid(pid, 0)
print(f"A forked child wrote 42 into its copy (it exited with {os.waitstatus_to_exitcode(status)}): "
      f"parent still sees {shared['value']}")

# ANCHOR_END: a_process_has_its_own_copy

# ANCHOR: cost_of_starting_each
UNITS = 200


def per_unit(unit):
    start = time.perf_counter()
    for _ in range(UNITS):
        unit()
    return (time.perf_counter() - start) / UNITS


def thread_unit():
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()


def fork_unit():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)


def exec_unit():
    subprocess.run(["true"], check=True)


print(f"\nCreate and wait for {UNITS} of each, one after another:")
base = per_unit(thread_unit)
for name, unit in [("thread: start + join", None),
                   ("process: fork + waitpid", fork_unit),
                   ("process: subprocess.run(['true'])", exec_unit)]:
    cost = base if unit is None else per_unit(unit)
    print(f"  {name:<35} {cost * 1e6:8.1f} us  {cost / base:5.1f}x")
# ANCHOR_END: cost_of_starting_each
