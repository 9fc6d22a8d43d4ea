"""4.1 The same squares with threads instead of processes.

In Python, ThreadPoolExecutor gives the same list but no CPU parallelism (the
GIL runs one thread's bytecode at a time); Rust's rayon gives both.
Run: python3 processes/python/rayon_squares.py
The Rust version: cargo run --release --example rayon_squares
"""
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor


# ANCHOR: notebook_cell
def square(x):
    return x * x


def notebook_cell():
    with ThreadPoolExecutor() as executor:
        results = list(executor.map(square, range(100)))
    print(results)
    assert results == [x * x for x in range(100)]
# ANCHOR_END: notebook_cell


# ANCHOR: two_threads_share_the_items
def square_and_thread(x):
    time.sleep(0.0002)  # a little work, so the second thread gets some
    return x * x, threading.current_thread().name


def two_threads_share_the_items():
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="worker") as executor:
        tagged = list(executor.map(square_and_thread, range(100)))
    per_thread = Counter(name for _, name in tagged)
    print()
    for name, items in sorted(per_thread.items()):
        print(f"  {name}: {items} items")
    assert [r for r, _ in tagged] == [x * x for x in range(100)]
    assert sum(per_thread.values()) == 100
# ANCHOR_END: two_threads_share_the_items


if __name__ == "__main__":
    notebook_cell()
    two_threads_share_the_items()
