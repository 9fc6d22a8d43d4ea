//! 4.1 ProcessPoolExecutor: the squares of 0..100, computed in worker processes.
//!
//! Python: `ProcessPoolExecutor().map(square, range(100))` in `7_4_1.py`; the
//! workers are separate interpreters, each with its own GIL.
//! Rust: `processes::ProcessPool`, forked workers fed through pipes, with the
//! arguments and results encoded by serde + postcard instead of pickle.
//!
//! Watch: the first line is the notebook's list, in input order, whichever
//! worker computed which square; then which worker processes did the work.
//! Varies: how the 100 jobs spread over the workers (whoever is free takes
//! the next one), and the pids themselves. Linux only: the pool forks.
//!
//! Run: cargo run --release --example process_pool

use std::collections::BTreeMap;

use common::report::Table;
use processes::ProcessPool;

/// The notebook's `square`. A plain `fn`, so the worker (a fork of this very
/// program) finds it at the same address.
fn square(x: u64) -> u64 {
    x * x
}

/// The same work, plus the pid of the process that did it.
fn square_and_pid(x: u64) -> (u64, u32) {
    (x * x, std::process::id())
}

fn main() -> Result<(), processes::PoolError> {
    // `with ProcessPoolExecutor() as executor:`: one worker per CPU.
    let pool = ProcessPool::with_default_workers()?;
    let results = pool.map(square, 0..100)?;
    // Rust's `{:?}` of a Vec prints exactly Python's list syntax.
    println!("{results:?}");

    // Where did the jobs run? Not in this process: in the forked workers.
    let tagged = pool.map(square_and_pid, 0..100)?;
    let mut per_worker: BTreeMap<u32, usize> = BTreeMap::new();
    for &(_, pid) in &tagged {
        *per_worker.entry(pid).or_default() += 1;
    }
    println!();
    println!(
        "parent pid {}, {} workers",
        std::process::id(),
        pool.workers()
    );
    let mut table = Table::new(["worker pid", "jobs"]);
    for (pid, jobs) in &per_worker {
        table.row([pid.to_string(), jobs.to_string()]);
    }
    table.align_right([0, 1]);
    println!("{table}");

    let worker_pids = pool.worker_pids();
    // Leaving the `with` block: finish, then reap every worker.
    pool.shutdown()?;

    assert_eq!(results, (0..100).map(|x| x * x).collect::<Vec<u64>>());
    assert!(tagged.iter().all(|&(_, pid)| pid != std::process::id()));
    assert!(per_worker.keys().all(|pid| worker_pids.contains(pid)));
    Ok(())
}
