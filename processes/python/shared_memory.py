"""4 multiprocessing.Value: one counter, several processes, lost updates.

Run: python3 processes/python/shared_memory.py
The Rust version: cargo run --release --example shared_memory
"""
import multiprocessing as mp

PROCESSES = 4
PER_CHILD = 50_000


def racy(value):
    for _ in range(PER_CHILD):
        value.value += 1  # read, add, write: another process can slip in between


def locked(value):
    for _ in range(PER_CHILD):
        with value.get_lock():
            value.value += 1


def run(increment):
    value = mp.Value("q", 0)  # a 64-bit integer in shared memory, with a lock
    children = [mp.Process(target=increment, args=(value,)) for _ in range(PROCESSES)]
    for c in children:
        c.start()
    for c in children:
        c.join()
    return value.value


plain = 0


def bump_plain():
    global plain
    plain += 1


def bump_shared(value):
    with value.get_lock():
        value.value += 1


if __name__ == "__main__":
    mp.set_start_method("fork")
    child = mp.Process(target=bump_plain)
    child.start()
    child.join()
    print(f"plain variable after a child's += 1: {plain} (copied at the fork, not shared)")

    shared = mp.Value("q", 0)  # mapped before the fork: parent and child share it
    child = mp.Process(target=bump_shared, args=(shared,))
    child.start()
    child.join()
    print(f"Value after a child's += 1: {shared.value} (shared memory)")

    expected = PROCESSES * PER_CHILD
    racy_total = run(racy)
    locked_total = run(locked)
    print(f"{'increment':<24} {'expected':>9} {'got':>9} {'lost':>7}")
    for name, got in [("value += 1 (racy)", racy_total), ("with get_lock() (safe)", locked_total)]:
        print(f"{name:<24} {expected:>9} {got:>9} {expected - got:>7}")

    assert plain == 0
    assert shared.value == 1
    assert racy_total <= expected
    assert locked_total == expected
