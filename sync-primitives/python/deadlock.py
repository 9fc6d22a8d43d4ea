"""3.7 Deadlock: two locks taken in opposite orders.

Python has no deadlock detector; a timeout on the second acquire is how this
demo notices (and gets out). The timeline at the end has a row per thread: h
while it holds one lock and waits for the other, until it gives up.
Run: python3 sync-primitives/python/deadlock.py
The Rust version: cargo run --release --example deadlock --features deadlock_detection
"""
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402

# ANCHOR: opposite_orders
accounts = threading.Lock()
audit_log = threading.Lock()
both_hold_one = threading.Barrier(2)
both_decided = threading.Barrier(2)
stuck = []


def take(first, second, name, holds, wants):
    with first:
        both_hold_one.wait()
        with trace.span("holds one lock, waits for the other"):
            got_it = second.acquire(timeout=1)  # a plain acquire() would hang forever
        if got_it:
            second.release()
        else:
            stuck.append(f"  thread `{name}` holds `{holds}` and waits for `{wants}`")
            trace.mark("gives up after 1 s")
        # Keep holding `first` until both have given up: otherwise the thread
        # whose timeout fires first lets go, and the other gets through.
        both_decided.wait()
# ANCHOR_END: opposite_orders


# ANCHOR: deadlock_detected
threads = [
    threading.Thread(target=take, name="transfer", args=(accounts, audit_log, "transfer", "accounts", "audit_log")),
    threading.Thread(target=take, name="audit", args=(audit_log, accounts, "audit", "audit_log", "accounts")),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"deadlock: {len(stuck)} threads gave up after 1 s")
for line in sorted(stuck):
    print(line)
assert len(stuck) == 2
# ANCHOR_END: deadlock_detected

trace.finish()
