"""Deadlock: two locks taken in opposite orders.

Python has no deadlock detector; a timeout on the second acquire is how this
demo notices (and gets out).
Run: python3 sync-primitives/python/deadlock.py
The Rust version: cargo run --release --example deadlock --features deadlock_detection
"""
import threading

accounts = threading.Lock()
audit_log = threading.Lock()
both_hold_one = threading.Barrier(2)
both_decided = threading.Barrier(2)
stuck = []


def take(first, second, name, holds, wants):
    with first:
        both_hold_one.wait()
        if second.acquire(timeout=1):  # a plain acquire() would hang forever
            second.release()
        else:
            stuck.append(f"  thread `{name}` holds `{holds}` and waits for `{wants}`")
        # Keep holding `first` until both have given up: otherwise the thread
        # whose timeout fires first lets go, and the other gets through.
        both_decided.wait()


threads = [
    threading.Thread(target=take, args=(accounts, audit_log, "transfer", "accounts", "audit_log")),
    threading.Thread(target=take, args=(audit_log, accounts, "audit", "audit_log", "accounts")),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"deadlock: {len(stuck)} threads gave up after 1 s")
for line in sorted(stuck):
    print(line)

# The fix: one lock order for everyone.
entries = []


def ordered(name):
    for _ in range(1000):
        with accounts, audit_log:
            entries.append(name)


threads = [threading.Thread(target=ordered, args=(n,)) for n in ("transfer", "audit")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print()
print(f"fix, one lock order: {len(entries)} log entries")
assert len(stuck) == 2 and len(entries) == 2000
