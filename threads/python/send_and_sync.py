"""3.6 Send and Sync: what Python lets threads share, and what it leaves to you.

Every Python object can be used by every thread: the GIL makes each bytecode,
and each reference-count update, atomic. So Python never asks the questions
that rustc asks; each part below is a program rustc refuses (threads/tests/ui/).

Run: python3 threads/python/send_and_sync.py
The Rust version: cargo run --release --example send_and_sync
"""
import sys
import threading

# ANCHOR: move_gives_the_thread_its_data
# 1. A thread reads main's list. Python's closure refers to the variable itself,
#    and the list lives as long as anything refers to it.
#    Rust: E0373 (spawn_borrows_a_local.rs), fixed with `move`.
names = ["Ada", "Grace"]


def greet():
    for name in names:
        print(f"1. closure: hello, {name}")


t = threading.Thread(target=greet)
t.start()
t.join()

# ANCHOR_END: move_gives_the_thread_its_data

# ANCHOR: scope_joins_before_data_dies
# 2. A thread outlives main's name for its data: `del` drops the name, and the
#    reference count keeps the list alive for the thread that still has it.
#    Rust: E0597 (thread_outlives_its_data.rs), fixed with thread::scope.
data = list(range(1, 101))
go = threading.Event()
sums = []


def add_up(numbers):
    go.wait()
    sums.append(sum(numbers))


t = threading.Thread(target=add_up, args=(data,))
t.start()
del data  # main's name is gone; the thread's reference is not
go.set()
t.join()
print(f"2. refcount: after `del data` the thread still summed it: {sums[0]}")

# ANCHOR_END: scope_joins_before_data_dies

# ANCHOR: arc_counts_across_threads
# 3. Threads take references to one object at once. Every reference changes the
#    object's count, a plain increment that only the GIL keeps exact.
#    Rust: E0277, `Rc` is not `Send` (rc_is_not_send.rs), fixed with `Arc`.
config = ["debug", "verbose"]
before = sys.getrefcount(config)
holding = threading.Barrier(5)  # 4 threads and main


def hold(options):
    holding.wait()  # all 4 hold a reference now...
    holding.wait()  # ...until main has counted them


threads = [threading.Thread(target=hold, args=(config,)) for _ in range(4)]
for t in threads:
    t.start()
holding.wait()
during = sys.getrefcount(config)
holding.wait()
for t in threads:
    t.join()
after = sys.getrefcount(config)
print(f"3. refcount: {before} before, {during} while 4 threads held it, {after} after")
assert during > before and after == before

# ANCHOR_END: arc_counts_across_threads

# ANCHOR: mutex_lets_threads_take_turns
# 4. Two threads append to one list. Each append is atomic under the GIL, so none
#    is lost; but a check and an act are two steps, and another thread may run
#    between them. A Barrier forces that interleaving here, every time.
#    Rust: E0499 and E0502 (two_threads_push.rs, push_while_main_reads.rs), and
#    E0277, `RefCell` is not `Sync` (refcell_is_not_sync.rs), fixed with a Mutex.
winners = []
both_checked = threading.Barrier(2)


def claim(me):
    if not winners:  # check...
        both_checked.wait()
        winners.append(me)  # ...then act: the other thread checked meanwhile


threads = [threading.Thread(target=claim, args=(n,)) for n in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"4. race: both threads saw no winner and claimed the prize: {sorted(winners)}")

lock = threading.Lock()
winners = []


def claim_locked(me):
    with lock:  # the check and the act as one step
        if not winners:
            winners.append(me)


threads = [threading.Thread(target=claim_locked, args=(n,)) for n in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"4. Lock: one winner, thread {winners[0]}, because check and act hold one lock")
# ANCHOR_END: mutex_lets_threads_take_turns
