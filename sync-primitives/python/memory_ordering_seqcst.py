"""3.7 Memory ordering: Dekker's handshake, which Rust can only get right with SeqCst.

Each thread raises its own flag, then looks at the other's. Under the GIL the
bytecodes of both threads run in one order, so both missing is impossible: the
Rust version needs SeqCst for that. The free-threaded build (python3.13t,
PEP 703) makes no such promise.
Run: python3 sync-primitives/python/memory_ordering_seqcst.py
The Rust version: cargo run --release --example memory_ordering_seqcst
"""
import sys
import threading

# ANCHOR: handshake
ROUNDS = 2_000
flags = [[False, False] for _ in range(ROUNDS)]
seen = [[True, True] for _ in range(ROUNDS)]
start = threading.Barrier(2)


def side(me):
    for i in range(ROUNDS):
        start.wait()
        flags[i][me] = True
        seen[i][me] = flags[i][1 - me]


sides = [threading.Thread(target=side, args=(me,)) for me in (0, 1)]
for t in sides:
    t.start()
for t in sides:
    t.join()
both_missed = sum(not a and not b for a, b in seen)
gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print(f"Dekker's handshake, {ROUNDS} rounds: both missed in {both_missed} (GIL enabled: {gil})")
if gil:
    assert both_missed == 0
# ANCHOR_END: handshake
