"""3.1 Lock: 1000 threads increment one shared counter under a lock.

The notebook's cell, as it is. For the contrast without the lock (updates
lost), see lost_updates.py; 1000 threads this short rarely overlap.
Run: python3 sync-primitives/python/lock_counter.py
The Rust version: cargo run --release --example lock_counter
"""
import threading

# ANCHOR: notebook_cell
lock = threading.Lock()
shared_counter = 0


def increment_counter():
    global shared_counter
    with lock:
        temp = shared_counter
        temp += 1
        shared_counter = temp


threads = [threading.Thread(target=increment_counter) for _ in range(1000)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("shared_counter =", shared_counter)
# ANCHOR_END: notebook_cell
assert shared_counter == 1000

# Python's lock guards the counter only by convention: any function may
# still touch `shared_counter` without it. In Rust the counter lives inside
# the Mutex, so that mistake does not compile.
