"""3.5 Barrier: a computation in phases; nobody starts phase n+1 early.

Run: python3 sync-primitives/python/barrier.py
The Rust version: cargo run --release --example barrier
"""
import threading

WORKERS, PHASES, N = 4, 3, 100_000
chunk = N // WORKERS
parts = [0] * WORKERS
totals = []


def action():  # runs once per cycle, in one thread, before anyone is released
    totals.append(sum(parts))
    print(f"--- phase {len(totals) - 1} done: total = {totals[-1]}")


barrier = threading.Barrier(WORKERS, action=action)


def part(w, p):
    return sum(i * i for i in range(w * chunk + p, (w + 1) * chunk + p))


def worker(w, phases):
    for p in phases:
        parts[w] = part(w, p)
        barrier.wait()


threads = [threading.Thread(target=worker, args=(w, range(PHASES))) for w in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

# abort(): the last worker fails; the others stop waiting for it.
errors = []


def waiter():
    try:
        barrier.wait(timeout=10)
    except threading.BrokenBarrierError as e:
        errors.append(e)


threads = [threading.Thread(target=waiter) for _ in range(WORKERS - 1)]
for t in threads:
    t.start()
while barrier.n_waiting < WORKERS - 1:
    pass
print()
print(barrier.n_waiting, "waiting; the last worker fails and calls abort()")
barrier.abort()
for t in threads:
    t.join()
print(f"  {len(errors)} waiters got BrokenBarrierError; broken = {barrier.broken}")
broken = barrier.broken
barrier.reset()
print("after reset(): broken =", barrier.broken)
threads = [threading.Thread(target=worker, args=(w, [PHASES])) for w in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expected = [sum(i * i for i in range(p, WORKERS * chunk + p)) for p in range(PHASES + 1)]
assert totals == expected and len(errors) == WORKERS - 1 and broken
