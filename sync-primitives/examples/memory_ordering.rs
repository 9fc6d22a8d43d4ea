//! 3.7 Memory ordering: which `Ordering` an atomic needs, and why.
//!
//! Python: no orderings to choose; the GIL runs one thread's bytecode at a
//! time, and data is handed over through `threading.Event` or a `Lock`.
//! Rust: `Relaxed` for a counter, `Release`/`Acquire` to publish data through
//! a flag, `SeqCst` when unsure; tests/loom.rs proves the flag needs them.
//!
//! Watch: the counter is exact with `Relaxed`; every reader that sees the flag
//! sees the data; with `SeqCst` the handshake never has both threads miss.
//! Varies: the times, and how often Release/Acquire lets both miss (0 if busy).
//!
//! Run: cargo run --release --example memory_ordering

use std::hint::{black_box, spin_loop};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::thread;

use common::testing::pick;
use common::timing::time;

const THREADS: u64 = 4;

fn main() {
    relaxed_counter(pick(1_000_000, 100_000));
    publish_with_release_acquire(pick(1_000, 100));
    seqcst_when_unsure(pick(20_000, 5_000));
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

// ANCHOR: handshake
/// Dekker's handshake, `rounds` times: each thread raises its own flag, then
/// looks at the other's. Returns in how many rounds *both* saw `false`.
fn handshake(rounds: usize, raise: Ordering, look: Ordering) -> usize {
    let flags = || -> Vec<AtomicBool> { (0..rounds).map(|_| AtomicBool::new(false)).collect() };
    let (a, b, arrived) = (flags(), flags(), AtomicUsize::new(0));
    let side = |mine: &[AtomicBool], theirs: &[AtomicBool]| -> Vec<bool> {
        (0..rounds)
            .map(|round| {
                meet(&arrived, round); // start each round together
                mine[round].store(true, raise);
                theirs[round].load(look)
            })
            .collect()
    };
    let (a_saw, b_saw) = thread::scope(|s| {
        let a_side = s.spawn(|| side(&a, &b));
        let b_side = s.spawn(|| side(&b, &a));
        (a_side.join().unwrap(), b_side.join().unwrap())
    });
    a_saw.iter().zip(&b_saw).filter(|&(a, b)| !a && !b).count()
}

/// Waits until both threads have reached `round`: spinning keeps the two in
/// step to the nanosecond, and yielding after a while lets a partner that
/// shares our CPU run.
fn meet(arrived: &AtomicUsize, round: usize) {
    // Relaxed is enough: this count only keeps time, it publishes no data
    // (every round has fresh flags, made before the threads started).
    arrived.fetch_add(1, Ordering::Relaxed);
    let mut spins = 0_u32;
    while arrived.load(Ordering::Relaxed) < 2 * (round + 1) {
        if spins < 100 {
            spins += 1;
            spin_loop();
        } else {
            thread::yield_now();
        }
    }
}
// ANCHOR_END: handshake

// ANCHOR: seqcst_when_unsure
/// `SeqCst` adds one promise to Release/Acquire: all SeqCst operations form a
/// single order that every thread agrees on. The handshake needs exactly that:
/// with Release/Acquire, each store may still wait in its core's store buffer
/// while that thread looks at the other flag, and both can see `false`.
fn seqcst_when_unsure(rounds: usize) {
    let weaker = handshake(rounds, Ordering::Release, Ordering::Acquire);
    let seq_cst = handshake(rounds, Ordering::SeqCst, Ordering::SeqCst);
    println!("Dekker's handshake, {rounds} rounds; both threads missed the other's flag in");
    println!("  {weaker} rounds with Release/Acquire (allowed: a store may wait in a buffer)");
    println!("  {seq_cst} rounds with SeqCst");
    if weaker == 0 {
        println!("  (none this run: both threads must run at the same instant,");
        println!("   which one CPU or a busy machine rarely allows; run it again)");
    }
    let (release, strict) = (stores(Ordering::Release), stores(Ordering::SeqCst));
    println!(
        "What it costs on {}: a SeqCst store {strict:.2} ns, a Release store {release:.2} ns ({:.1}x)",
        std::env::consts::ARCH,
        strict / release.max(1e-3)
    );
    println!("When unsure, SeqCst: it gives all that a weaker ordering would, and more");
    println!("  (though no ordering fixes a race between two steps: see race_condition).");
    println!("The rest: Rust Atomics and Locks, chapter 3, \"Memory Ordering\"");
    println!("  (https://marabos.nl/atomics/memory-ordering.html)");
    assert_eq!(
        seq_cst, 0,
        "with SeqCst the first of the two stores comes before both looks, so one sees it"
    );
}

/// Nanoseconds per store with `order`, over 10^7 stores: on x86 a plain `mov`
/// for Release, an `xchg` (which waits for the store buffer to drain) for
/// SeqCst. Loads and `fetch_add` compile the same there for every ordering.
fn stores(order: Ordering) -> f64 {
    const STORES: u64 = 10_000_000;
    let flag = &AtomicU64::new(0);
    black_box(flag); // as if another thread could see it: every store stays
    let ((), took) = time(|| (0..STORES).for_each(|i| flag.store(i, order)));
    took.as_nanos() as f64 / STORES as f64
}
// ANCHOR_END: seqcst_when_unsure
