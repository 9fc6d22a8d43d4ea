//! 3.7 Memory ordering: `Relaxed` for a counter, `Release`/`Acquire` to publish data.
//!
//! Python: no orderings to choose; the GIL runs one thread's bytecode at a
//! time, and data is handed over through `threading.Event` or a `Lock`.
//! Rust: `Relaxed` for a counter, `Release`/`Acquire` to publish data through
//! a flag; tests/loom.rs proves the flag needs them.
//!
//! Watch: the counter is exact with `Relaxed`; every reader that sees the flag
//! sees the data.
//! Varies: nothing printed; on x86 even a wrong (Relaxed) flag would pass here.
//!
//! Run: cargo run --release --example memory_ordering

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

const THREADS: u64 = 4;

fn main() {
    relaxed_counter(1_000_000);
    publish_with_release_acquire(1_000);
}

// ANCHOR: relaxed_counter
/// A counter that only counts. Each `fetch_add` is one indivisible step
/// whatever its ordering, so no increment is lost; an ordering only says what
/// *other* memory a thread sees, and this counter publishes nothing else.
fn relaxed_counter(per_thread: u64) {
    let hits = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..per_thread {
                    // Relaxed is enough: only the count matters.
                    hits.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    }); // the joins here make every increment visible to the next line
    let total = hits.into_inner();
    println!("{THREADS} threads x {per_thread} Relaxed fetch_adds: {total}");
    assert_eq!(
        total,
        THREADS * per_thread,
        "a Relaxed fetch_add is still indivisible: none is lost"
    );
}
// ANCHOR_END: relaxed_counter

// ANCHOR: publish_with_release_acquire
/// One thread writes the data and then raises a flag; another waits for the
/// flag and then reads the data. The `Release` store and the `Acquire` load
/// that sees it make everything written before the store visible after the load.
fn publish_with_release_acquire(rounds: u64) {
    let mut stale = 0;
    for round in 1..=rounds {
        let (data, ready) = (AtomicU64::new(0), AtomicBool::new(false));
        thread::scope(|s| {
            s.spawn(|| {
                // Relaxed is enough for the data: the flag's Release publishes it.
                data.store(round, Ordering::Relaxed);
                ready.store(true, Ordering::Release); // everything above is published...
            });
            while !ready.load(Ordering::Acquire) {
                thread::yield_now(); // ...to whoever sees `true` here
            }
            // Relaxed: the Acquire above already made the data visible.
            stale += u64::from(data.load(Ordering::Relaxed) != round);
        });
    }
    println!("{rounds} publications through a Release/Acquire flag: {stale} stale reads");
    let (verdict, why) = match std::env::consts::ARCH {
        "x86" | "x86_64" => ("would likely pass here too", "x86 keeps stores in order"),
        _ => ("can fail here", "this CPU may reorder memory accesses"),
    };
    println!("  a Relaxed flag {verdict} ({why}); a run is no proof either way:");
    println!("  the loom models in this crate's tests/loom.rs check every interleaving");
    assert_eq!(
        stale, 0,
        "a reader saw the flag but not the data written before it"
    );
}
// ANCHOR_END: publish_with_release_acquire
