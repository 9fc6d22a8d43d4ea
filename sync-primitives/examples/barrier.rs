//! 3.5 Barrier: a computation in phases; nobody starts phase n+1 early.
//!
//! Python: `threading.Barrier(parties, action=...)`; `wait()` returns an
//! index in `range(parties)`, the action runs once per cycle, `abort()`
//! breaks the barrier (waiters get `BrokenBarrierError`) and `reset()` makes
//! it usable again.
//! Rust: `sync_primitives::Barrier` with the same methods; `wait` returns
//! `Result<usize, BrokenBarrierError>`. (std's `Barrier` has no action, no
//! timeout and cannot be broken; it suits the simple case.)
//!
//! Watch: each phase's line is printed by the action once all workers have
//! written their part, and its total is exact; after `abort` every waiter
//! gets the error; after `reset` the barrier works again.
//!
//! Varies: which worker gets which index in a cycle (the last to arrive gets
//! `parties - 1`) is up to the scheduler.
//!
//! Run: cargo run --release --example barrier

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use sync_primitives::{Barrier, BrokenBarrierError};

const WORKERS: usize = 4;
const PHASES: usize = 3;

fn main() {
    // Phase p: each worker squares its slice of 0..n, shifted by p; the
    // action adds the parts up while everyone is held at the barrier.
    let n: u64 = if common::testing::quick_mode() {
        println!("(quick mode: 10 000 numbers per phase)");
        10_000
    } else {
        1_000_000
    };
    let parts = Arc::new(Mutex::new(vec![0_u128; WORKERS]));
    let totals = Arc::new(Mutex::new(Vec::new()));
    let barrier = {
        let (parts, totals) = (Arc::clone(&parts), Arc::clone(&totals));
        Barrier::with_action(WORKERS, move || {
            // Runs once per cycle, in one thread, before anyone is released.
            let mut totals = totals.lock().unwrap();
            let total: u128 = parts.lock().unwrap().iter().sum();
            println!("--- phase {} done: total = {total}", totals.len());
            totals.push(total);
        })
    };

    let chunk = n / WORKERS as u64;
    // Worker w's part of phase p: the squares of its slice, shifted by p.
    let part = move |w: usize, phase: usize| {
        let (w, p) = (w as u64, phase as u64);
        common::workload::sum_of_squares_range((w * chunk + p)..((w + 1) * chunk + p))
    };
    let indices: Vec<Vec<usize>> = thread::scope(|s| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| {
                let (barrier, parts) = (&barrier, &parts);
                s.spawn(move || {
                    let mut my_indices = Vec::new();
                    for phase in 0..PHASES {
                        parts.lock().unwrap()[w] = part(w, phase);
                        my_indices.push(barrier.wait().expect("nobody breaks it here"));
                    }
                    my_indices
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for phase in 0..PHASES {
        let mut in_cycle: Vec<usize> = indices.iter().map(|w| w[phase]).collect();
        in_cycle.sort_unstable();
        assert_eq!(in_cycle, (0..WORKERS).collect::<Vec<_>>());
    }
    println!("each phase handed out the indices 0..{WORKERS}, once each");

    // abort(): one worker hits an error and breaks the barrier so the
    // others stop waiting for a party that will never come.
    let results: Vec<Result<usize, BrokenBarrierError>> = thread::scope(|s| {
        let waiters: Vec<_> = (0..WORKERS - 1)
            .map(|_| s.spawn(|| barrier.wait_timeout(Duration::from_secs(10))))
            .collect();
        // Wait until they are all inside, then give up on the missing one.
        while barrier.n_waiting() < WORKERS - 1 {
            thread::yield_now();
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
    let broken = barrier.is_broken();

    barrier.reset();
    println!("after reset(): is_broken = {}", barrier.is_broken());
    // One more phase on the same barrier.
    thread::scope(|s| {
        for w in 0..WORKERS {
            let (barrier, parts) = (&barrier, &parts);
            s.spawn(move || {
                parts.lock().unwrap()[w] = part(w, PHASES);
                barrier.wait().expect("usable again after reset")
            });
        }
    });

    let totals = totals.lock().unwrap();
    let expected: Vec<u128> = (0..=PHASES as u64)
        .map(|p| common::workload::sum_of_squares_range(p..(WORKERS as u64 * chunk + p)))
        .collect();
    assert_eq!(*totals, expected); // three phases, then one more after reset
    assert!(results.iter().all(Result::is_err));
    assert!(broken);
}
