//! 3.7 Deadlock: two locks taken in opposite orders, found and fixed.
//!
//! Python: one thread does `with accounts: with audit_log:`, the other the
//! reverse; each gets its first lock and waits forever. No detector: it hangs.
//! Rust: the same on `parking_lot::Mutex`, found by parking_lot's detector (a
//! feature: it adds bookkeeping to every lock in the build); then two fixes:
//! one lock order for everyone, and `try_lock_for`, which backs off.
//!
//! Watch: the detector names both threads and what each holds and wants; both
//! fixes finish every round, as do `transfer`s both ways between two accounts.
//! The deadlocked pair stays parked until `main` ends.
//! Varies: how many 20 ms polls the detector needs; back-offs per inversion.
//!
//! Run: cargo run --release --example deadlock --features deadlock_detection

use std::collections::HashMap;
use std::sync::{Arc, Barrier};
use std::thread::{self, JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use parking_lot::{Mutex, deadlock};
use sync_primitives::{Account, transfer};

/// How long we give the detector before calling the demo a failure.
const DETECTOR_BOUND: Duration = Duration::from_secs(10);
const ROUNDS: usize = 1_000;
/// Each forced inversion costs at least one 5 ms `try_lock_for` timeout.
const BACKOFF_ROUNDS: usize = 20;

fn main() {
    deadlock_detected();
    fix_one_lock_order();
    fix_try_lock_and_back_off();
    transfers_both_ways_in_one_order();
}

// ANCHOR: opposite_orders
/// `transfer` takes `accounts` then `audit_log`; `audit` the other way round.
/// The barrier makes the unlucky interleaving certain: each holds its first
/// lock before either asks for its second. (std's Barrier is not a
/// parking_lot lock, so the detector does not see it.)
fn opposite_orders() -> [JoinHandle<()>; 2] {
    let accounts = Arc::new(Mutex::new(100_i64));
    let audit_log = Arc::new(Mutex::new(Vec::<String>::new()));
    let both_hold_one = Arc::new(Barrier::new(2));
    let (a, log, both) = (accounts.clone(), audit_log.clone(), both_hold_one.clone());
    let transfer = named("transfer", move || {
        let mut balance = a.lock();
        both.wait();
        let mut log = log.lock(); // waits for `audit`, forever
        *balance -= 10;
        log.push("transfer 10".into());
    });
    let audit = named("audit", move || {
        let mut log = audit_log.lock();
        both_hold_one.wait();
        let balance = accounts.lock(); // waits for `transfer`, forever
        log.push(format!("balance {}", *balance));
    });
    [transfer, audit]
}
// ANCHOR_END: opposite_orders

fn named(name: &str, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .expect("spawn a thread")
}

// ANCHOR: wait_for_deadlock
/// The detector, polled every 20 ms as a watchdog thread would: the ids of
/// the threads in each deadlocked cycle, or `None` if it found none within
/// `DETECTOR_BOUND`.
fn wait_for_deadlock() -> Option<Vec<Vec<ThreadId>>> {
    let started = Instant::now();
    while started.elapsed() < DETECTOR_BOUND {
        thread::sleep(Duration::from_millis(20));
        let cycles = deadlock::check_deadlock();
        if !cycles.is_empty() {
            let ids = cycles
                .iter()
                .map(|cycle| cycle.iter().map(|t| t.thread_id()).collect());
            return Some(ids.collect());
        }
    }
    None
}
// ANCHOR_END: wait_for_deadlock

// ANCHOR: deadlock_detected
fn deadlock_detected() {
    let [transfer, audit] = opposite_orders();
    let roles = HashMap::from([
        (
            transfer.thread().id(),
            ("transfer", "accounts", "audit_log"),
        ),
        (audit.thread().id(), ("audit", "audit_log", "accounts")),
    ]);
    let cycles = wait_for_deadlock().expect("the detector found no deadlock within 10 s");
    let sizes: Vec<usize> = cycles.iter().map(Vec::len).collect();
    let threads: usize = sizes.iter().sum();
    println!(
        "deadlock detected: {} cycle of {threads} threads",
        cycles.len()
    );
    let mut reported = Vec::new();
    for thread in cycles.iter().flatten() {
        let unknown = ("<unknown>", "?", "?");
        let (name, holds, wants) = roles.get(thread).copied().unwrap_or(unknown);
        println!("  thread `{name}` holds `{holds}` and waits for `{wants}`");
        reported.push(name);
    }
    println!("(both stay blocked for good: detection is destructive; we leave them parked)");
    drop((transfer, audit)); // detaches them; `main` returning ends them
    reported.sort_unstable();
    assert_eq!(sizes, [2], "one cycle of two threads");
    assert_eq!(
        reported,
        ["audit", "transfer"],
        "the cycle is our two threads"
    );
}
// ANCHOR_END: deadlock_detected

// ANCHOR: fix_one_lock_order
/// Fix 1: both threads take `accounts` first, then `audit_log`.
fn fix_one_lock_order() {
    // Enough in the account for every transfer of 1, so it ends at exactly 0.
    let accounts = Mutex::new(ROUNDS as i64);
    let audit_log = Mutex::new(Vec::<String>::new());
    thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..ROUNDS {
                let mut balance = accounts.lock(); // first accounts...
                let mut log = audit_log.lock(); // ...then audit_log
                *balance -= 1;
                log.push("transfer 1".into());
            }
        });
        s.spawn(|| {
            for _ in 0..ROUNDS {
                let balance = accounts.lock(); // the same order here
                audit_log.lock().push(format!("balance {}", *balance));
            }
        });
    });
    let (entries, balance) = (audit_log.into_inner().len(), accounts.into_inner());
    println!();
    println!(
        "fix 1, one lock order: {entries} log entries ({ROUNDS} transfers of 1 from {ROUNDS}, {ROUNDS} audits), balance {balance}"
    );
    assert_eq!(
        (entries, balance),
        (2 * ROUNDS, 0),
        "every round of both finished"
    );
}
// ANCHOR_END: fix_one_lock_order

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

// ANCHOR: fix_try_lock_and_back_off
/// Fix 2: every round is the deadlock's interleaving, and every round ends.
fn fix_try_lock_and_back_off() {
    let accounts = Mutex::new(100_i64);
    let audit_log = Mutex::new(Vec::<String>::new());
    let (both_hold_one, round_done) = (Barrier::new(2), Barrier::new(2));
    let backoffs: usize = thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..BACKOFF_ROUNDS {
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
        (0..BACKOFF_ROUNDS).map(|_| round()).sum()
    });
    let entries = audit_log.into_inner().len();
    println!(
        "fix 2, try_lock_for + back off: {entries} log entries, {backoffs} back-offs in {BACKOFF_ROUNDS} forced inversions"
    );
    assert_eq!(entries, 2 * BACKOFF_ROUNDS, "every round of both finished");
    assert!(
        backoffs >= BACKOFF_ROUNDS,
        "each forced inversion needed a back-off"
    );
}
// ANCHOR_END: fix_try_lock_and_back_off

// ANCHOR: transfers_both_ways_in_one_order
/// Fix 1 as a library function: `sync_primitives::transfer` (src/account.rs)
/// locks the two accounts in one order whichever way the money goes, so the
/// two directions never hold one account each.
fn transfers_both_ways_in_one_order() {
    let (a, b) = (Account::new(ROUNDS as i64), Account::new(ROUNDS as i64));
    thread::scope(|s| {
        s.spawn(|| (0..ROUNDS).for_each(|_| transfer(&a, &b, 1).expect("a covers 1")));
        s.spawn(|| (0..ROUNDS).for_each(|_| transfer(&b, &a, 1).expect("b covers 1")));
    });
    let (a, b) = (a.balance(), b.balance());
    println!(
        "transfer() in one lock order: {ROUNDS} of 1 each way between two accounts of {ROUNDS}, balances {a} and {b}"
    );
    assert_eq!(
        (a, b),
        (ROUNDS as i64, ROUNDS as i64),
        "every transfer finished"
    );
}
// ANCHOR_END: transfers_both_ways_in_one_order
