//! 3.7 Deadlock: two locks taken in opposite orders, found by a detector.
//!
//! Python: one thread does `with accounts: with audit_log:`, the other the
//! reverse; each gets its first lock and waits forever. No detector: it hangs.
//! Rust: the same on `parking_lot::Mutex`, found by parking_lot's detector (a
//! feature: it adds bookkeeping to every lock in the build); then a timeline.
//!
//! Watch: the detector names both threads and what each holds and wants; the
//! timeline holds both bars open until the `*` where it reported, then ends.
//! Varies: how many 20 ms polls the detector needs.
//!
//! Run: cargo run --release --example deadlock --features deadlock_detection

use std::collections::HashMap;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Barrier};
use std::thread::{self, JoinHandle, ThreadId};
use std::time::{Duration, Instant};

use common::trace::{self, Span};
use parking_lot::{Mutex, deadlock};

/// How long we give the detector before calling the demo a failure.
const DETECTOR_BOUND: Duration = Duration::from_secs(10);

fn main() {
    deadlock_detected();
    trace::finish();
    // `main` returns, and the process ends with the two threads still parked.
}

// ANCHOR: opposite_orders
/// `transfer` takes `accounts` then `audit_log`; `audit` the other way round.
/// The barrier makes the unlucky interleaving certain: each holds its first
/// lock before either asks for its second. (std's Barrier is not a
/// parking_lot lock, so the detector does not see it.) A blocked thread
/// cannot end its timeline span, so each hands it to `watchdog`.
fn opposite_orders(watchdog: Sender<Span>) -> [JoinHandle<()>; 2] {
    let accounts = Arc::new(Mutex::new(100_i64));
    let audit_log = Arc::new(Mutex::new(Vec::<String>::new()));
    let both_hold_one = Arc::new(Barrier::new(2));
    let (a, log, both, w) = (
        accounts.clone(),
        audit_log.clone(),
        both_hold_one.clone(),
        watchdog.clone(),
    );
    let transfer = spawn_detached("transfer", move || {
        let mut balance = a.lock();
        both.wait();
        w.send(trace::span("holds one lock, waits for the other"))
            .unwrap();
        let mut log = log.lock(); // waits for `audit`, forever
        *balance -= 10;
        log.push("transfer 10".into());
    });
    let audit = spawn_detached("audit", move || {
        let mut log = audit_log.lock();
        both_hold_one.wait();
        watchdog
            .send(trace::span("holds one lock, waits for the other"))
            .unwrap();
        let balance = accounts.lock(); // waits for `transfer`, forever
        log.push(format!("balance {}", *balance));
    });
    [transfer, audit]
}
// ANCHOR_END: opposite_orders

/// A thread called `name` that nobody waits for (these two never finish).
fn spawn_detached(name: &str, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    let spawned = thread::Builder::new().name(name.into()).spawn(f);
    spawned.unwrap_or_else(|e| common::report::refused("a thread", &e, "raise `ulimit -u`"))
}

// ANCHOR: wait_for_deadlock
/// The detector, polled every 20 ms as a watchdog thread would: the ids of
/// the threads in each deadlocked cycle, or `None` if it found none within
/// `DETECTOR_BOUND`.
fn wait_for_deadlock() -> Option<Vec<Vec<ThreadId>>> {
    let _polling = trace::span("polls the detector");
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
    let (watchdog, spans) = mpsc::channel();
    let [transfer, audit] = opposite_orders(watchdog);
    let roles = HashMap::from([
        (
            transfer.thread().id(),
            ("transfer", "accounts", "audit_log"),
        ),
        (audit.thread().id(), ("audit", "audit_log", "accounts")),
    ]);
    let cycles = wait_for_deadlock().expect("the detector found no deadlock within 10 s");
    trace::mark("the detector reports");
    drop(spans.try_iter().collect::<Vec<_>>()); // ends the stuck threads' spans here
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
    drop((transfer, audit)); // detaches them; the end of `main` ends them
    reported.sort_unstable();
    assert_eq!(sizes, [2], "one cycle of two threads");
    assert_eq!(
        reported,
        ["audit", "transfer"],
        "the cycle is our two threads"
    );
}
// ANCHOR_END: deadlock_detected
