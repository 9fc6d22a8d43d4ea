"""3.3 BoundedSemaphore: a release too many is an error, not one more place.

Run: python3 sync-primitives/python/bounded_semaphore.py
The Rust version: cargo run --release --example bounded_semaphore
"""
import threading

# ANCHOR: plain_semaphore_grows
plain = threading.Semaphore(2)
plain.acquire()
plain.release()
plain.release()  # the bug: a second give-back
print("Semaphore(2) after acquire + 2 releases: value =", plain._value)  # CPython internal, for show
print("  now 3 threads fit in a pool of 2 connections, and nothing said so")
# ANCHOR_END: plain_semaphore_grows

# ANCHOR: bounded_semaphore_refuses
bounded = threading.BoundedSemaphore(2)
bounded.acquire()
bounded.release()
try:
    bounded.release()
    error = None
except ValueError as e:
    error = e
print()
print("BoundedSemaphore(2) after acquire + 2 releases: value =", bounded._value)
print("  second release: ValueError:", error)
assert plain._value == 3 and bounded._value == 2 and error is not None
# ANCHOR_END: bounded_semaphore_refuses
