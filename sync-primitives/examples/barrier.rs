//! 3.5 Barrier: a computation in phases; nobody starts phase n+1 early.
//!
//! Python: `threading.Barrier(parties, action=...)`: `wait()` returns an index
//! in `range(parties)`, the action runs once per cycle, `abort()` breaks it
//! (`BrokenBarrierError`), `reset()` makes it usable again.
//! Rust: `sync_primitives::Barrier`, the same methods; `wait` returns
//! `Result<usize, BrokenBarrierError>`. (std's has no action and cannot break.)
//!
//! Watch: the action prints each phase's exact total once every part is in;
//! after `abort` every waiter gets the error; after `reset` it works again.
//! Varies: which worker gets which index in a cycle (the last in gets 3).
//!
//! Run: cargo run --release --example barrier

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use common::testing::pick;
use common::workload::sum_of_squares_range;
use sync_primitives::{Barrier, BrokenBarrierError};

const WORKERS: usize = 4;
const PHASES: usize = 3;

fn main() {
    let job = PhasedSum::new(pick(1_000_000, 10_000));
    phases_with_an_action(&job);
    abort_breaks_every_waiter(&job.barrier);
    reset_makes_it_usable_again(&job);
}

// ANCHOR: phased_sum
/// Phase p: each worker squares its slice of 0..n, shifted by p, and the
/// barrier's action adds the parts up while everyone is held at the barrier.
struct PhasedSum {
    barrier: Barrier,
    parts: Arc<Mutex<Vec<u128>>>,
    /// Each phase's total, in the order the action ran.
    totals: Arc<Mutex<Vec<u128>>>,
    chunk: u64,
}

impl PhasedSum {
    fn new(n: u64) -> Self {
        let parts = Arc::new(Mutex::new(vec![0; WORKERS]));
        let totals = Arc::new(Mutex::new(Vec::new()));
        let (p, t) = (Arc::clone(&parts), Arc::clone(&totals));
        let barrier = Barrier::with_action(WORKERS, move || {
            // Runs once per cycle, in one thread, before anyone is released.
            let mut totals = t.lock().unwrap();
            let total: u128 = p.lock().unwrap().iter().sum();
            println!("--- phase {} done: total = {total}", totals.len());
            totals.push(total);
        });
        let chunk = n / WORKERS as u64;
        PhasedSum {
            barrier,
            parts,
            totals,
            chunk,
        }
    }

    /// Worker `w`'s turn in `phase`: write its part, then wait for the others.
    fn work(&self, w: usize, phase: usize) -> Result<usize, BrokenBarrierError> {
        let (start, p) = (w as u64 * self.chunk, phase as u64);
        self.parts.lock().unwrap()[w] = sum_of_squares_range(start + p..start + self.chunk + p);
        self.barrier.wait()
    }

    /// What the action must have added up for `phase`.
    fn expected(&self, phase: usize) -> u128 {
        let p = phase as u64;
        sum_of_squares_range(p..WORKERS as u64 * self.chunk + p)
    }
}
// ANCHOR_END: phased_sum

// ANCHOR: phases_with_an_action
fn phases_with_an_action(job: &PhasedSum) {
    // indices[w][phase]: what `wait` returned to worker w in that phase.
    let indices: Vec<Vec<usize>> = thread::scope(|s| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|w| {
                s.spawn(move || {
                    (0..PHASES)
                        .map(|phase| job.work(w, phase).unwrap())
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for phase in 0..PHASES {
        let mut in_cycle: Vec<usize> = indices.iter().map(|w| w[phase]).collect();
        in_cycle.sort_unstable();
        assert_eq!(
            in_cycle,
            Vec::from_iter(0..WORKERS),
            "phase {phase}: each index once"
        );
    }
    println!("each phase handed out the indices 0..{WORKERS}, once each");
    let expected: Vec<u128> = (0..PHASES).map(|phase| job.expected(phase)).collect();
    assert_eq!(
        *job.totals.lock().unwrap(),
        expected,
        "every phase's total is exact"
    );
}
// ANCHOR_END: phases_with_an_action

// ANCHOR: abort_breaks_every_waiter
/// One worker hits an error and calls `abort()`, so that the others stop
/// waiting for a party that will never come.
fn abort_breaks_every_waiter(barrier: &Barrier) {
    let results: Vec<Result<usize, BrokenBarrierError>> = thread::scope(|s| {
        let waiters: Vec<_> = (0..WORKERS - 1)
            .map(|_| s.spawn(|| barrier.wait_timeout(Duration::from_secs(10))))
            .collect();
        while barrier.n_waiting() < WORKERS - 1 {
            thread::yield_now(); // until they are all inside
        }
        println!();
        println!(
            "{} waiting; the last worker fails and calls abort()",
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
fn reset_makes_it_usable_again(job: &PhasedSum) {
    job.barrier.reset();
    println!("after reset(): is_broken = {}", job.barrier.is_broken());
    thread::scope(|s| {
        for w in 0..WORKERS {
            s.spawn(move || job.work(w, PHASES).expect("usable again after reset"));
        }
    });
    assert!(!job.barrier.is_broken(), "reset() mended it");
    let last = job.totals.lock().unwrap().last().copied();
    assert_eq!(
        last,
        Some(job.expected(PHASES)),
        "one more exact phase on the same barrier"
    );
}
// ANCHOR_END: reset_makes_it_usable_again
