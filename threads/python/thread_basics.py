"""3.6 Thread: start(), join(), results, names, current_thread and threading.local.

Run: python3 threads/python/thread_basics.py
The Rust version: cargo run --release --example thread_basics
"""
import threading

# ANCHOR: spawn_and_join
# start + join: join() returns None, so the result goes through shared state.
results = []
t = threading.Thread(target=lambda: results.append(sum(i * i for i in range(1_000))))
t.start()
t.join()
print(f"1. start/join: the thread left {results[0]} in a shared list")
# ANCHOR_END: spawn_and_join

# ANCHOR: builder
# A name (Python has no per-thread stack size; threading.stack_size() sets it for new threads).
names = []
t = threading.Thread(target=lambda: names.append(threading.current_thread().name), name="worker-1")
t.start()
t.join()
print(f"2. name: the thread calls itself {names[0]!r}")
# ANCHOR_END: builder

# ANCHOR: scope
# Threads share the data they are given; split the work into four parts.
data = list(range(1, 101))
sums = [0] * 4


def add_part(index):
    sums[index] = sum(data[index * 25:(index + 1) * 25])


workers = [threading.Thread(target=add_part, args=(i,)) for i in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"3. shared data: four threads summed parts: {sums}")
# ANCHOR_END: scope

# ANCHOR: current
main = threading.current_thread()
print(f"4. current_thread: {main.name!r} is ident {main.ident}")
# ANCHOR_END: current

# ANCHOR: thread_local
local = threading.local()


def count_call():
    local.calls = getattr(local, "calls", 0) + 1
    return local.calls


count_call()
count_call()
in_thread = []
t = threading.Thread(target=lambda: in_thread.append(count_call()))
t.start()
t.join()
print(f"5. threading.local: main counted {local.calls} calls, a new thread {in_thread[0]}")
# ANCHOR_END: thread_local
