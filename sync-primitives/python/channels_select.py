"""3.7 Channels: a worker pool on one job queue.

Python has no select() over queues: a thread that must wait on several
queues at once needs a thread per queue, or one queue that everything goes to.
Run: python3 sync-primitives/python/channels_select.py
The Rust version: cargo run --release --example channels_select
"""
import queue
import threading

JOBS, WORKERS = 8, 3
DONE = object()  # the sentinel that stops a worker

# ANCHOR: worker
jobs, results = queue.Queue(maxsize=WORKERS), queue.Queue()


def worker(i):
    while (n := jobs.get()) is not DONE:
        results.put((i, n, n * n))
# ANCHOR_END: worker


# ANCHOR: worker_pool_with_select
workers = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
for t in workers:
    t.start()
for n in range(1, JOBS + 1):
    jobs.put(n)
for _ in workers:
    jobs.put(DONE)  # one sentinel per worker
for t in workers:
    t.join()
total = 0
while not results.empty():
    i, n, square = results.get()
    print(f"  result: {n}^2 = {square} (worker {i})")
    total += square
print(f"sum of squares of 1..={JOBS} = {total}")
assert total == 204
# ANCHOR_END: worker_pool_with_select
