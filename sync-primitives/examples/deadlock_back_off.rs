//! 3.7 Deadlock, fix 2: keep the opposite order, but never wait without a limit.
//!
//! Python: `if not accounts.acquire(timeout=0.005):` let go of `audit_log`
//! and try again: the timed acquire turns the deadlock into retries.
//! Rust: parking_lot's `try_lock_for`; every round forces the deadlock's
//! interleaving with a barrier, and every round still ends.
//!
//! Watch: all 20 rounds of both threads finish, with at least one back-off
//! per forced inversion and often more.
//! Varies: the number of back-offs (parking_lot's mutex is not strictly fair).
//!
//! Run: cargo run --release --example deadlock_back_off

use std::sync::Barrier;
use std::thread;
use std::time::Duration;

use parking_lot::Mutex;

/// Each forced inversion costs at least one 5 ms `try_lock_for` timeout.
const ROUNDS: usize = 20;

fn main() {
    try_lock_and_back_off(ROUNDS);
}

// ANCHOR: audit_with_back_off
/// `audit` keeps its opposite order but never waits without a deadline: when
/// `accounts` does not come within 5 ms, it lets go of `audit_log` and tries
/// again. Returns how many times it backed off.
fn audit_with_back_off(
    accounts: &Mutex<i64>,
    audit_log: &Mutex<Vec<String>>,
    both_hold_one: &Barrier,
) -> usize {
    let mut log = audit_log.lock();
    both_hold_one.wait(); // the inversion, forced: `transfer` holds `accounts`
    let mut backoffs = 0;
    loop {
        if let Some(balance) = accounts.try_lock_for(Duration::from_millis(5)) {
            log.push(format!("balance {}", *balance));
            return backoffs;
        }
        drop(log); // give `transfer` its chance
        backoffs += 1;
        log = audit_log.lock();
    }
}
// ANCHOR_END: audit_with_back_off

// ANCHOR: try_lock_and_back_off
/// Every round is the deadlock's interleaving, and every round ends.
fn try_lock_and_back_off(rounds: usize) {
    let accounts = Mutex::new(100_i64);
    let audit_log = Mutex::new(Vec::<String>::new());
    let (both_hold_one, round_done) = (Barrier::new(2), Barrier::new(2));
    let backoffs: usize = thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..rounds {
                let mut balance = accounts.lock();
                both_hold_one.wait();
                *balance -= 1;
                audit_log.lock().push("transfer 1".into()); // until `audit` backs off
                drop(balance);
                round_done.wait();
            }
        });
        let round = || {
            let backoffs = audit_with_back_off(&accounts, &audit_log, &both_hold_one);
            round_done.wait(); // keeps the rounds in step
            backoffs
        };
        (0..rounds).map(|_| round()).sum()
    });
    let entries = audit_log.into_inner().len();
    println!(
        "try_lock_for + back off: {entries} log entries, {backoffs} back-offs in {rounds} forced inversions"
    );
    assert_eq!(entries, 2 * rounds, "every round of both finished");
    assert!(
        backoffs >= rounds,
        "each forced inversion needed a back-off"
    );
}
// ANCHOR_END: try_lock_and_back_off
