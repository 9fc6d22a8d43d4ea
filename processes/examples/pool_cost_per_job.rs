//! 4.1 What a process pool pays per job: one sum, cut into more and more jobs.
//!
//! Python: every `ProcessPoolExecutor` job is pickled, sent down a pipe,
//! run, pickled back; many tiny jobs cost more than the work.
//! Rust: the same sum (`processes::sum`) in 8, 1,000 and 10,000 jobs, on
//! rayon and on `processes::ProcessPool`, one worker per CPU each.
//!
//! Watch: the work is the same in every row; rayon's time hardly moves, the
//! pool's grows with the number of jobs, since every job is a round trip
//! through pipes and another process.
//! Varies: every time, more on a busy machine. Needs `fork`: Linux and macOS.
//!
//! Run: cargo run --release --example pool_cost_per_job

use std::convert::Infallible;
use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use common::report::{Table, claim};
use common::timing::{format_duration, speedup};
use processes::ProcessPool;
use processes::lesson::require_fork;
use processes::sum;

/// The sum of `cpu_bound_speedup`: Σ i² for i < N.
const N: u64 = 50_000_000;
const RUNS: usize = 3;

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(|| cost_per_job(N, &[8, 1_000, 10_000]))
}

/// A row of the table: both times, each per job, and their ratio.
fn cost_row(jobs: usize, rayon: Duration, pool: Duration) -> [String; 6] {
    let each = |d: Duration| format_duration(d.div_f64(jobs as f64));
    [
        jobs.to_string(),
        format_duration(rayon),
        each(rayon),
        format_duration(pool),
        each(pool),
        format!("{:.1}x", speedup(pool, rayon)), // pool time ÷ rayon time
    ]
}

// ANCHOR: cost_per_job
fn cost_per_job(n: u64, job_counts: &[usize]) -> Result<(), Box<dyn Error>> {
    let cpus = std::thread::available_parallelism()?.get();
    let rayon_pool = rayon::ThreadPoolBuilder::new().num_threads(cpus).build()?;
    let pool = ProcessPool::new(cpus)?;
    let workers = if cpus == 1 {
        "1 worker".to_string()
    } else {
        format!("{cpus} workers")
    };
    println!("sum of i*i for i in 0..{n}, split into more and more jobs, {workers} each:");
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
    for &count in job_counts {
        let jobs = sum::split(n, count);
        assert_eq!(
            (jobs.len(), jobs[count - 1].1),
            (count, n),
            "the same 0..n, in more jobs"
        );
        let rayon = sum::median_time(RUNS, n, || {
            Ok::<_, Infallible>(sum::rayon(&rayon_pool, &jobs))
        })?;
        let processes = sum::median_time(RUNS, n, || sum::pool(&pool, &jobs))?;
        table.row(cost_row(count, rayon, processes));
        ratios.push(speedup(processes, rayon));
    }
    pool.shutdown()?;
    println!("{}", table.align_right(0..header.len()));
    let (few, many) = (ratios[0], ratios[ratios.len() - 1]);
    let detail = format!(
        "pool ÷ rayon: {few:.1}x in {} jobs, {many:.1}x in {}",
        job_counts[0],
        job_counts[job_counts.len() - 1]
    );
    claim(
        "the smaller the jobs, the more the pool's round trips cost",
        many > few,
        &detail,
    );
    Ok(())
}
// ANCHOR_END: cost_per_job
