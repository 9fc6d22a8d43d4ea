"""3.7 Memory ordering: Python has none to choose, and here is what it relies on instead.

Rust asks for an Ordering on every atomic. Python has no atomics and no
orderings: with the GIL only one thread runs bytecode at a time, and every
switch between threads goes through the GIL's own lock, so each thread sees
the others' writes in the order they were made (as if everything were SeqCst).
What Python code relies on beyond that are the threading primitives: a Lock
for read-modify-write, and an Event (or a Queue) to hand data over; their
locks order memory the way Release/Acquire do in Rust. The free-threaded build
(python3.13t, PEP 703) has no GIL to lean on: hand data over through those
primitives there, never through a plain flag.
Run: python3 sync-primitives/python/memory_ordering.py
The Rust version: cargo run --release --example memory_ordering
"""
import threading

THREADS, PER_THREAD = 4, 100_000

# ANCHOR: relaxed_counter
# A counter: Rust's Relaxed fetch_add. Python's `hits += 1` is a read, an add
# and a write (not one step), so it takes a Lock.
hits = 0
hits_lock = threading.Lock()


def count():
    global hits
    for _ in range(PER_THREAD):
        with hits_lock:
            hits += 1


threads = [threading.Thread(target=count) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{THREADS} threads x {PER_THREAD} increments under a Lock: {hits}")
assert hits == THREADS * PER_THREAD
# ANCHOR_END: relaxed_counter

# ANCHOR: publish_with_release_acquire
# Publishing data through a flag: Rust's Release store and Acquire load.
# Event.set() and Event.wait() meet in the Event's lock, so what the writer
# did before set() is visible after wait() returns.
ROUNDS = 200
stale = 0
for round_ in range(1, ROUNDS + 1):
    box = {"data": 0}
    ready = threading.Event()

    def write(box=box, ready=ready, round_=round_):
        box["data"] = round_
        ready.set()

    writer = threading.Thread(target=write)
    writer.start()
    ready.wait()
    stale += box["data"] != round_
    writer.join()
print(f"{ROUNDS} publications through a threading.Event: {stale} stale reads")
assert stale == 0
# ANCHOR_END: publish_with_release_acquire
