"""4 multiprocessing.Value: one counter, four processes, lost updates.

Run: python3 processes/python/value_lost_updates.py
The Rust version: cargo run --release --example value_lost_updates
"""
import multiprocessing as mp

PROCESSES = 4
PER_CHILD = 50_000


# ANCHOR: count_in_children
def count_in_children(name, increment):
    value = mp.Value("q", 0)  # a 64-bit integer in shared memory, with a lock
    children = [mp.Process(target=increment, args=(value,)) for _ in range(PROCESSES)]
    for c in children:
        c.start()
    for c in children:
        c.join()
    expected, got = PROCESSES * PER_CHILD, value.value
    print(f"{name:<24} {PROCESSES} processes x {PER_CHILD}: expected {expected}, got {got}, lost {expected - got}")
    return expected, got
# ANCHOR_END: count_in_children


# ANCHOR: racy_load_then_store
def racy(value):
    for _ in range(PER_CHILD):
        value.value += 1  # read, add, write: another process can slip in between


def racy_load_then_store():
    expected, got = count_in_children("value += 1 (racy)", racy)
    assert got <= expected
# ANCHOR_END: racy_load_then_store


# ANCHOR: atomic_fetch_add
def locked(value):
    for _ in range(PER_CHILD):
        with value.get_lock():
            value.value += 1


def atomic_fetch_add():
    expected, got = count_in_children("with get_lock() (safe)", locked)
    assert got == expected
# ANCHOR_END: atomic_fetch_add


if __name__ == "__main__":
    mp.set_start_method("fork")
    racy_load_then_store()
    atomic_fetch_add()
