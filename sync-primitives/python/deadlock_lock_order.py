"""3.7 Deadlock, fix 1: one lock order for everyone, so no circle can form.

Run: python3 sync-primitives/python/deadlock_lock_order.py
The Rust version: cargo run --release --example deadlock_lock_order
"""
import threading

ROUNDS = 1000

# ANCHOR: one_lock_order
accounts = threading.Lock()
audit_log = threading.Lock()
entries = []


def ordered(name):
    for _ in range(ROUNDS):
        with accounts, audit_log:  # the same order in both threads
            entries.append(name)


threads = [threading.Thread(target=ordered, args=(n,)) for n in ("transfer", "audit")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"one lock order: {len(entries)} log entries")
assert len(entries) == 2 * ROUNDS
# ANCHOR_END: one_lock_order
