"""3.5 Barrier: a computation in phases; nobody starts phase n+1 early.

Four workers each sum the squares of their quarter of a range, in three phases
(the range shifts by one each time); the barrier's action adds the four parts.
The timeline at the end has a row per worker: w while it works, a while it
waits at the barrier, and a * where the action ran.
Run: python3 sync-primitives/python/barrier.py
The Rust version: cargo run --release --example barrier
"""
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402

WORKERS, PHASES, N = 4, 3, 100_000

# ANCHOR: phased_sum
chunk = N // WORKERS
parts = [0] * WORKERS
totals = []


def action():  # runs once per cycle, in one thread, before anyone is released
    totals.append(sum(parts))
    print(f"--- phase {len(totals) - 1} done: total = {totals[-1]}")
    trace.mark("phase done")


barrier = threading.Barrier(WORKERS, action=action)


def work(w, p):
    """Worker w's turn in phase p: write its part, then wait for the others."""
    with trace.span("work"):
        parts[w] = sum(i * i for i in range(w * chunk + p, (w + 1) * chunk + p))
    with trace.span("at the barrier"):
        return barrier.wait()
# ANCHOR_END: phased_sum


# ANCHOR: phases_with_an_action
indices = [[None] * PHASES for _ in range(WORKERS)]  # what wait() returned


def worker(w):
    for p in range(PHASES):
        indices[w][p] = work(w, p)


threads = [threading.Thread(target=worker, args=(w,), name=f"worker {w}") for w in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for p in range(PHASES):
    assert sorted(indices[w][p] for w in range(WORKERS)) == list(range(WORKERS))
print(f"each phase handed out the indices 0..{WORKERS}, once each")
assert totals == [sum(i * i for i in range(p, WORKERS * chunk + p)) for p in range(PHASES)]
# ANCHOR_END: phases_with_an_action

trace.finish()
