//! 4.1 ProcessPoolExecutor vs threads: CPU-bound work on 1, 2 and all CPUs.
//!
//! Python: the notebook's `cpu_bound_task` gains nothing from threads (the
//! GIL lets one run at a time), so CPU-bound work goes to processes.
//! Rust: no GIL. `std::thread::scope`, rayon and `processes::ProcessPool`
//! all run the jobs of a sum of squares in parallel (`processes::sum`).
//!
//! Watch: on 2 workers every way is about twice as fast as one, when two
//! CPUs are free; the process pool pays for its fork at start-up.
//! Varies: every time. Speedup is capped by the free CPUs (the claim lines
//! say when a busy machine hid it); with two CPUs, "all CPUs" adds no rows.
//! Needs `fork` for the pool: Linux and macOS.
//!
//! Run: cargo run --release --example cpu_bound_speedup

use std::convert::Infallible;
use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use common::report::{Table, claim};
use common::timing::{format_duration, speedup, time};
use processes::ProcessPool;
use processes::lesson::require_fork;
use processes::sum::{self, JOBS};

/// Σ i² for i < N: long enough (tens of milliseconds) that the fork of the
/// pool's workers is small beside it.
const N: u64 = 50_000_000;
const RUNS: usize = 3;

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(|| speedup_on_1_2_and_all_cpus(N))
}

/// A way's name, its median time and its start-up cost.
type Row = (&'static str, Duration, Option<Duration>);

// ANCHOR: three_ways_on_k_workers
/// The three parallel ways on `k` workers: each one's median time, and its
/// start-up (building rayon's pool, forking the process pool's workers).
fn three_ways_on(k: usize, n: u64) -> Result<[Row; 3], Box<dyn Error>> {
    let jobs = sum::split(n, JOBS);
    let (rayon_pool, rayon_start) = time(|| rayon::ThreadPoolBuilder::new().num_threads(k).build());
    let (pool, fork_start) = time(|| ProcessPool::new(k));
    let (rayon_pool, pool) = (rayon_pool?, pool?);
    let threads = sum::median_time(RUNS, n, || sum::threads(n, k))?;
    let rayon = sum::median_time(RUNS, n, || {
        Ok::<_, Infallible>(sum::rayon(&rayon_pool, &jobs))
    })?;
    let processes = sum::median_time(RUNS, n, || sum::pool(&pool, &jobs))?;
    pool.shutdown()?;
    Ok([
        ("std threads", threads, None),
        ("rayon", rayon, Some(rayon_start)),
        ("process pool", processes, Some(fork_start)),
    ])
}
// ANCHOR_END: three_ways_on_k_workers

// ANCHOR: speedup_on_1_2_and_all_cpus
fn speedup_on_1_2_and_all_cpus(n: u64) -> Result<(), Box<dyn Error>> {
    let cpus = std::thread::available_parallelism()?.get();
    let cpus_text = if cpus == 1 {
        "1 CPU".to_string()
    } else {
        format!("{cpus} CPUs")
    };
    println!("sum of i*i for i in 0..{n}, in {JOBS} jobs; {cpus_text}; median of {RUNS} runs");
    let jobs = sum::split(n, JOBS);
    sum::sequential(&jobs); // untimed: the baseline should not pay for a cold start
    let alone = sum::median_time(RUNS, n, || Ok::<_, Infallible>(sum::sequential(&jobs)))?;
    let mut table = Table::new(["way", "workers", "time", "speedup", "start-up"]);
    table.row(["sequential", "1", &format_duration(alone), "1.00", ""]);
    let mut workers = vec![1, 2, cpus];
    workers.sort();
    workers.dedup(); // on one CPU: 1 and 2, not 1, 2, 1
    let mut rows = Vec::new(); // (workers, way, speedup, start-up)
    for k in workers {
        for (way, took, start) in three_ways_on(k, n)? {
            let gain = speedup(alone, took);
            let shown = start.map(format_duration).unwrap_or_default();
            let cells = [
                way.to_string(),
                k.to_string(),
                format_duration(took),
                format!("{gain:.2}"),
                shown,
            ];
            table.row(cells);
            rows.push((k, way, gain, start));
        }
    }
    println!("{}", table.align_right([1, 2, 3, 4]));
    what_this_run_showed(cpus, &rows);
    // Σ_{i<n} i² = (n-1)n(2n-1)/6, and every run above matched the sum.
    let m = u128::from(n);
    let formula = (m - 1) * m * (2 * m - 1) / 6;
    assert_eq!(sum::sequential(&jobs), formula, "the closed formula agrees");
    Ok(())
}
// ANCHOR_END: speedup_on_1_2_and_all_cpus

// ANCHOR: what_this_run_showed
/// The page's claims about speedups, checked against this run's rows.
fn what_this_run_showed(cpus: usize, rows: &[(usize, &str, f64, Option<Duration>)]) {
    let gains = |k: usize| rows.iter().filter(move |r| r.0 == k).map(|r| r.2);
    let list = |k| {
        gains(k)
            .map(|g| format!("{g:.2}x"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let busy = match cpus {
        1 => "one CPU here: the workers take turns",
        _ => "other programs had the CPUs for part of the run",
    };
    let twice = gains(2).all(|g| g >= 1.5);
    claim(
        "on 2 workers, threads, rayon and the process pool are each about twice as fast as sequential",
        twice,
        &format!(
            "threads, rayon, pool on 2: {}{}",
            list(2),
            unless_held(twice, busy)
        ),
    );
    let at_most_two = gains(2).all(|g| g <= 2.2);
    let slowed = "the sequential baseline itself was slowed by another program";
    claim(
        "no way on 2 workers is more than 2x as fast as sequential, give or take 10%",
        at_most_two,
        &format!(
            "threads, rayon, pool on 2: {}{}",
            list(2),
            unless_held(at_most_two, slowed)
        ),
    );
    let near_one = gains(1).all(|g| (0.8..=1.25).contains(&g));
    claim(
        "on 1 worker every way takes about as long as sequential",
        near_one,
        &format!(
            "threads, rayon, pool on 1: {}{}",
            list(1),
            unless_held(near_one, busy)
        ),
    );
    start_up_costs(rows);
}

/// Nothing when a claim held; else why it may not have, as its detail ends.
fn unless_held(held: bool, why: &str) -> String {
    if held {
        String::new()
    } else {
        format!("; {why}")
    }
}

/// The claim about start-up: a fork costs more than a thread.
fn start_up_costs(rows: &[(usize, &str, f64, Option<Duration>)]) {
    let start = |way: &str| rows.iter().find(|r| r.1 == way).and_then(|r| r.3);
    let (rayon, fork) = (
        start("rayon").unwrap_or_default(),
        start("process pool").unwrap_or_default(),
    );
    let (rayon_text, fork_text) = (format_duration(rayon), format_duration(fork));
    claim(
        "forking the pool's workers costs more than starting rayon's threads",
        fork > rayon,
        &format!("on 1 worker: fork {fork_text}, rayon {rayon_text}"),
    );
}
// ANCHOR_END: what_this_run_showed
