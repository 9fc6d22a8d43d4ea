//! 3.1 Lock: 1000 threads increment one shared counter under a lock.
//!
//! Python: a global `shared_counter` and a separate `threading.Lock()`; each
//! thread reads, adds one and writes back inside `with lock:`.
//! Rust: that shape first (a `Mutex<()>` beside the counter), then a
//! `Mutex<u64>` that owns the counter, then an `AtomicU64` with no lock.
//! A thread the OS refuses ends the run in one line (`spawn::scoped`).
//!
//! Watch: the first line is the notebook's, `shared_counter = 1000`; only
//! `Mutex<u64>` makes it a compile error to touch the counter without the lock.
//! Varies: the times (mostly 1000 thread spawns: OS, cores, load), never the counts.
//!
//! Run: cargo run --release --example lock_counter

use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use common::report::Table;
use common::timing::{format_duration, time};
use parking_lot::Mutex;
use sync_primitives::{lock_counter, spawn};

const THREADS: usize = 1000;

/// What one variant counted, and how long its 1000 threads took.
type Counted = (u64, Duration);

fn main() {
    let python_shape = notebook_cell(THREADS);
    let owned = lock_owning_the_counter(THREADS);
    let no_lock = atomic_counter(THREADS);
    compare(python_shape, owned, no_lock);
}

// ANCHOR: notebook_cell
/// The notebook's cell, from the library (`sync_primitives::lock_counter`,
/// which `--compare` times too): a lock, and a counter beside it.
fn notebook_cell(threads: usize) -> Counted {
    let (shared_counter, elapsed) = time(|| lock_counter::notebook_cell(threads));
    assert_eq!(
        shared_counter, threads as u64,
        "the lock let an update get lost"
    );
    (shared_counter, elapsed)
}
// ANCHOR_END: notebook_cell

// ANCHOR: lock_owning_the_counter
/// Idiomatic: the lock owns the data. `lock()` returns a guard that derefs to
/// the u64, and the guard's drop is the end of the `with` block.
fn lock_owning_the_counter(threads: usize) -> Counted {
    let counter = Mutex::new(0_u64);
    let ((), elapsed) = time(|| {
        thread::scope(|s| {
            for _ in 0..threads {
                spawn::scoped(s, || *counter.lock() += 1);
            }
        });
    });
    let total = counter.into_inner();
    assert_eq!(
        total, threads as u64,
        "the Mutex<u64> let an update get lost"
    );
    (total, elapsed)
}
// ANCHOR_END: lock_owning_the_counter

// ANCHOR: atomic_counter
/// For a lone counter no lock is needed: one indivisible read-add-write.
fn atomic_counter(threads: usize) -> Counted {
    let counter = AtomicU64::new(0);
    let ((), elapsed) = time(|| {
        thread::scope(|s| {
            for _ in 0..threads {
                // Relaxed is enough: only the count matters, and the end of the
                // scope (a join) makes every increment visible before we read
                // it (memory ordering: see the 3.7 memory_ordering topic).
                spawn::scoped(s, || counter.fetch_add(1, Ordering::Relaxed));
            }
        });
    });
    let total = counter.into_inner();
    assert_eq!(
        total, threads as u64,
        "fetch_add is indivisible, so none is lost"
    );
    (total, elapsed)
}
// ANCHOR_END: atomic_counter

// ANCHOR: compare
/// The three side by side: the same count, and what each costs here.
fn compare(python_shape: Counted, owned: Counted, no_lock: Counted) {
    let mut table = Table::new(["variant", "result", "time (1000 threads)"]);
    for (variant, (total, elapsed)) in [
        (
            "Mutex<()> beside the counter (Python's shape)",
            python_shape,
        ),
        ("Mutex<u64> owning the counter", owned),
        ("AtomicU64::fetch_add, no lock", no_lock),
    ] {
        table.row([variant.into(), total.to_string(), format_duration(elapsed)]);
    }
    table.align_right([1, 2]);
    println!();
    println!("{table}");
    println!("Why the data lives inside the lock in Rust: the type system then");
    println!("checks that every access holds it. Python's lock protects the");
    println!("counter only by convention.");
}
// ANCHOR_END: compare
