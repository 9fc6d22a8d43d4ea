"""3.5 Barrier: abort() breaks every waiter; reset() makes it usable again.

Run: python3 sync-primitives/python/barrier_abort.py
The Rust version: cargo run --release --example barrier_abort
"""
import threading

PARTIES = 4
barrier = threading.Barrier(PARTIES)

# ANCHOR: abort_breaks_every_waiter
# Three of four parties wait; the fourth fails and calls abort().
errors = []


def waiter():
    try:
        barrier.wait(timeout=10)
    except threading.BrokenBarrierError as e:
        errors.append(e)


threads = [threading.Thread(target=waiter) for _ in range(PARTIES - 1)]
for t in threads:
    t.start()
while barrier.n_waiting < PARTIES - 1:
    pass  # until they are all inside
print(barrier.n_waiting, "waiting; the last party fails and calls abort()")
barrier.abort()
for t in threads:
    t.join()
print(f"  {len(errors)} waiters got BrokenBarrierError; broken = {barrier.broken}")
assert len(errors) == PARTIES - 1 and barrier.broken
# ANCHOR_END: abort_breaks_every_waiter

# ANCHOR: reset_makes_it_usable_again
barrier.reset()
print("after reset(): broken =", barrier.broken)
indices = []
threads = [threading.Thread(target=lambda: indices.append(barrier.wait())) for _ in range(PARTIES)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("a full cycle on the same barrier: indices", sorted(indices))
assert sorted(indices) == list(range(PARTIES)) and not barrier.broken
# ANCHOR_END: reset_makes_it_usable_again
