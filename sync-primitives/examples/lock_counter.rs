//! 3.1 Lock: 1000 threads increment one shared counter under a lock.
//!
//! Python: a module-level `shared_counter` and a separate `threading.Lock()`;
//! each thread reads, adds one and writes back inside `with lock:`.
//! Rust: the same shape first (a `Mutex<()>` next to the counter), then the
//! idiomatic forms: a `Mutex<u64>` that owns the counter, and an `AtomicU64`.
//!
//! Watch: the first line is the notebook's own, `shared_counter = 1000`. In
//! the Python shape nothing stops a thread from touching the counter without
//! taking the lock; with `Mutex<u64>` there is no way to reach the number
//! except through the guard, so forgetting the lock is a compile error.
//!
//! Varies: the timings (1000 thread spawns dominate them, and those depend on
//! the OS and the load); the counts never do.
//!
//! Run: cargo run --release --example lock_counter

use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use common::report::Table;
use common::timing::{format_duration, time};
use parking_lot::Mutex;

const THREADS: usize = 1000;

fn main() {
    // The notebook's cell, line for line: a lock, and a counter beside it.
    // (The counter is an atomic only because Rust will not let 1000 threads
    // share a plain `u64` at all; the lock is what makes read-add-write safe.)
    let lock = Mutex::new(());
    let shared_counter = AtomicU64::new(0);
    let increment_counter = || {
        let _guard = lock.lock(); // `with lock:`
        let mut temp = shared_counter.load(Ordering::Relaxed);
        temp += 1;
        shared_counter.store(temp, Ordering::Relaxed);
    };
    let ((), python_shape) = time(|| {
        thread::scope(|s| {
            let threads: Vec<_> = (0..THREADS).map(|_| s.spawn(increment_counter)).collect();
            for t in threads {
                t.join().unwrap();
            }
        });
    });
    let python_total = shared_counter.load(Ordering::Relaxed);
    println!("shared_counter = {python_total}");

    // Idiomatic: the lock owns the data. `lock()` returns a guard that derefs
    // to the u64, and the guard's drop is the end of the `with` block.
    let counter = Mutex::new(0_u64);
    let ((), owned) = time(|| {
        thread::scope(|s| {
            for _ in 0..THREADS {
                s.spawn(|| *counter.lock() += 1);
            }
        });
    });
    let owned_total = counter.into_inner();

    // For a lone counter no lock is needed: one indivisible read-add-write.
    let atomic = AtomicU64::new(0);
    let ((), fetch_add) = time(|| {
        thread::scope(|s| {
            for _ in 0..THREADS {
                s.spawn(|| atomic.fetch_add(1, Ordering::Relaxed));
            }
        });
    });
    let atomic_total = atomic.into_inner();

    println!();
    let mut table = Table::new(["variant", "result", "time (1000 threads)"]);
    table
        .row([
            "Mutex<()> beside the counter (Python's shape)".to_string(),
            python_total.to_string(),
            format_duration(python_shape),
        ])
        .row([
            "Mutex<u64> owning the counter".to_string(),
            owned_total.to_string(),
            format_duration(owned),
        ])
        .row([
            "AtomicU64::fetch_add, no lock".to_string(),
            atomic_total.to_string(),
            format_duration(fetch_add),
        ])
        .align_right([1, 2]);
    println!("{table}");
    println!("Why the data lives inside the lock in Rust: the type system then");
    println!("checks that every access holds it. Python's lock protects the");
    println!("counter only by convention.");

    assert_eq!(python_total, 1000);
    assert_eq!(owned_total, 1000);
    assert_eq!(atomic_total, 1000);
}
