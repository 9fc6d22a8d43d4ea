"""Channels: queue.Queue as the way threads hand work to each other.

Run: python3 sync-primitives/python/channels.py
The Rust version: cargo run --release --example channels
"""
import queue
import threading
import time

JOBS, WORKERS = 8, 3

q = queue.Queue(maxsize=2)  # put() blocks while 2 are waiting
DONE = object()  # Python needs a sentinel to say "no more"


def producer():
    for job in range(1, JOBS + 1):
        q.put(job)
    q.put(DONE)


threading.Thread(target=producer).start()
while (job := q.get()) is not DONE:
    time.sleep(0.005)  # a slow consumer, so the producer hits the bound
    print(f"got job {job} (queued behind it: {q.qsize()})")
print(f"all {JOBS} jobs received")

jobs, results = queue.Queue(maxsize=WORKERS), queue.Queue()


def worker(i):
    while (n := jobs.get()) is not DONE:
        results.put((i, n, n * n))


workers = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
for t in workers:
    t.start()
for n in range(1, JOBS + 1):
    jobs.put(n)
for _ in workers:
    jobs.put(DONE)
for t in workers:
    t.join()
total = 0
while not results.empty():
    i, n, square = results.get()
    print(f"  result: {n}^2 = {square} (worker {i})")
    total += square

try:
    queue.Queue().get(timeout=0.05)
    timed_out = False
except queue.Empty:
    timed_out = True
print("get(timeout=0.05) on an idle queue raised queue.Empty:", timed_out)
print(f"sum of squares of 1..={JOBS} = {total}")
assert total == 204 and timed_out
