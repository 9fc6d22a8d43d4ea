//! 3.5 Barrier: one party too few, and what gives it away (or does not).
//!
//! Python: `threading.Barrier(3)` for 4 workers: each cycle lets whichever
//! three arrive first go on, so phases mix; the waits may or may not fill cycles.
//! Rust: the same on `sync_primitives::Barrier`, with a watchdog that sees a
//! hang (the rest finished, one waits) and ends it with `abort()`.
//!
//! Watch: 4 x 3 = 12 waits pass in some runs and strand a worker in others;
//! 4 x 4 = 16 waits always leave a worker waiting, which is reported.
//! Varies: how many of the 12-wait runs strand one; who is left waiting.
//!
//! Run: cargo run --release --example barrier_wrong_parties

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::report::claim;
use sync_primitives::Barrier;

const WORKERS: usize = 4;
/// Each phase's work, before its wait: it dwarfs a thread's start-up.
const WORK: Duration = Duration::from_millis(5);
const RUNS: usize = 10;

fn main() {
    waits_that_fill_the_cycles(WORKERS, 3, WORK, RUNS);
    one_wait_left_over(WORKERS, 4, WORK);
}

// ANCHOR: left_waiting
/// Runs `workers` threads through `phases` phases of `work` and a wait each,
/// on a barrier for one party too few; returns how many were left waiting
/// with nobody to come.
fn left_waiting(workers: usize, phases: usize, work: Duration) -> usize {
    let barrier = Barrier::new(workers - 1); // should be `workers`
    let finished = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                for _ in 0..phases {
                    thread::sleep(work);
                    if barrier.wait().is_err() {
                        return; // broken out by the watchdog
                    }
                }
                finished.fetch_add(1, Ordering::SeqCst);
            });
        }
        watchdog(&barrier, &finished, workers)
    })
}

/// Waits until every worker has finished (0), or the rest finished and too
/// few wait to fill a cycle: no finished worker waits again, so those wait
/// for ever. Then it breaks them out with `abort()` and returns how many.
fn watchdog(barrier: &Barrier, finished: &AtomicUsize, workers: usize) -> usize {
    loop {
        let done = finished.load(Ordering::SeqCst); // first: it only grows
        let waiting = barrier.n_waiting();
        if done == workers {
            return 0;
        }
        if done + waiting == workers && waiting < barrier.parties() {
            barrier.abort();
            return waiting;
        }
        thread::sleep(Duration::from_millis(1));
    }
}
// ANCHOR_END: left_waiting

// ANCHOR: waits_that_fill_the_cycles
/// 12 waits can make 4 full cycles, or strand a worker whose last waits find
/// the others finished: which, depends on who arrives first in each phase.
fn waits_that_fill_the_cycles(workers: usize, phases: usize, work: Duration, runs: usize) {
    let (waits, parties) = (workers * phases, workers - 1);
    let left: Vec<usize> = (0..runs)
        .map(|_| left_waiting(workers, phases, work))
        .collect();
    let stranded = left.iter().filter(|&&l| l > 0).count();
    println!(
        "{workers} workers x {phases} phases on Barrier({parties}): {waits} waits = {} cycles; someone left waiting in {stranded} of {runs} runs",
        waits / parties
    );
    claim(
        "with 12 waits some runs pass and others strand a worker",
        0 < stranded && stranded < runs,
        &format!(
            "{stranded} of {runs} runs stranded one; all or none means the arrivals kept one order"
        ),
    );
    assert!(
        left.iter().all(|&l| l < parties),
        "{left:?}: that many would fill a cycle"
    );
}
// ANCHOR_END: waits_that_fill_the_cycles

// ANCHOR: one_wait_left_over
fn one_wait_left_over(workers: usize, phases: usize, work: Duration) {
    let (waits, parties) = (workers * phases, workers - 1);
    let left = left_waiting(workers, phases, work);
    println!(
        "{workers} workers x {phases} phases on Barrier({parties}): {waits} waits = {} cycles + {}; left waiting: {left} (reported, then broken out with abort())",
        waits / parties,
        waits % parties
    );
    // Every cycle takes 3 waits and 16 is not a multiple of 3: someone is left.
    assert!((1..parties).contains(&left), "{left} left waiting");
}
// ANCHOR_END: one_wait_left_over
