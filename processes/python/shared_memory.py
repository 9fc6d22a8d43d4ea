"""4 multiprocessing.Value: memory a forked child shares, and memory it does not.

Run: python3 processes/python/shared_memory.py
The Rust version: cargo run --release --example shared_memory
"""
import multiprocessing as mp

# ANCHOR: plain_memory_is_copied
plain = 0


def bump_plain():
    global plain
    plain += 1  # the child's own copy


def plain_memory_is_copied():
    child = mp.Process(target=bump_plain)
    child.start()
    child.join()
    print(f"plain variable after a child's += 1: {plain} (copied at the fork, not shared)")
    assert plain == 0
# ANCHOR_END: plain_memory_is_copied


# ANCHOR: a_shared_page_is_not_copied
def bump_shared(value):
    with value.get_lock():
        value.value += 1


def a_shared_page_is_not_copied():
    shared = mp.Value("q", 0)  # mapped before the fork: parent and child share it
    child = mp.Process(target=bump_shared, args=(shared,))
    child.start()
    child.join()
    print(f"Value after a child's += 1: {shared.value} (shared memory)")
    assert shared.value == 1
# ANCHOR_END: a_shared_page_is_not_copied


if __name__ == "__main__":
    mp.set_start_method("fork")
    plain_memory_is_copied()
    a_shared_page_is_not_copied()
