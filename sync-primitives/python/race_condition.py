"""3.7 Race condition: the result depends on the order the threads run in.

Run: python3 sync-primitives/python/race_condition.py
The Rust version: cargo run --release --example race_condition
"""
import threading
import time

THREADS, PER_THREAD = 4, 20_000
counter = 0


def racy():
    global counter
    for _ in range(PER_THREAD):
        temp = counter
        time.sleep(0)  # invite a thread switch between read and write
        counter = temp + 1


lock = threading.Lock()


def locked():
    global counter
    for _ in range(PER_THREAD):
        with lock:
            temp = counter
            time.sleep(0)
            counter = temp + 1


for name, fn in [("read + write (racy)", racy), ("under a Lock", locked)]:
    counter = 0
    threads = [threading.Thread(target=fn) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{name:<20} {counter:>6} (lost {THREADS * PER_THREAD - counter})")
    if fn is locked:
        assert counter == THREADS * PER_THREAD

# Check-then-act: each step is safe, the pair is not.
balance = 100
both_checked = threading.Barrier(2)
withdrawals = []


def withdraw():
    global balance
    enough = balance >= 100  # check
    both_checked.wait()  # the unlucky interleaving, made certain
    if enough:
        balance -= 100  # act, on a balance that has changed
        withdrawals.append(1)


threads = [threading.Thread(target=withdraw) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print()
print(f"check, then act: {len(withdrawals)} withdrawals of 100 from 100, balance = {balance}")
assert balance == -100
