"""3.7 Channels: queue.Queue as the way threads hand work to each other.

Run: python3 sync-primitives/python/channels.py
The Rust version: cargo run --release --example channels
"""
import queue
import threading
import time

JOBS = 8

# ANCHOR: backpressure
q = queue.Queue(maxsize=2)  # put() blocks while 2 are waiting
DONE = object()  # Python needs a sentinel to say "no more"


def producer():
    for job in range(1, JOBS + 1):
        q.put(job)
    q.put(DONE)


threading.Thread(target=producer).start()
received = 0
while (job := q.get()) is not DONE:
    time.sleep(0.005)  # a slow consumer, so the producer hits the bound
    received += 1
    print(f"got job {job} (queued behind it: {q.qsize()})")
print(f"all {received} jobs received")
assert received == JOBS
# ANCHOR_END: backpressure

# ANCHOR: recv_timeout_on_an_idle_channel
try:
    queue.Queue().get(timeout=0.05)
    timed_out = False
except queue.Empty:
    timed_out = True
print("get(timeout=0.05) on an idle queue raised queue.Empty:", timed_out)
assert timed_out
# ANCHOR_END: recv_timeout_on_an_idle_channel
