//! 3.4 Event: workers wait for one start signal.
//!
//! Python: `start = threading.Event()`; workers call `start.wait()`, the main
//! thread calls `start.set()` once everything is ready; `wait(timeout)`
//! returns `False` if nobody set it in time.
//! Rust: `sync_primitives::Event`, the same four methods (`set`, `clear`,
//! `is_set`, `wait`) plus `wait_timeout(Duration) -> bool`.
//!
//! Watch: no worker reports before "start.set()"; the first timed wait
//! times out (`false`), the second is answered by a setter thread (`true`).
//!
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
    let start = Event::new();
    let started = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel();

    thread::scope(|s| {
        for id in 0..WORKERS {
            let (start, started, tx) = (&start, &started, tx.clone());
            s.spawn(move || {
                start.wait(); // blocks until set
                // Everything the main thread did before set() is visible here.
                tx.send((id, started.load(Ordering::SeqCst))).unwrap();
            });
        }
        drop(tx);
        println!("{WORKERS} workers waiting; preparing...");
        started.store(true, Ordering::SeqCst);
        println!("start.set()");
        start.set();
        for (id, saw_start) in rx.iter() {
            println!("  worker {id} started (saw the preparation: {saw_start})");
            assert!(saw_start);
        }
    });

    // A timed wait that nobody answers.
    let nobody = Event::new();
    let (answered, waited) = time(|| nobody.wait_timeout(Duration::from_millis(100)));
    println!();
    println!(
        "wait_timeout(100 ms), nobody sets it: {answered} after {}",
        format_duration(waited)
    );

    // A timed wait that another thread answers well before the deadline.
    let ready = Event::new();
    let answered_in_time = thread::scope(|s| {
        s.spawn(|| ready.set());
        ready.wait_timeout(Duration::from_secs(10))
    });
    println!("wait_timeout(10 s), another thread sets it: {answered_in_time}");

    assert!(start.is_set());
    assert!(!answered);
    assert!(answered_in_time);
}
