//! 3.7 Deadlock, fix 1: one lock order for everyone, so no circle can form.
//!
//! Python: both threads take `accounts` first, then `audit_log`
//! (`with accounts, audit_log:`), and every round of both finishes.
//! Rust: the same on `parking_lot::Mutex`; then `sync_primitives::transfer`,
//! which locks two accounts in one order whichever way the money goes.
//!
//! Watch: every round of both threads finishes, balance exactly 0; transfers
//! both ways between two accounts end where they began.
//! Varies: nothing but the interleaving; the counts are exact.
//!
//! Run: cargo run --release --example deadlock_lock_order

use std::thread;

use parking_lot::Mutex;
use sync_primitives::{Account, transfer};

const ROUNDS: usize = 1_000;

fn main() {
    one_lock_order(ROUNDS);
    transfers_both_ways_in_one_order(ROUNDS);
}

// ANCHOR: one_lock_order
/// Both threads take `accounts` first, then `audit_log`.
fn one_lock_order(rounds: usize) {
    // Enough in the account for every transfer of 1, so it ends at exactly 0.
    let accounts = Mutex::new(rounds as i64);
    let audit_log = Mutex::new(Vec::<String>::new());
    thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..rounds {
                let mut balance = accounts.lock(); // first accounts...
                let mut log = audit_log.lock(); // ...then audit_log
                *balance -= 1;
                log.push("transfer 1".into());
            }
        });
        s.spawn(|| {
            for _ in 0..rounds {
                let balance = accounts.lock(); // the same order here
                audit_log.lock().push(format!("balance {}", *balance));
            }
        });
    });
    let (entries, balance) = (audit_log.into_inner().len(), accounts.into_inner());
    println!(
        "one lock order: {entries} log entries ({rounds} transfers of 1 from {rounds}, {rounds} audits), balance {balance}"
    );
    assert_eq!(
        (entries, balance),
        (2 * rounds, 0),
        "every round of both finished"
    );
}
// ANCHOR_END: one_lock_order

// ANCHOR: transfers_both_ways_in_one_order
/// The fix as a library function: `sync_primitives::transfer` (src/account.rs)
/// locks the two accounts in one order whichever way the money goes, so the
/// two directions never hold one account each.
fn transfers_both_ways_in_one_order(rounds: usize) {
    let (a, b) = (Account::new(rounds as i64), Account::new(rounds as i64));
    thread::scope(|s| {
        s.spawn(|| (0..rounds).for_each(|_| transfer(&a, &b, 1).expect("a covers 1")));
        s.spawn(|| (0..rounds).for_each(|_| transfer(&b, &a, 1).expect("b covers 1")));
    });
    let (a, b) = (a.balance(), b.balance());
    println!(
        "transfer() in one lock order: {rounds} of 1 each way between two accounts of {rounds}, balances {a} and {b}"
    );
    let start = rounds as i64;
    assert_eq!((a, b), (start, start), "every transfer finished");
}
// ANCHOR_END: transfers_both_ways_in_one_order
