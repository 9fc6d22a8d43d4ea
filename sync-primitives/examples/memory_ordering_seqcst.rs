//! 3.7 Memory ordering: `SeqCst` when unsure, and the handshake that needs it.
//!
//! Python: under the GIL both threads' bytecodes run in one order, so two
//! threads can never both miss each other's flag.
//! Rust: Dekker's handshake with `Release`/`Acquire` (both may miss: a store
//! may wait in a buffer) and with `SeqCst` (never); then what `SeqCst` costs.
//!
//! Watch: `SeqCst` never has both threads miss; `Release`/`Acquire` usually does
//! in some rounds; a SeqCst store costs several Release stores on x86.
//! Varies: how often Release/Acquire lets both miss (0 if busy), the times.
//!
//! Run: cargo run --release --example memory_ordering_seqcst

use std::hint::{black_box, spin_loop};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::thread;

use common::report::claim;
use common::timing::time;

const ROUNDS: usize = 20_000;

fn main() {
    seqcst_when_unsure(ROUNDS);
}

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
    claim(
        "with Release/Acquire both threads sometimes miss",
        weaker > 0,
        &format!(
            "in {weaker} of {rounds} rounds; it needs both threads running at the same instant, which one CPU or a busy machine rarely allows"
        ),
    );
    let (release, strict) = (stores(Ordering::Release), stores(Ordering::SeqCst));
    println!(
        "What it costs on {}: a SeqCst store {strict:.2} ns, a Release store {release:.2} ns ({:.1}x)",
        std::env::consts::ARCH,
        strict / release.max(1e-3)
    );
    println!("When unsure, SeqCst: it gives all that a weaker ordering would, and more");
    println!("  (though no ordering fixes a race between two steps: see lost_updates).");
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
