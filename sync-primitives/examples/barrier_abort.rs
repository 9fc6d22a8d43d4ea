//! 3.5 Barrier: `abort()` breaks every waiter; `reset()` makes it usable again.
//!
//! Python: `barrier.abort()`: every waiting thread, and every later one, gets
//! `BrokenBarrierError`; `barrier.reset()` returns it to the empty state.
//! Rust: `sync_primitives::Barrier`'s `abort`, `reset`, `is_broken`, and a
//! `wait` that returns `Err(BrokenBarrierError)`.
//!
//! Watch: three waiters, three errors, `is_broken = true`; after `reset` a
//! full cycle passes on the same barrier.
//! Varies: nothing: the main thread aborts only once all three are inside.
//!
//! Run: cargo run --release --example barrier_abort

use std::thread;
use std::time::Duration;

use sync_primitives::{Barrier, BrokenBarrierError};

const PARTIES: usize = 4;

fn main() {
    let barrier = Barrier::new(PARTIES);
    abort_breaks_every_waiter(&barrier);
    reset_makes_it_usable_again(&barrier);
}

// ANCHOR: abort_breaks_every_waiter
/// Three of four parties wait; the fourth fails and calls `abort()`, so that
/// the others stop waiting for a party that will never come.
fn abort_breaks_every_waiter(barrier: &Barrier) {
    let waiting = barrier.parties() - 1;
    let results: Vec<Result<usize, BrokenBarrierError>> = thread::scope(|s| {
        let waiters: Vec<_> = (0..waiting)
            .map(|_| s.spawn(|| barrier.wait_timeout(Duration::from_secs(10))))
            .collect();
        while barrier.n_waiting() < waiting {
            thread::yield_now(); // until they are all inside
        }
        println!(
            "{} waiting; the last party fails and calls abort()",
            barrier.n_waiting()
        );
        barrier.abort();
        waiters.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for result in &results {
        match result {
            Ok(index) => println!("  waiter released with index {index} (unexpected)"),
            Err(error) => println!("  waiter: Err({error})"),
        }
    }
    println!("is_broken = {}", barrier.is_broken());
    assert!(
        results.iter().all(Result::is_err),
        "abort() broke every waiter"
    );
    assert!(barrier.is_broken(), "and it stays broken");
}
// ANCHOR_END: abort_breaks_every_waiter

// ANCHOR: reset_makes_it_usable_again
fn reset_makes_it_usable_again(barrier: &Barrier) {
    barrier.reset();
    println!("after reset(): is_broken = {}", barrier.is_broken());
    let mut indices: Vec<usize> = thread::scope(|s| {
        let parties: Vec<_> = (0..barrier.parties())
            .map(|_| s.spawn(|| barrier.wait().expect("usable again after reset")))
            .collect();
        parties.into_iter().map(|h| h.join().unwrap()).collect()
    });
    indices.sort_unstable();
    println!("a full cycle on the same barrier: indices {indices:?}");
    assert_eq!(
        indices,
        Vec::from_iter(0..barrier.parties()),
        "one cycle, every index once"
    );
    assert!(!barrier.is_broken(), "reset() mended it");
}
// ANCHOR_END: reset_makes_it_usable_again
