"""3.3 Semaphore: at most three workers inside at once.

Ten threads compete for three places; the timeline at the end draws a row per
worker: w while it waits for a permit, i while it is inside.
Run: python3 sync-primitives/python/semaphore.py
The Rust version: cargo run --release --example semaphore
"""
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402

WORKERS, LIMIT, WORK = 10, 3, 0.1


# ANCHOR: inside_column
count_lock = threading.Lock()
inside = most_inside = 0


def report(i, event):
    """Counts worker i in or out and prints its line, under one lock."""
    global inside, most_inside
    with count_lock:
        inside += 1 if event == "enter" else -1
        most_inside = max(most_inside, inside)
        print(f"{i:>6}  {event:<6}  {inside}")
# ANCHOR_END: inside_column


# ANCHOR: at_most_three_inside
sem = threading.Semaphore(LIMIT)  # at most 3 threads


def worker(i):
    with trace.span("wait for a permit"):
        sem.acquire()
    try:  # `with sem:`, split so that the wait shows on the timeline
        with trace.span("inside"):
            report(i, "enter")
            time.sleep(WORK)  # the limited resource: a connection, a download
            report(i, "leave")
    finally:
        sem.release()


print(f"{'worker':>6}  event   inside")
start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(i,), name=f"worker {i}") for i in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print()
print("maximum concurrency observed:", most_inside)
print(f"{WORKERS} workers x {WORK * 1000:.0f} ms of work in {time.perf_counter() - start:.2f} s")
held = most_inside == LIMIT
detail = f"{most_inside} inside at once" if held else \
    f"at most {most_inside} at once: the machine was too busy for the work to overlap"
print(f"Claim: the semaphore lets three in at once -- {'holds' if held else 'does not hold on this run'} ({detail})")
assert most_inside <= LIMIT
# ANCHOR_END: at_most_three_inside

trace.finish()
