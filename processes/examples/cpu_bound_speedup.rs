//! 4.1 ProcessPoolExecutor vs threads: CPU-bound work on 1, 2 and all CPUs.
//!
//! Python: the notebook's `cpu_bound_task` gains nothing from threads (the
//! GIL lets one run at a time), so CPU-bound work goes to processes.
//! Rust: no GIL. `std::thread::scope`, rayon and `processes::ProcessPool`
//! all run the chunks of `sum_of_squares` in parallel; the process pool pays
//! extra for every job it sends across a pipe.
//!
//! Watch: threads and rayon scale like the pool, without its start-up
//! (forking) and per-job cost; in the second table, thousands of tiny jobs
//! make the pool's per-job round trip (about ten microseconds or more)
//! dominate, where rayon's per-task cost stays far lower.
//! Varies: every time here. Speedup is bounded by the free cores (a shared
//! or busy machine shows less, down to none), and on a two-core machine the
//! first table has no separate "all CPUs" rows (all CPUs is 2). Linux only
//! (fork).
//!
//! Run: cargo run --release --example cpu_bound_speedup

use std::time::Duration;

use common::report::Table;
use common::testing::quick_mode;
use common::timing::{format_duration, measure, speedup, time};
use common::workload::{sum_of_squares, sum_of_squares_range};
use processes::{PoolError, ProcessPool};
use rayon::prelude::*;

const RUNS: usize = 3;

/// One job: the sum of squares of `start..end` (a tuple crosses the pipe).
fn chunk_sum((start, end): (u64, u64)) -> u128 {
    sum_of_squares_range(start..end)
}

/// `0..n` cut into `parts` contiguous chunks.
fn chunks(n: u64, parts: u64) -> Vec<(u64, u64)> {
    (0..parts)
        .map(|i| (n * i / parts, n * (i + 1) / parts))
        .collect()
}

fn with_threads(parts: &[(u64, u64)], threads: usize) -> u128 {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    parts
                        .iter()
                        .skip(t)
                        .step_by(threads)
                        .copied()
                        .map(chunk_sum)
                        .sum::<u128>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn with_rayon(pool: &rayon::ThreadPool, parts: &[(u64, u64)]) -> u128 {
    pool.install(|| parts.par_iter().copied().map(chunk_sum).sum())
}

fn with_processes(pool: &ProcessPool, parts: &[(u64, u64)]) -> Result<u128, PoolError> {
    Ok(pool
        .map(chunk_sum, parts.iter().copied())?
        .into_iter()
        .sum())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = if quick_mode() { 300_000 } else { 150_000_000 };
    if quick_mode() {
        println!("(quick mode: n = {n})");
    }
    let cpus = std::thread::available_parallelism()?.get();
    let mut worker_counts = vec![1, 2, cpus];
    worker_counts.dedup();
    let expected = sum_of_squares(n);
    let parts = chunks(n, 16);
    let mut results = Vec::new();

    println!("sum of i*i for i in 0..{n}, in 16 chunks; {cpus} CPUs; median of {RUNS} runs");
    let run_sequential = || parts.iter().copied().map(chunk_sum).sum::<u128>();
    // One untimed run first: the baseline should not pay for a cold start.
    results.push(run_sequential());
    let sequential = measure(RUNS, || results.push(run_sequential())).median();
    let mut table = Table::new(["method", "workers", "time", "speedup", "start-up"]);
    table.row([
        "sequential".into(),
        "1".into(),
        format_duration(sequential),
        "1.00".into(),
        "".into(),
    ]);
    for &k in &worker_counts {
        let threads = measure(RUNS, || results.push(with_threads(&parts, k))).median();
        let (rayon_pool, rayon_start) =
            time(|| rayon::ThreadPoolBuilder::new().num_threads(k).build());
        let rayon_pool = rayon_pool?;
        let rayon = measure(RUNS, || results.push(with_rayon(&rayon_pool, &parts))).median();
        let (pool, fork_start) = time(|| ProcessPool::new(k));
        let pool = pool?;
        let mut pool_time = Vec::new();
        for _ in 0..RUNS {
            let (sum, took) = time(|| with_processes(&pool, &parts));
            results.push(sum?);
            pool_time.push(took);
        }
        pool.shutdown()?;
        let processes = common::timing::Stats::from_samples(pool_time).median();
        for (method, took, start) in [
            ("std threads", threads, None),
            ("rayon", rayon, Some(rayon_start)),
            ("process pool", processes, Some(fork_start)),
        ] {
            table.row([
                method.to_string(),
                k.to_string(),
                format_duration(took),
                format!("{:.2}", speedup(sequential, took)),
                start.map(format_duration).unwrap_or_default(),
            ]);
        }
    }
    table.align_right([1, 2, 3, 4]);
    println!("{table}");

    // The price of a process boundary: the same total work in more, smaller jobs.
    let job_counts: &[u64] = if quick_mode() {
        &[8, 200]
    } else {
        &[8, 1_000, 20_000]
    };
    let rayon_pool = rayon::ThreadPoolBuilder::new().num_threads(cpus).build()?;
    let pool = ProcessPool::new(cpus)?;
    let mut overhead = Table::new(["jobs", "rayon", "rayon / job", "process pool", "pool / job"]);
    for &jobs in job_counts {
        let parts = chunks(n, jobs);
        let rayon = measure(RUNS, || results.push(with_rayon(&rayon_pool, &parts))).median();
        let mut pool_time = Vec::new();
        for _ in 0..RUNS {
            let (sum, took) = time(|| with_processes(&pool, &parts));
            results.push(sum?);
            pool_time.push(took);
        }
        let processes = common::timing::Stats::from_samples(pool_time).median();
        let per = |d: Duration| format_duration(d / u32::try_from(jobs).unwrap());
        overhead.row([
            jobs.to_string(),
            format_duration(rayon),
            per(rayon),
            format_duration(processes),
            per(processes),
        ]);
    }
    pool.shutdown()?;
    overhead.align_right([0, 1, 2, 3, 4]);
    println!();
    println!("the same sum split into more jobs, {cpus} workers each:");
    println!("{overhead}");

    assert!(
        results.iter().all(|&r| r == expected),
        "every method must agree"
    );
    Ok(())
}
