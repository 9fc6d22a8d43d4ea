//! 3.7 Race conditions' twin, deadlock: two locks taken in opposite orders.
//!
//! Python: thread 1 does `with accounts: with audit_log:`, thread 2 does
//! `with audit_log: with accounts:`; each gets its first lock and waits
//! forever for the other's. Python has no built-in detector; the program hangs.
//! Rust: the same inversion with `parking_lot::Mutex`, found at run time by
//! parking_lot's deadlock detector (`parking_lot::deadlock::check_deadlock`,
//! cargo feature `deadlock_detection` of this crate). Then the two usual
//! fixes: one global lock order, and `try_lock_for`, which gives up and backs off.
//!
//! Watch: the detector names both threads and which lock each holds and
//! wants; both fixes finish every round.
//!
//! Varies: how many polls the detector needs (it runs every 20 ms, and the
//! threads need a moment to block); in the `try_lock_for` fix, whether a
//! round needs more than one back-off, which depends on scheduling.
//!
//! The detector adds bookkeeping to every parking_lot lock in the build, so
//! it is an off-by-default feature that only this example requires; its
//! report is destructive (the threads it reports stay blocked for good), so
//! the demo leaves them parked and the process ends when `main` returns.
//!
//! Run: cargo run --release --example deadlock --features deadlock_detection

use std::collections::HashMap;
use std::sync::Arc;
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use parking_lot::{Mutex, deadlock};

/// How long we give the detector before calling the demo a failure.
const DETECTOR_BOUND: Duration = Duration::from_secs(10);
const ROUNDS: usize = 1_000;
/// Each forced inversion costs one 5 ms `try_lock_for` timeout.
const BACKOFF_ROUNDS: usize = 20;

fn main() {
    // --- The deadlock ------------------------------------------------------
    let accounts = Arc::new(Mutex::new(100_i64));
    let audit_log = Arc::new(Mutex::new(Vec::<String>::new()));
    // Makes the unlucky interleaving certain: each thread holds its first
    // lock before either asks for its second. (std's Barrier: not a
    // parking_lot lock, so the detector does not see it.)
    let both_hold_one = Arc::new(std::sync::Barrier::new(2));

    let transfer = {
        let (accounts, audit_log, both) =
            (accounts.clone(), audit_log.clone(), both_hold_one.clone());
        thread::Builder::new()
            .name("transfer".into())
            .spawn(move || {
                let mut balance = accounts.lock();
                both.wait();
                let mut log = audit_log.lock(); // waits for `audit`, forever
                *balance -= 10;
                log.push("transfer 10".into());
            })
            .unwrap()
    };
    let audit = {
        let (accounts, audit_log, both) =
            (accounts.clone(), audit_log.clone(), both_hold_one.clone());
        thread::Builder::new()
            .name("audit".into())
            .spawn(move || {
                let mut log = audit_log.lock();
                both.wait();
                let balance = accounts.lock(); // waits for `transfer`, forever
                log.push(format!("balance {}", *balance));
            })
            .unwrap()
    };
    let roles: HashMap<ThreadId, (&str, &str, &str)> = HashMap::from([
        (
            transfer.thread().id(),
            ("transfer", "accounts", "audit_log"),
        ),
        (audit.thread().id(), ("audit", "audit_log", "accounts")),
    ]);

    // The detector: poll every 20 ms, as a watchdog thread would.
    let started = Instant::now();
    let cycles = loop {
        thread::sleep(Duration::from_millis(20));
        let found = deadlock::check_deadlock();
        if !found.is_empty() {
            break found;
        }
        if started.elapsed() > DETECTOR_BOUND {
            eprintln!("error: no deadlock detected within {DETECTOR_BOUND:?}");
            std::process::exit(1);
        }
    };
    let cycle_sizes: Vec<usize> = cycles.iter().map(Vec::len).collect();
    println!(
        "deadlock detected: {} cycle of {} threads",
        cycles.len(),
        cycle_sizes.iter().sum::<usize>()
    );
    let mut reported = Vec::new();
    for thread in cycles.iter().flatten() {
        let (name, holds, wants) =
            roles
                .get(&thread.thread_id())
                .copied()
                .unwrap_or(("<unknown>", "?", "?"));
        reported.push(name);
        println!("  thread `{name}` holds `{holds}` and waits for `{wants}`");
    }
    reported.sort_unstable();
    println!("(both stay blocked for good: detection is destructive; we leave them parked)");
    // Dropping the handles detaches the two threads; `main` returning ends them.
    drop((transfer, audit));

    // --- Fix 1: one lock order for everyone --------------------------------
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
                let mut log = audit_log.lock();
                log.push(format!("balance {}", *balance));
            }
        });
    });
    let ordered_entries = audit_log.lock().len();
    let ordered_balance = *accounts.lock();
    println!();
    println!(
        "fix 1, one lock order: {ordered_entries} log entries ({ROUNDS} transfers of 1 from {ROUNDS}, {ROUNDS} audits), balance {ordered_balance}"
    );

    // --- Fix 2: try_lock_for, back off, retry -------------------------------
    // `audit` keeps its opposite order but never waits without a deadline:
    // when the second lock does not come within 5 ms it lets go of the first.
    // The barriers force the inverted interleaving in every round, so every
    // round needs at least one back-off; `round_done` keeps rounds in step.
    let accounts = Mutex::new(100_i64);
    let audit_log = Mutex::new(Vec::<String>::new());
    let both_hold_one = std::sync::Barrier::new(2);
    let round_done = std::sync::Barrier::new(2);
    let mut backoffs = 0_usize;
    thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..BACKOFF_ROUNDS {
                let mut balance = accounts.lock();
                both_hold_one.wait();
                let mut log = audit_log.lock(); // waits until `audit` backs off
                *balance -= 1;
                log.push("transfer 1".into());
                drop((balance, log));
                round_done.wait();
            }
        });
        for _ in 0..BACKOFF_ROUNDS {
            let mut first_try = true;
            loop {
                let mut log = audit_log.lock();
                if first_try {
                    both_hold_one.wait();
                    first_try = false;
                }
                if let Some(balance) = accounts.try_lock_for(Duration::from_millis(5)) {
                    log.push(format!("balance {}", *balance));
                    break;
                }
                drop(log); // give `transfer` its chance
                backoffs += 1;
            }
            round_done.wait();
        }
    });
    let backoff_entries = audit_log.lock().len();
    println!(
        "fix 2, try_lock_for + back off: {backoff_entries} log entries, {backoffs} back-offs in {BACKOFF_ROUNDS} forced inversions"
    );

    assert_eq!(cycle_sizes, [2]);
    assert_eq!(reported, ["audit", "transfer"]);
    assert_eq!(ordered_entries, 2 * ROUNDS);
    assert_eq!(ordered_balance, 0);
    assert_eq!(backoff_entries, 2 * BACKOFF_ROUNDS);
    assert!(backoffs >= BACKOFF_ROUNDS);
}
