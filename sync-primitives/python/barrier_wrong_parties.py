"""3.5 Barrier: one party too few, and what gives it away (or does not).

threading.Barrier(3) for 4 workers lets whichever three arrive first go on.
Run: python3 sync-primitives/python/barrier_wrong_parties.py
The Rust version: cargo run --release --example barrier_wrong_parties
"""
import threading
import time

WORKERS, WORK, RUNS = 4, 0.005, 10


# ANCHOR: left_waiting
def left_waiting(workers, phases, work):
    """Workers left waiting with nobody to come, broken out with abort();
    each phase is `work` seconds of work, then a wait."""
    barrier = threading.Barrier(workers - 1)  # should be `workers`
    finished = []

    def worker():
        try:
            for _ in range(phases):
                time.sleep(work)
                barrier.wait()
        except threading.BrokenBarrierError:
            return  # broken out by the watchdog
        finished.append(1)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    left = watchdog(barrier, finished, workers)
    for t in threads:
        t.join()
    return left


def watchdog(barrier, finished, workers):
    """0 once all finished; or, when the rest finished and too few wait to
    fill a cycle, abort() and how many were waiting."""
    while True:
        done = len(finished)  # first: it only grows
        waiting = barrier.n_waiting
        if done == workers:
            return 0
        if done + waiting == workers and waiting < barrier.parties:
            barrier.abort()
            return waiting
        time.sleep(0.001)
# ANCHOR_END: left_waiting


# ANCHOR: waits_that_fill_the_cycles
left = [left_waiting(WORKERS, 3, WORK) for _ in range(RUNS)]
stranded = sum(1 for n in left if n > 0)
print(f"{WORKERS} workers x 3 phases on Barrier(3): 12 waits = 4 cycles; "
      f"someone left waiting in {stranded} of {RUNS} runs")
held = 0 < stranded < RUNS
print("Claim: with 12 waits some runs pass and others strand a worker -- "
      f"{'holds' if held else 'does not hold on this run'} ({stranded} of {RUNS} runs stranded one; "
      "all or none means the arrivals kept one order)")
assert all(n < WORKERS - 1 for n in left)
# ANCHOR_END: waits_that_fill_the_cycles

# ANCHOR: one_wait_left_over
left = left_waiting(WORKERS, 4, WORK)
print(f"{WORKERS} workers x 4 phases on Barrier(3): 16 waits = 5 cycles + 1; "
      f"left waiting: {left} (reported, then broken out with abort())")
assert 1 <= left < WORKERS - 1
# ANCHOR_END: one_wait_left_over
