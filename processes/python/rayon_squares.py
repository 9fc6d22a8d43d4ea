"""4.1 The same squares with threads instead of processes.

In Python, ThreadPoolExecutor gives the same list but no CPU parallelism (the
GIL runs one thread's bytecode at a time); Rust's rayon gives both.
Run: python3 processes/python/rayon_squares.py
The Rust version: cargo run --release --example rayon_squares
"""
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor


def square(x):
    return x * x


def square_and_thread(x):
    return x * x, threading.current_thread().name


if __name__ == "__main__":
    with ThreadPoolExecutor() as executor:
        results = list(executor.map(square, range(100)))
    print(results)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="worker") as executor:
        tagged = list(executor.map(square_and_thread, range(100)))
    per_thread = Counter(name for _, name in tagged)
    print()
    for name, items in sorted(per_thread.items()):
        print(f"  {name}: {items} items")

    assert results == [x * x for x in range(100)]
    assert [r for r, _ in tagged] == results
    assert sum(per_thread.values()) == 100
