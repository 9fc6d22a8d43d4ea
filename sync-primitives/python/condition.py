"""3.2 Condition: a bounded producer/consumer queue on one lock, two conditions.

Run: python3 sync-primitives/python/condition.py
The Rust version: cargo run --release --example condition
"""
import collections
import threading

CAPACITY, PRODUCERS, CONSUMERS, ITEMS = 4, 2, 3, 5000

lock = threading.Lock()
not_full = threading.Condition(lock)
not_empty = threading.Condition(lock)
items = collections.deque()
closed = False
high_water = 0


def put(item):
    global high_water
    with not_full:
        while len(items) == CAPACITY:  # re-check after every wake-up
            not_full.wait()
        items.append(item)
        high_water = max(high_water, len(items))
        not_empty.notify()  # one item feeds one consumer


def get():
    with not_empty:
        not_empty.wait_for(lambda: items or closed)
        if not items:
            return None
        item = items.popleft()
        not_full.notify()
        return item


def consumer(results, i):
    count = total = 0
    while (item := get()) is not None:
        count += 1
        total += item
    results[i] = (count, total)


def producer(p):
    for i in range(ITEMS):
        put(p * ITEMS + i + 1)


results = [None] * CONSUMERS
consumers = [threading.Thread(target=consumer, args=(results, i)) for i in range(CONSUMERS)]
producers = [threading.Thread(target=producer, args=(p,)) for p in range(PRODUCERS)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
with lock:
    closed = True
    not_empty.notify_all()  # every consumer must see it
for t in consumers:
    t.join()

for i, (count, total) in enumerate(results):
    print(f"consumer {i}: {count} items, sum {total}")
n = PRODUCERS * ITEMS
consumed = sum(c for c, _ in results)
print(f"consumed {consumed} of {n} items, the queue held at most {high_water} (capacity {CAPACITY})")
with not_empty:
    late = not_empty.wait_for(lambda: items, timeout=0.05)
print("wait_for with a 50 ms timeout on an empty queue:", bool(late), "(timed out)")
assert consumed == n and sum(s for _, s in results) == n * (n + 1) // 2
assert high_water <= CAPACITY and not late
