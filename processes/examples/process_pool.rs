//! 4.1 ProcessPoolExecutor: the squares of 0..100, computed in worker processes.
//!
//! Python: `list(ProcessPoolExecutor().map(square, range(100)))`, the
//! notebook's cell (`processes/python/process_pool.py`).
//! Rust: `processes::ProcessPool`, forked workers fed through pipes, serde +
//! postcard instead of pickle; and `processes::pool::minimal`, the same idea
//! in about 100 lines with no failure handling, to read first.
//!
//! Watch: the first line is the notebook's list, in input order, whichever
//! worker computed which square; then which worker processes did the work.
//! Varies: how the 100 jobs spread over the workers (whoever is free takes
//! the next one), and the pids. Linux only: the pool forks.
//!
//! Run: cargo run --release --example process_pool

use std::collections::BTreeMap;
use std::time::Duration;

use common::report::Table;
use processes::pool::minimal::MinimalPool;
use processes::{PoolError, ProcessPool};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    notebook_cell()?;
    the_minimal_pool_gives_the_same_list()?;
    which_workers_did_the_work()?;
    Ok(())
}

// ANCHOR: notebook_cell
/// The notebook's `square`. A plain `fn`, so the worker (a fork of this very
/// program) finds it at the same address.
fn square(x: u64) -> u64 {
    x * x
}

fn notebook_cell() -> Result<(), PoolError> {
    // `with ProcessPoolExecutor() as executor:`, one worker per CPU.
    let executor = ProcessPool::with_default_workers()?;
    let results = executor.map(square, 0..100)?;
    println!("{results:?}"); // Rust's `{:?}` of a Vec is Python's list syntax
    executor.shutdown()?; // leaving the `with` block: finish, reap every worker
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
/// The same work, plus the pid of the process that did it. A fifth of a
/// millisecond of work each, so that no worker empties the queue alone.
fn square_and_pid(x: u64) -> (u64, u32) {
    common::workload::spin_for(Duration::from_micros(200));
    (x * x, std::process::id())
}

fn which_workers_did_the_work() -> Result<(), PoolError> {
    let pool = ProcessPool::with_default_workers()?;
    let tagged = pool.map(square_and_pid, 0..100)?;
    let mut jobs: BTreeMap<u32, usize> = pool.worker_pids().iter().map(|&p| (p, 0)).collect();
    for (_, pid) in &tagged {
        jobs.entry(*pid).and_modify(|n| *n += 1);
    }
    println!(
        "\nparent pid {}, {} workers",
        std::process::id(),
        jobs.len()
    );
    let mut table = Table::new(["worker pid", "jobs"]);
    for (pid, n) in &jobs {
        table.row([pid.to_string(), n.to_string()]);
    }
    println!("{}", table.align_right([0, 1]));
    if jobs.values().any(|&n| n == 0) {
        println!("(a worker got no job: the machine was too busy to run it in time)");
    }
    pool.shutdown()?;
    let in_workers: usize = jobs.values().sum();
    assert_eq!(
        in_workers, 100,
        "every job ran in a worker, none in the parent"
    );
    Ok(())
}
// ANCHOR_END: which_workers_did_the_work
