"""2.2 Context switches: a thread that waits gives its CPU up; a busy one is preempted (Linux).

Run: python3 threads/python/context_switches.py
The Rust version: cargo run --release --example context_switches
"""
import queue
import resource
import threading
import time


# ANCHOR: switches
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
print("Context switches (voluntary, involuntary):")
print(f"  IO-bound, 100 waits of 1 ms: {io[0]}")
print(f"  CPU-bound, 300 ms busy:      {cpu[0]}")
print("  (A CPython thread also blocks voluntarily when it waits for the GIL.)")
# ANCHOR_END: switches

# ANCHOR: cost_of_a_switch
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
# ANCHOR_END: cost_of_a_switch
