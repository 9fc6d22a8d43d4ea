//! 3.7 Race condition: lost updates, when a counter's read and write are two steps.
//!
//! Python: `counter += 1` from several threads is a read, an add and a write,
//! and a thread switch in between loses updates; a `Lock` around all three fixes it.
//! Rust: an unsynchronised `counter += 1` does not compile (see the crate
//! docs); what compiles is an atomic `load` then `store`, fixed by `fetch_add` or a `Mutex`.
//!
//! Watch: the racy counter usually ends short (it says on which of 5 tries);
//! both fixes are exact.
//! Varies: how many updates are lost (none if a busy machine runs the threads
//! one after another).
//!
//! Run: cargo run --release --example lost_updates

use std::sync::Barrier;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use common::report::{Table, claim};
use parking_lot::Mutex;

const THREADS: u64 = 4;
const PER_THREAD: u64 = 1_000_000;
const ATTEMPTS: usize = 5;

fn main() {
    let racy = racy_counter(PER_THREAD, ATTEMPTS);
    let atomic = fetch_add_counter(PER_THREAD);
    let locked = mutex_counter(PER_THREAD);
    compare_counters(PER_THREAD, racy, atomic, locked);
}

// ANCHOR: load_then_store
/// Lost updates: every access is atomic, the increment as a whole is not.
fn load_then_store(per_thread: u64) -> u64 {
    let counter = AtomicU64::new(0);
    // Makes the threads overlap: a thread spawn takes longer than a million
    // increments, so without it they may run one after another.
    let start = Barrier::new(THREADS as usize);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                start.wait();
                for _ in 0..per_thread {
                    // Relaxed, and no ordering would help: the race is the gap
                    // between these two lines, not what each access sees
                    // (memory ordering: see the 3.7 memory_ordering topic).
                    let temp = counter.load(Ordering::Relaxed); // temp = counter
                    counter.store(temp + 1, Ordering::Relaxed); // counter = temp + 1
                }
            });
        }
    });
    counter.into_inner()
}

/// A race is a possibility, not a certainty: on a busy machine the threads may
/// take turns and lose nothing. Try up to `attempts` times; `(attempt,
/// value)`, the first attempt that lost updates, or the last one.
fn racy_counter(per_thread: u64, attempts: usize) -> (usize, u64) {
    let expected = THREADS * per_thread;
    let (attempt, value) = (1..=attempts)
        .map(|attempt| (attempt, load_then_store(per_thread)))
        .find(|&(_, value)| value < expected)
        .unwrap_or((attempts, expected));
    assert!(
        value <= expected,
        "a race loses updates, it never invents one"
    );
    (attempt, value)
}
// ANCHOR_END: load_then_store

// ANCHOR: fetch_add_counter
/// Fix 1: one indivisible read-modify-write.
fn fetch_add_counter(per_thread: u64) -> u64 {
    let counter = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..per_thread {
                    // Relaxed is enough: only the count matters, and the joins
                    // at the end of the scope publish it (memory ordering: see
                    // the 3.7 memory_ordering topic).
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    let total = counter.into_inner();
    assert_eq!(total, THREADS * per_thread, "fetch_add loses nothing");
    total
}
// ANCHOR_END: fetch_add_counter

// ANCHOR: mutex_counter
/// Fix 2: the lock owns the counter, and its guard spans read and write.
fn mutex_counter(per_thread: u64) -> u64 {
    let counter = Mutex::new(0_u64);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..per_thread {
                    *counter.lock() += 1;
                }
            });
        }
    });
    let total = counter.into_inner();
    assert_eq!(total, THREADS * per_thread, "the Mutex loses nothing");
    total
}
// ANCHOR_END: mutex_counter

// ANCHOR: compare_counters
fn compare_counters(per_thread: u64, (attempt, racy): (usize, u64), atomic: u64, locked: u64) {
    let expected = THREADS * per_thread;
    let mut table = Table::new(["counter", "result", "lost updates"]);
    for (name, value) in [
        ("load + store (racy)", racy),
        ("fetch_add", atomic),
        ("Mutex<u64>", locked),
    ] {
        let lost = expected - value;
        table.row([name.to_string(), value.to_string(), lost.to_string()]);
    }
    println!("{THREADS} threads x {per_thread} increments, expected {expected}");
    println!("{}", table.align_right([1, 2]));
    let detail = match racy < expected {
        true => format!("on attempt {attempt} of at most {ATTEMPTS}"),
        false => format!(
            "none in {ATTEMPTS} attempts: the threads never overlapped here; try an idle machine"
        ),
    };
    claim("the racy counter loses updates", racy < expected, &detail);
}
// ANCHOR_END: compare_counters
