//! 3.4 Event: workers wait for one start signal.
//!
//! Python: `start = threading.Event()`; workers call `start.wait()`, the main
//! thread `start.set()` once ready; `wait(timeout)` is `False` if nobody set it.
//! Rust: `sync_primitives::Event`, the same four methods (`set`, `clear`,
//! `is_set`, `wait`) plus `wait_timeout(Duration) -> bool`.
//!
//! Watch: no worker reports before "start.set()"; the first timed wait times
//! out (`false`), the second is answered by a setter thread (`true`).
//! Varies: the order in which the woken workers report.
//!
//! Run: cargo run --release --example event

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use common::timing::{format_duration, time};
use sync_primitives::Event;

const WORKERS: usize = 4;

fn main() {
    start_signal();
    timed_wait_nobody_answers();
    timed_wait_answered();
}

// ANCHOR: start_signal
fn start_signal() {
    let start = Event::new();
    let prepared = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        for id in 0..WORKERS {
            let (start, prepared, tx) = (&start, &prepared, tx.clone());
            s.spawn(move || {
                start.wait(); // blocks until set
                // Relaxed is enough: set() and wait() meet in the Event's
                // mutex, so whatever main did before set() is visible here
                // (memory ordering: see the 3.7 memory_ordering topic).
                tx.send((id, prepared.load(Ordering::Relaxed))).unwrap();
            });
        }
        drop(tx);
        println!("{WORKERS} workers waiting; preparing...");
        prepared.store(true, Ordering::Relaxed); // published by set(), see above
        println!("start.set()");
        start.set();
        for (id, saw_it) in rx.iter() {
            println!("  worker {id} started (saw the preparation: {saw_it})");
            assert!(
                saw_it,
                "worker {id} ran before set() or missed what it published"
            );
        }
    });
    assert!(start.is_set(), "nobody cleared it");
}
// ANCHOR_END: start_signal

// ANCHOR: timed_wait_nobody_answers
fn timed_wait_nobody_answers() {
    let nobody = Event::new();
    let timeout = Duration::from_millis(100);
    let (answered, waited) = time(|| nobody.wait_timeout(timeout));
    println!();
    println!(
        "wait_timeout(100 ms), nobody sets it: {answered} after {}",
        format_duration(waited)
    );
    assert!(!answered, "nobody set it, so the wait timed out");
    assert!(waited >= timeout, "a timed wait gave up early");
}
// ANCHOR_END: timed_wait_nobody_answers

// ANCHOR: timed_wait_answered
/// A timed wait that another thread answers well before the deadline.
fn timed_wait_answered() {
    let ready = Event::new();
    let answered = thread::scope(|s| {
        s.spawn(|| ready.set());
        ready.wait_timeout(Duration::from_secs(10))
    });
    println!("wait_timeout(10 s), another thread sets it: {answered}");
    assert!(answered, "the setter answered within 10 s");
}
// ANCHOR_END: timed_wait_answered
