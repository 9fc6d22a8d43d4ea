"""2.2 RSS, VMS and context switches (Linux: read from /proc and getrusage).

Run: python3 threads/python/memory_and_context.py
The Rust version: cargo run --release --example memory_and_context
"""
import mmap
import queue
import resource
import threading
import time

MIB = 1024 * 1024


def memory():
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmSize"):
                fields[key] = int(value.split()[0]) * 1024
    return fields["VmRSS"], fields["VmSize"]


def show(step, before, now):
    print(f"  {step:<24} RSS {now[0] / MIB:7.1f} MiB ({(now[0] - before[0]) / MIB:+7.1f})"
          f"   VMS {now[1] / MIB:8.1f} MiB ({(now[1] - before[1]) / MIB:+8.1f})")


start = memory()
show("start", start, start)

stop = threading.Event()
idle = [threading.Thread(target=stop.wait) for _ in range(100)]
for t in idle:
    t.start()
with_threads = memory()
show("100 idle threads", start, with_threads)
stop.set()
for t in idle:
    t.join()

before = memory()
buffer = mmap.mmap(-1, 100 * MIB)  # anonymous, zeroed, not yet touched
reserved = memory()
show("100 MiB zeroed buffer", before, reserved)
for offset in range(0, 100 * MIB, 4096):
    buffer[offset] = 1
touched = memory()
show("...every page written", reserved, touched)


def counters(work, out):
    before = resource.getrusage(resource.RUSAGE_THREAD)
    work()
    after = resource.getrusage(resource.RUSAGE_THREAD)
    out.append((after.ru_nvcsw - before.ru_nvcsw, after.ru_nivcsw - before.ru_nivcsw))


def io_work():
    for _ in range(100):
        time.sleep(0.001)


def cpu_work():
    end = time.perf_counter() + 0.3
    while time.perf_counter() < end:
        pass


io, cpu = [], []
threads = [threading.Thread(target=counters, args=(io_work, io)),
           threading.Thread(target=counters, args=(cpu_work, cpu))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("\nContext switches (voluntary, involuntary):")
print(f"  IO-bound, 100 waits of 1 ms: {io[0]}")
print(f"  CPU-bound, 300 ms busy:      {cpu[0]}")
print("  (A CPython thread also blocks voluntarily when it waits for the GIL.)")

ping, pong = queue.Queue(maxsize=1), queue.Queue(maxsize=1)
ROUNDS = 5_000


def echo():
    for _ in range(ROUNDS):
        pong.put(ping.get())


t = threading.Thread(target=echo)
t.start()
start_time = time.perf_counter()
for i in range(ROUNDS):
    ping.put(i)
    pong.get()
elapsed = time.perf_counter() - start_time
t.join()
print(f"\nPing-pong between two threads, {ROUNDS} rounds: {elapsed / (2 * ROUNDS) * 1e6:.1f} us per hand-over")
