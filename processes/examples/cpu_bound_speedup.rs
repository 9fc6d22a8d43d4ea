//! 4.1 ProcessPoolExecutor vs threads: CPU-bound work on 1, 2 and all CPUs.
//!
//! Python: the notebook's `cpu_bound_task` gains nothing from threads (the
//! GIL lets one run at a time), so CPU-bound work goes to processes.
//! Rust: no GIL. `std::thread::scope`, rayon and `processes::ProcessPool` all
//! run the chunks of a sum of squares in parallel; the pool pays for every
//! job it sends across a pipe.
//!
//! Watch: threads and rayon scale like the pool, without its fork at start-up;
//! with thousands of tiny jobs the pool's pipe round trips dominate.
//! Varies: every time. Speedup is capped by the free CPUs (the example says
//! when a busy machine hid it); with two CPUs, "all CPUs" adds no rows.
//!
//! Run: cargo run --release --example cpu_bound_speedup

use std::error::Error;
use std::time::Duration;

use common::report::Table;
use common::testing::pick;
use common::timing::{Stats, format_duration, speedup, time};
use common::workload::{sum_of_squares, sum_of_squares_range};
use processes::{PoolError, ProcessPool};
use rayon::prelude::*;

const RUNS: usize = 3;

fn main() -> Result<(), Box<dyn Error>> {
    let n = pick(150_000_000, 300_000);
    speedup_on_1_2_and_all_cpus(n)?;
    cost_per_job(n, pick(&[8, 1_000, 20_000], &[8, 200]))
}

// ANCHOR: four_ways_to_sum_the_chunks
/// One job: the sum of squares of `start..end` (a tuple crosses the pipe).
/// Never inlined, so that every method runs the very same machine code: the
/// table compares ways of running it, not how each copy was optimised.
#[inline(never)]
fn chunk_sum((start, end): (u64, u64)) -> u128 {
    sum_of_squares_range(start..end)
}

fn sequential(parts: &[(u64, u64)]) -> u128 {
    parts.iter().copied().map(chunk_sum).sum()
}

/// The chunks split into `threads` runs of neighbours, one per thread.
fn with_threads(parts: &[(u64, u64)], threads: usize) -> u128 {
    let per_thread = parts.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .chunks(per_thread)
            .map(|mine| s.spawn(move || sequential(mine)))
            .collect();
        let sums = handles.into_iter().map(|h| h.join().expect("no panic"));
        sums.sum()
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
// ANCHOR_END: four_ways_to_sum_the_chunks

/// `0..n` cut into `parts` contiguous chunks.
fn chunks(n: u64, parts: u64) -> Vec<(u64, u64)> {
    (0..parts)
        .map(|i| (n * i / parts, n * (i + 1) / parts))
        .collect()
}

/// The median time of `RUNS` runs of `sum`, each checked against `expected`.
fn median_of_runs(
    expected: u128,
    mut sum: impl FnMut() -> Result<u128, PoolError>,
) -> Result<Duration, PoolError> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let (result, took) = time(&mut sum);
        assert_eq!(result?, expected, "every method computes the same sum");
        times.push(took);
    }
    Ok(Stats::from_samples(times).median())
}

/// Times the three parallel methods on `k` workers: name, median time and
/// start-up (building rayon's pool, forking the process pool's workers).
fn time_methods(
    k: usize,
    parts: &[(u64, u64)],
    expected: u128,
) -> Result<[Row; 3], Box<dyn Error>> {
    let threads = median_of_runs(expected, || Ok(with_threads(parts, k)))?;
    let (rayon_pool, rayon_start) = time(|| rayon::ThreadPoolBuilder::new().num_threads(k).build());
    let rayon_pool = rayon_pool?;
    let rayon = median_of_runs(expected, || Ok(with_rayon(&rayon_pool, parts)))?;
    let (pool, fork_start) = time(|| ProcessPool::new(k));
    let pool = pool?;
    let processes = median_of_runs(expected, || with_processes(&pool, parts))?;
    pool.shutdown()?;
    Ok([
        ("std threads", threads, None),
        ("rayon", rayon, Some(rayon_start)),
        ("process pool", processes, Some(fork_start)),
    ])
}

/// A method's name, its median time and its start-up cost.
type Row = (&'static str, Duration, Option<Duration>);

/// The lesson, checked against this run: about 2x on 2 workers, for all three.
fn say_what_two_workers_showed(cpus: usize, alone: Duration, on_two: &[f64]) {
    let worst = on_two.iter().copied().fold(f64::INFINITY, f64::min);
    if alone < Duration::from_millis(20) {
        let alone = format_duration(alone);
        println!("The whole sum took {alone} alone: too little work to pay for starting workers.");
    } else if cpus == 1 {
        println!("Only one CPU here: the workers take turns, so expect no speedup.");
    } else if worst < 1.5 {
        println!("Load: on 2 workers one method was only {worst:.2}x as fast as sequential:");
        println!("other programs had CPUs. On 2 idle CPUs each is about 2x as fast.");
    } else {
        println!(
            "No GIL: on 2 workers, threads, rayon and processes were each {worst:.2}x or more as fast."
        );
    }
}

// ANCHOR: speedup_on_1_2_and_all_cpus
fn speedup_on_1_2_and_all_cpus(n: u64) -> Result<(), Box<dyn Error>> {
    let cpus = std::thread::available_parallelism()?.get();
    let (parts, expected) = (chunks(n, 16), sum_of_squares(n));
    println!("sum of i*i for i in 0..{n}, in 16 chunks; {cpus} CPUs; median of {RUNS} runs");
    sequential(&parts); // untimed: the baseline should not pay for a cold start
    let alone = median_of_runs(expected, || Ok(sequential(&parts)))?;
    let mut table = Table::new(["method", "workers", "time", "speedup", "start-up"]);
    table.row(["sequential", "1", &format_duration(alone), "1.00", ""]);
    let mut on_two = Vec::new(); // each method's speedup on 2 workers
    let mut workers = vec![1, 2, cpus];
    workers.sort();
    workers.dedup(); // on one CPU: 1 and 2, not 1, 2, 1
    for k in workers {
        for (method, took, start) in time_methods(k, &parts, expected)? {
            let gain = speedup(alone, took);
            if k == 2 {
                on_two.push(gain);
            }
            let start = start.map(format_duration).unwrap_or_default();
            let (k, took, gain) = (k.to_string(), format_duration(took), format!("{gain:.2}"));
            table.row([method.to_string(), k, took, gain, start]);
        }
    }
    println!("{}", table.align_right([1, 2, 3, 4]));
    say_what_two_workers_showed(cpus, alone, &on_two);
    // Σ_{i<n} i² = (n-1)n(2n-1)/6, and every run above matched it.
    let m = u128::from(n);
    assert_eq!(
        expected,
        (m - 1) * m * (2 * m - 1) / 6,
        "the closed formula agrees"
    );
    Ok(())
}
// ANCHOR_END: speedup_on_1_2_and_all_cpus

/// A row of the cost table: both times, each per job, and their ratio.
fn cost_row(jobs: u64, rayon: Duration, pool: Duration) -> [String; 6] {
    let each = |d: Duration| format_duration(d.div_f64(jobs as f64));
    let ratio = speedup(pool, rayon); // pool time ÷ rayon time
    let (rayon_each, pool_each) = (each(rayon), each(pool));
    let (rayon, pool) = (format_duration(rayon), format_duration(pool));
    [
        jobs.to_string(),
        rayon,
        rayon_each,
        pool,
        pool_each,
        format!("{ratio:.1}x"),
    ]
}

// ANCHOR: cost_per_job
fn cost_per_job(n: u64, job_counts: &[u64]) -> Result<(), Box<dyn Error>> {
    assert!(job_counts.len() >= 2, "a comparison needs two job counts");
    let cpus = std::thread::available_parallelism()?.get();
    let expected = sum_of_squares(n);
    let rayon_pool = rayon::ThreadPoolBuilder::new().num_threads(cpus).build()?;
    let pool = ProcessPool::new(cpus)?;
    let header = [
        "jobs",
        "rayon",
        "per job",
        "process pool",
        "per job",
        "pool ÷ rayon",
    ];
    let mut table = Table::new(header);
    let mut ratios = Vec::new(); // pool time ÷ rayon time, per job count
    for &jobs in job_counts {
        let parts = chunks(n, jobs);
        let rayon = median_of_runs(expected, || Ok(with_rayon(&rayon_pool, &parts)))?;
        let processes = median_of_runs(expected, || with_processes(&pool, &parts))?;
        table.row(cost_row(jobs, rayon, processes));
        ratios.push((jobs, speedup(processes, rayon)));
    }
    pool.shutdown()?;
    println!("\nthe same sum split into more jobs, {cpus} workers each:");
    println!("{}", table.align_right(0..header.len()));
    let ((few, at_few), (many, at_many)) = (ratios[0], ratios[ratios.len() - 1]);
    if at_many > at_few {
        println!("The smaller the jobs, the more the pipe round trips cost: the pool took");
        println!("{at_few:.1}x rayon's time in {few} jobs, {at_many:.1}x in {many}.");
    } else {
        println!("(this run did not show the pool's cost per job: a busy machine blurs it)");
    }
    Ok(())
}
// ANCHOR_END: cost_per_job
