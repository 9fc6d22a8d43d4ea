"""3.1 RLock: the thread holding the lock may take it again.

Run: python3 sync-primitives/python/rlock.py
The Rust version: cargo run --release --example rlock
"""
import threading

# ANCHOR: rlock_reenters
tree = ("/", 1, [("home", 2, [("notes.txt", 10, []), ("photo.jpg", 300, [])]), ("etc", 5, [])])
rlock = threading.RLock()
log = []


def total_size(node, depth=0):
    name, size, children = node
    with rlock:  # re-entered at every level by the same thread
        log.append(f"{'  ' * depth}{name} (held {depth + 1}x)")
        return size + sum(total_size(child, depth + 1) for child in children)


total = total_size(tree)
print("RLock: recursive walk, the same thread re-acquires at each level")
for line in log:
    print(" ", line)
print("total size =", total)
# ANCHOR_END: rlock_reenters

# ANCHOR: plain_lock_does_not_reenter
# A plain Lock: the second acquire by the same thread would block forever.
lock = threading.Lock()
with lock:
    got_it = lock.acquire(blocking=False)
print()
print("Lock: the same thread tries again with acquire(blocking=False):", got_it)
assert total == 318 and not got_it
# ANCHOR_END: plain_lock_does_not_reenter
