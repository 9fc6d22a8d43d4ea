//! 3.5 Barrier: a computation in phases; nobody starts phase n+1 early.
//!
//! Python: `threading.Barrier(parties, action=...)`: `wait()` returns an index
//! in `range(parties)`, and the action runs once per cycle, before anyone goes on.
//! Rust: `sync_primitives::Barrier`, the same methods; `wait` returns
//! `Result<usize, BrokenBarrierError>`. (std's has no action and cannot break.)
//!
//! Watch: the action prints each phase's exact total once every part is in;
//! the timeline has every worker waiting (`a`) up to the same `*` in each phase.
//! Varies: which worker gets which index in a cycle (the last in gets 3).
//!
//! Run: cargo run --release --example barrier

use std::sync::{Arc, Mutex};
use std::thread;

use common::trace;
use common::workload::sum_of_squares_range;
use sync_primitives::{Barrier, BrokenBarrierError, spawn};

const WORKERS: usize = 4;
const PHASES: usize = 3;
const N: u64 = 10_000_000;

fn main() {
    let job = PhasedSum::new(WORKERS, N);
    phases_with_an_action(&job, PHASES);
    trace::finish();
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
    fn new(workers: usize, n: u64) -> Self {
        let parts = Arc::new(Mutex::new(vec![0; workers]));
        let totals = Arc::new(Mutex::new(Vec::new()));
        let (p, t) = (Arc::clone(&parts), Arc::clone(&totals));
        let barrier = Barrier::with_action(workers, move || {
            // Runs once per cycle, in one thread, before anyone is released.
            let mut totals = t.lock().unwrap();
            let total: u128 = p.lock().unwrap().iter().sum();
            println!("--- phase {} done: total = {total}", totals.len());
            trace::mark("phase done");
            totals.push(total);
        });
        let chunk = n / workers as u64;
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
        let working = trace::span("work");
        let part = sum_of_squares_range(start + p..start + self.chunk + p);
        self.parts.lock().unwrap()[w] = part;
        drop(working);
        let _waiting = trace::span("at the barrier");
        self.barrier.wait()
    }

    /// What the action must have added up for `phase`.
    fn expected(&self, phase: usize) -> u128 {
        let (p, workers) = (phase as u64, self.barrier.parties() as u64);
        sum_of_squares_range(p..workers * self.chunk + p)
    }
}
// ANCHOR_END: phased_sum

// ANCHOR: phases_with_an_action
fn phases_with_an_action(job: &PhasedSum, phases: usize) {
    let workers = job.barrier.parties();
    // indices[w][phase]: what `wait` returned to worker w in that phase.
    let indices: Vec<Vec<usize>> = thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                spawn::named(s, format!("worker {w}"), move || {
                    let each_phase = (0..phases).map(|phase| job.work(w, phase));
                    // An `Err` would mean the barrier broke: a bug here.
                    each_phase.map(Result::unwrap).collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for phase in 0..phases {
        let mut in_cycle: Vec<usize> = indices.iter().map(|w| w[phase]).collect();
        in_cycle.sort_unstable();
        assert_eq!(
            in_cycle,
            Vec::from_iter(0..workers),
            "phase {phase}: each index once"
        );
    }
    println!("each phase handed out the indices 0..{workers}, once each");
    let expected: Vec<u128> = (0..phases).map(|phase| job.expected(phase)).collect();
    assert_eq!(
        *job.totals.lock().unwrap(),
        expected,
        "every phase's total is exact"
    );
}
// ANCHOR_END: phases_with_an_action
