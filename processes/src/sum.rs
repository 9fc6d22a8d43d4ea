//! The notebook's CPU-bound work, Σ i² for i in `0..n`, run four ways: the
//! code that `cpu_bound_speedup` times and that the tour's `--compare` runs.
//!
//! Every way but [`threads()`] cuts the sum into jobs with [`split`] and runs
//! each job with [`job_sum`], the very same function, so a table of their
//! times compares ways of running one piece of code.

use std::time::Duration;

use ::threads::parallel::{NoThreads, sum_of_squares_on};
use common::timing::{Stats, time};
use common::workload::{sum_of_squares, sum_of_squares_range};
use rayon::prelude::*;

use crate::{PoolError, ProcessPool};

/// How many jobs the lesson cuts the sum into (the Python original's
/// `split(n, 16)`).
pub const JOBS: usize = 16;

/// `0..n` cut into `jobs` neighbouring ranges, each a `(start, end)` pair (a
/// tuple crosses a pipe as it is), from `threads::parallel::shares`.
///
/// ```
/// assert_eq!(processes::sum::split(10, 3), [(0, 4), (4, 7), (7, 10)]);
/// ```
///
/// # Panics
/// If `jobs` is 0: there would be no one to do the work.
pub fn split(n: u64, jobs: usize) -> Vec<(u64, u64)> {
    let shares = ::threads::parallel::shares(n, jobs).expect("at least one job");
    shares.into_iter().map(|r| (r.start, r.end)).collect()
}

/// One job: Σ i² over `start..end`. Never inlined, so that every way runs
/// the very same machine code.
#[inline(never)]
pub fn job_sum((start, end): (u64, u64)) -> u128 {
    sum_of_squares_range(start..end)
}

// ANCHOR: four_ways
/// The jobs one after another, on this thread.
pub fn sequential(jobs: &[(u64, u64)]) -> u128 {
    jobs.iter().copied().map(job_sum).sum()
}

/// `0..n` on `workers` scoped threads, one range each, split before any
/// starts (`threads::parallel::sum_of_squares_on`, section 1).
///
/// # Errors
/// [`NoThreads`] for 0 workers.
pub fn threads(n: u64, workers: usize) -> Result<u128, NoThreads> {
    sum_of_squares_on(n, workers)
}

/// The jobs on a rayon pool: its threads take them as they free up.
pub fn rayon(pool: &rayon::ThreadPool, jobs: &[(u64, u64)]) -> u128 {
    pool.install(|| jobs.par_iter().copied().map(job_sum).sum())
}

/// The jobs on a process pool: each `(start, end)` crosses a pipe to a
/// worker process, each `u128` comes back.
///
/// # Errors
/// As [`ProcessPool::map`].
pub fn pool(pool: &ProcessPool, jobs: &[(u64, u64)]) -> Result<u128, PoolError> {
    Ok(pool.map(job_sum, jobs.iter().copied())?.into_iter().sum())
}
// ANCHOR_END: four_ways

/// The median time of `runs` runs of `way`, a way of summing `0..n`; each
/// run's sum is checked against the notebook's `cpu_bound_task(n)`.
///
/// # Errors
/// The first error `way` returns.
///
/// # Panics
/// If a run's sum is wrong.
pub fn median_time<E>(
    runs: usize,
    n: u64,
    mut way: impl FnMut() -> Result<u128, E>,
) -> Result<Duration, E> {
    let expected = sum_of_squares(n);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (sum, took) = time(&mut way);
        assert_eq!(sum?, expected, "every way computes the same sum");
        times.push(took);
    }
    Ok(Stats::from_samples(times).median())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_agree_with_the_formula() {
        let n = 100_000;
        let expected = common::workload::sum_of_squares(n);
        let jobs = split(n, JOBS);
        assert_eq!(sequential(&jobs), expected);
        assert_eq!(threads(n, 3).unwrap(), expected);
        let rayon_pool = ::rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert_eq!(rayon(&rayon_pool, &jobs), expected);
        if cfg!(unix) {
            let process_pool = ProcessPool::new(2).unwrap();
            assert_eq!(pool(&process_pool, &jobs).unwrap(), expected);
        }
    }
}
