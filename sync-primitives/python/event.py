"""3.4 Event: workers wait for one start signal.

Run: python3 sync-primitives/python/event.py
The Rust version: cargo run --release --example event
"""
import sys
import threading
import time

# ANCHOR: start_signal
start = threading.Event()
prepared = False


def worker(i):
    start.wait()  # blocks until set
    # One write per line: print() writes the text and the newline separately,
    # so lines of threads woken together could run into each other.
    sys.stdout.write(f"  worker {i} started (saw the preparation: {prepared})\n")


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
print("4 workers waiting; preparing...")
prepared = True
print("start.set()")
start.set()
for t in threads:
    t.join()
# ANCHOR_END: start_signal

# ANCHOR: timed_wait_nobody_answers
nobody = threading.Event()
t0 = time.perf_counter()
answered = nobody.wait(0.1)
print()
print(f"wait(0.1), nobody sets it: {answered} after {(time.perf_counter() - t0) * 1000:.0f} ms")
# ANCHOR_END: timed_wait_nobody_answers

# ANCHOR: timed_wait_answered
ready = threading.Event()
threading.Thread(target=ready.set).start()
answered_in_time = ready.wait(10)
print("wait(10), another thread sets it:", answered_in_time)
assert start.is_set() and not answered and answered_in_time
# ANCHOR_END: timed_wait_answered
