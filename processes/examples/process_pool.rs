//! 4.1 ProcessPoolExecutor: the squares of 0..100, computed in worker processes.
//!
//! Python: `list(ProcessPoolExecutor().map(square, range(100)))`, the
//! notebook's cell (`processes/python/process_pool.py`).
//! Rust: `processes::ProcessPool`, forked workers fed through pipes, postcard
//! instead of pickle; and `processes::pool::minimal`, to read first.
//!
//! Watch: the first line is the notebook's list, in input order, whichever
//! worker computed which square; then which worker processes did the work,
//! and when, on a timeline the workers timed themselves.
//! Varies: how the 100 jobs spread over the workers (whoever is free takes
//! the next one), and the pids. Needs `fork`: Linux and macOS.
//!
//! Run: cargo run --release --example process_pool

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::report::Table;
use common::trace;
use processes::lesson::require_fork;
use processes::notebook::square;
use processes::pool::minimal::MinimalPool;
use processes::{PoolError, ProcessPool};

fn main() -> ExitCode {
    require_fork();
    let ran = processes::lesson::run(|| {
        notebook_cell()?;
        the_minimal_pool_gives_the_same_list()?;
        which_workers_did_the_work()
    });
    trace::finish();
    ran
}

// ANCHOR: notebook_cell
/// The notebook's cell (`processes::notebook::notebook_cell`), checked.
fn notebook_cell() -> Result<(), PoolError> {
    let results = processes::notebook::notebook_cell()?;
    let expected: Vec<u64> = (0..100).map(|x| x * x).collect();
    assert_eq!(results, expected, "the squares of 0..100, in input order");
    Ok(())
}
// ANCHOR_END: notebook_cell

// ANCHOR: the_minimal_pool_gives_the_same_list
/// The pool to read first (`src/pool/minimal.rs`): fork, pipes and `map`.
fn the_minimal_pool_gives_the_same_list() -> std::io::Result<()> {
    let mut pool = MinimalPool::new(2)?;
    let results = pool.map(square, 0..100)?;
    let last = results.last().copied().unwrap_or_default();
    let n = results.len();
    println!("\nthe minimal pool, 2 workers: the same {n} squares, 0 to {last}");
    let expected: Vec<u64> = (0..100).map(|x| x * x).collect();
    assert_eq!(results, expected, "the minimal pool keeps input order too");
    Ok(())
}
// ANCHOR_END: the_minimal_pool_gives_the_same_list

// ANCHOR: which_workers_did_the_work
/// Set before the pool forks, so every worker has the same value; and a
/// worker's `Instant::now()` reads the clock this process reads.
static BEFORE_THE_POOL: OnceLock<Instant> = OnceLock::new();

/// A square, the pid of the process that computed it, and when it started
/// and ended there, as times since `BEFORE_THE_POOL`. A fifth of a
/// millisecond of work each, so that no worker empties the queue alone.
fn square_timed(x: u64) -> (u64, u32, Duration, Duration) {
    let origin = BEFORE_THE_POOL.get().expect("set before the fork");
    let began = origin.elapsed();
    common::workload::spin_for(Duration::from_micros(200));
    (square(x), std::process::id(), began, origin.elapsed())
}

fn which_workers_did_the_work() -> Result<(), PoolError> {
    let origin = *BEFORE_THE_POOL.get_or_init(Instant::now);
    let pool = {
        let _starting = trace::span("start the pool"); // the forks
        ProcessPool::with_default_workers()?
    };
    let done = {
        let _mapping = trace::span("map");
        pool.map(square_timed, 0..100)?
    };
    let mut jobs: BTreeMap<u32, usize> = pool.worker_pids().iter().map(|&p| (p, 0)).collect();
    for &(_, pid, began, ended) in &done {
        *jobs.entry(pid).or_default() += 1;
        trace::span_between(
            format!("worker {pid}"),
            "square",
            origin + began,
            origin + ended,
        );
    }
    pool.shutdown()?;
    print_jobs_per_worker(&jobs);
    let in_workers: usize = jobs.values().sum();
    assert_eq!(
        in_workers, 100,
        "every job ran in a worker, none in the parent"
    );
    Ok(())
}

/// The table of jobs per worker pid, and the claim that each got some.
fn print_jobs_per_worker(jobs: &BTreeMap<u32, usize>) {
    let workers = match jobs.len() {
        1 => "1 worker".to_string(),
        n => format!("{n} workers"),
    };
    println!("\nparent pid {}, {workers}", std::process::id());
    let mut table = Table::new(["worker pid", "jobs"]);
    for (pid, n) in jobs {
        table.row([pid.to_string(), n.to_string()]);
    }
    println!("{}", table.align_right([0, 1]));
    let counts: Vec<String> = jobs.values().map(usize::to_string).collect();
    let every_worker = jobs.values().all(|&n| n > 0);
    let mut detail = format!("jobs per worker: {}", counts.join(", "));
    if !every_worker {
        detail.push_str("; busy CPUs kept one from its share");
    }
    common::report::claim("every worker takes some of the jobs", every_worker, &detail);
}
// ANCHOR_END: which_workers_did_the_work
