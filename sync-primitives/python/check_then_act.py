"""3.7 Race condition: check-then-act, when a check and its act are two steps.

Run: python3 sync-primitives/python/check_then_act.py
The Rust version: cargo run --release --example check_then_act
"""
import threading

# ANCHOR: check_then_act_race
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
print(f"check, then act: {len(withdrawals)} withdrawals of 100 from 100, balance = {balance}")
assert balance == -100
# ANCHOR_END: check_then_act_race

# ANCHOR: check_and_act_under_one_guard
balance = 100
lock = threading.Lock()
withdrawals = []


def withdraw_locked():
    global balance
    with lock:  # one lock across the check and the act
        if balance >= 100:
            balance -= 100
            withdrawals.append(1)


threads = [threading.Thread(target=withdraw_locked) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"check and act under one lock: {len(withdrawals)} withdrawal of 100 from 100, balance = {balance}")
assert balance == 0 and len(withdrawals) == 1
# ANCHOR_END: check_and_act_under_one_guard
