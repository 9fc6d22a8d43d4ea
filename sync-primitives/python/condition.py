"""3.2 Condition: a bounded producer/consumer queue on one lock, two conditions.

Run: python3 sync-primitives/python/condition.py
The Rust version: cargo run --release --example condition
"""
import collections
import threading

CAPACITY, PRODUCERS, CONSUMERS, ITEMS = 4, 2, 3, 5000


# ANCHOR: bounded_queue
class BoundedQueue:
    """queue.Queue(maxsize), built by hand on one lock and two conditions."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.items = collections.deque()
        self.closed = False
        self.high_water = 0  # the fullest it ever got
        lock = threading.Lock()
        self.not_full = threading.Condition(lock)
        self.not_empty = threading.Condition(lock)

    def put(self, item):
        with self.not_full:
            while len(self.items) == self.capacity:  # re-check after every wake-up
                self.not_full.wait()
            self.items.append(item)
            self.high_water = max(self.high_water, len(self.items))
            self.not_empty.notify()  # one item feeds one consumer

    def get(self, timeout=None):
        """The next item; None once closed and drained, or on a timeout."""
        with self.not_empty:
            self.not_empty.wait_for(lambda: self.items or self.closed, timeout)
            if not self.items:
                return None
            item = self.items.popleft()
            self.not_full.notify()
            return item

    def close(self):
        with self.not_empty:
            self.closed = True
            self.not_empty.notify_all()  # every consumer must see it
# ANCHOR_END: bounded_queue


# ANCHOR: producer_and_consumer
def producer(queue, p):
    for i in range(ITEMS):
        queue.put(p * ITEMS + i + 1)


def consumer(queue, results, i):
    count = total = 0
    while (item := queue.get()) is not None:
        count += 1
        total += item
    results[i] = (count, total)
# ANCHOR_END: producer_and_consumer


def producers_and_consumers():
    # ANCHOR: producers_and_consumers
    queue = BoundedQueue(CAPACITY)
    results = [None] * CONSUMERS
    consumers = [threading.Thread(target=consumer, args=(queue, results, i)) for i in range(CONSUMERS)]
    producers = [threading.Thread(target=producer, args=(queue, p)) for p in range(PRODUCERS)]
    for t in consumers + producers:
        t.start()
    for t in producers:
        t.join()
    queue.close()  # every producer is done
    for t in consumers:
        t.join()
    for i, (count, total) in enumerate(results):
        print(f"consumer {i}: {count} items, sum {total}")
    n = PRODUCERS * ITEMS
    consumed = sum(c for c, _ in results)
    print(f"consumed {consumed} of {n} items, the queue held at most {queue.high_water} (capacity {CAPACITY})")
    assert consumed == n and sum(s for _, s in results) == n * (n + 1) // 2
    assert queue.high_water <= CAPACITY
    # ANCHOR_END: producers_and_consumers


def timed_wait_gives_up():
    # ANCHOR: timed_wait_gives_up
    late = BoundedQueue(CAPACITY).get(timeout=0.05)
    print("get with a 50 ms timeout on an empty queue:", late, "(timed out)")
    assert late is None
    # ANCHOR_END: timed_wait_gives_up


if __name__ == "__main__":
    producers_and_consumers()
    timed_wait_gives_up()
