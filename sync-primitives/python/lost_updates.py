"""3.7 Race condition: lost updates, when a counter's read and write are two steps.

Run: python3 sync-primitives/python/lost_updates.py
The Rust version: cargo run --release --example lost_updates
"""
import threading
import time

THREADS, PER_THREAD = 4, 20_000
counter = 0


# ANCHOR: load_then_store
def racy():
    global counter
    for _ in range(PER_THREAD):
        temp = counter
        time.sleep(0)  # invite a thread switch between read and write
        counter = temp + 1
# ANCHOR_END: load_then_store


# ANCHOR: mutex_counter
lock = threading.Lock()


def locked():
    global counter
    for _ in range(PER_THREAD):
        with lock:
            temp = counter
            time.sleep(0)
            counter = temp + 1
# ANCHOR_END: mutex_counter


# ANCHOR: compare_counters
for name, fn in [("read + write (racy)", racy), ("under a Lock", locked)]:
    counter = 0
    threads = [threading.Thread(target=fn) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{name:<20} {counter:>6} (lost {THREADS * PER_THREAD - counter})")
    if fn is locked:
        assert counter == THREADS * PER_THREAD
# ANCHOR_END: compare_counters
