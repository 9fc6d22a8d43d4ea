//! 3.7 Channels: a worker pool on one job channel, and `select!` over several.
//!
//! Python: workers take jobs from one `queue.Queue` until a sentinel; waiting
//! on several queues at once needs a thread per queue.
//! Rust: crossbeam workers share one `Receiver` (a work queue); one
//! `select!` loop waits on results, log lines and a ticker together.
//!
//! Watch: all 3 workers take jobs, and the ticker ticks while they run, in one
//! `select!` loop; every square arrives once.
//! Varies: who takes jobs 4 to 8, the interleaving in `select!`, how many ticks.
//!
//! Run: cargo run --release --example channels_select

use std::thread;
use std::time::Duration;

use crossbeam::channel::{self, Receiver, Sender};
use crossbeam::select;

const JOBS: u64 = 8;
const WORKERS: usize = 3;

fn main() {
    worker_pool_with_select(JOBS);
}

// ANCHOR: worker
/// A pool worker: takes jobs until the job channel closes, logs each one and
/// sends back its square. It holds its first job until `go` closes, so every
/// worker takes one before any takes two (else on a fast machine one worker
/// may drain all 8 before the others start).
fn worker(
    id: usize,
    jobs: Receiver<u64>,
    go: Receiver<()>,
    results: Sender<Square>,
    log: Sender<String>,
) {
    for (taken, n) in jobs.iter().enumerate() {
        log.send(format!("worker {id} took {n}")).unwrap();
        if taken == 0 {
            // Nothing is sent on `go`: closing it wakes every receiver at once.
            go.recv().expect_err("`go` is only ever closed");
        }
        results.send((id, n, n * n)).unwrap();
    }
}
// ANCHOR_END: worker

/// `(worker, n, n * n)`
type Square = (usize, u64, u64);

/// What the `select!` loop saw.
#[derive(Default)]
struct Tally {
    results: u64,
    logs: u64,
    ticks: usize,
    /// How many ticks had come when the first result did.
    ticks_before_first_result: usize,
    jobs_per_worker: [u64; WORKERS],
    total: u64,
}

// ANCHOR: select_loop
/// One loop waits on results, log lines and a 5 ms ticker at once. A closed
/// channel is always "ready" (with an error), so once one closes we swap in
/// `never()`, which never is. The first tick after every worker holds a job
/// closes `go`: that tick provably comes while the jobs run.
fn select_loop(results: Receiver<Square>, logs: Receiver<String>, go: Sender<()>) -> Tally {
    let ticker = channel::tick(Duration::from_millis(5));
    let (no_results, no_logs) = (channel::never(), channel::never());
    let (mut go, mut t) = (Some(go), Tally::default());
    let (mut results_open, mut logs_open) = (true, true);
    while results_open || logs_open {
        select! {
            recv(if results_open { &results } else { &no_results }) -> msg => match msg {
                Ok((id, n, square)) => {
                    println!("  result: {n}^2 = {square} (worker {id})");
                    if t.results == 0 {
                        t.ticks_before_first_result = t.ticks;
                    }
                    (t.results, t.total) = (t.results + 1, t.total + square);
                    t.jobs_per_worker[id] += 1;
                }
                Err(_) => results_open = false, // every worker is done
            },
            recv(if logs_open { &logs } else { &no_logs }) -> msg => match msg {
                Ok(line) => {
                    println!("  log:    {line}");
                    t.logs += 1;
                }
                Err(_) => logs_open = false,
            },
            recv(ticker) -> _ => {
                t.ticks += 1;
                if go.is_some() && t.logs == WORKERS as u64 {
                    println!("  tick:   all {WORKERS} workers hold a job; close `go`");
                    go = None; // drops the only sender
                }
            }
        }
    }
    t
}
// ANCHOR_END: select_loop

// ANCHOR: worker_pool_with_select
/// Workers share one job channel (a work queue) and report on two others.
fn worker_pool_with_select(jobs: u64) {
    let (jobs_tx, jobs_rx) = channel::bounded::<u64>(WORKERS);
    let (go_tx, go_rx) = channel::bounded::<()>(0);
    let (results_tx, results_rx) = channel::unbounded();
    let (log_tx, log_rx) = channel::unbounded();
    // What the loop saw: a `Tally`.
    let t = thread::scope(|s| {
        for id in 0..WORKERS {
            let (queue, go) = (jobs_rx.clone(), go_rx.clone());
            let (results, log) = (results_tx.clone(), log_tx.clone());
            s.spawn(move || worker(id, queue, go, results, log));
        }
        drop((jobs_rx, go_rx, results_tx, log_tx)); // only the workers keep them
        s.spawn(move || (1..=jobs).for_each(|n| jobs_tx.send(n).unwrap()));
        select_loop(results_rx, log_rx, go_tx)
    });
    println!(
        "select! done: {} results, {} log lines and {} tick(s); jobs per worker {:?}",
        t.results, t.logs, t.ticks, t.jobs_per_worker
    );
    println!("sum of squares of 1..={jobs} = {}", t.total);
    assert_eq!(
        (t.results, t.logs),
        (jobs, jobs),
        "each job reported on both"
    );
    assert!(
        t.jobs_per_worker.iter().all(|&n| n > 0),
        "every worker took a job"
    );
    assert!(
        t.ticks_before_first_result > 0,
        "a tick came while jobs ran"
    );
    assert_eq!(t.total, (1..=jobs).map(|n| n * n).sum(), "each square once");
}
// ANCHOR_END: worker_pool_with_select
