"""3.7 Deadlock, fix 2: keep the opposite order, but never wait without a limit.

Every round forces the deadlock's interleaving with a barrier; `audit` takes
its second lock with a timeout and, when it does not come, lets go of its
first and tries again.
Run: python3 sync-primitives/python/deadlock_back_off.py
The Rust version: cargo run --release --example deadlock_back_off
"""
import threading

ROUNDS = 20
accounts = threading.Lock()
audit_log = threading.Lock()
both_hold_one = threading.Barrier(2)
round_done = threading.Barrier(2)
log = []


# ANCHOR: audit_with_back_off
def audit_with_back_off():
    """One round of `audit`; returns how many times it backed off."""
    audit_log.acquire()
    both_hold_one.wait()  # the inversion, forced: `transfer` holds `accounts`
    backoffs = 0
    while not accounts.acquire(timeout=0.005):
        audit_log.release()  # give `transfer` its chance
        backoffs += 1
        audit_log.acquire()
    log.append("balance")
    accounts.release()
    audit_log.release()
    return backoffs
# ANCHOR_END: audit_with_back_off


# ANCHOR: try_lock_and_back_off
def transfer():
    for _ in range(ROUNDS):
        with accounts:
            both_hold_one.wait()
            with audit_log:  # until `audit` backs off
                log.append("transfer 1")
        round_done.wait()


t = threading.Thread(target=transfer)
t.start()
backoffs = 0
for _ in range(ROUNDS):
    backoffs += audit_with_back_off()
    round_done.wait()  # keeps the rounds in step
t.join()
print(f"acquire(timeout) + back off: {len(log)} log entries, {backoffs} back-offs in {ROUNDS} forced inversions")
assert len(log) == 2 * ROUNDS and backoffs >= ROUNDS
# ANCHOR_END: try_lock_and_back_off
