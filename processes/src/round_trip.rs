//! What one job costs: a job submitted and awaited, again and again, on one
//! worker (the tour's `--compare` row "pool-job", and the bench).

use std::time::{Duration, Instant};

use crate::notebook::square;
use crate::{PoolError, ProcessPool};

/// Jobs run first, untimed, so that the worker is started and warm.
pub const WARM_UP: u64 = 100;

/// The median time of one job submitted and awaited (`pool.submit(square,
/// x)?.result()`), over `jobs` jobs in a row on a pool of one worker, after
/// [`WARM_UP`] untimed ones.
///
/// # Errors
/// As [`ProcessPool::new`] and [`ProcessPool::submit`].
pub fn median(jobs: usize) -> Result<Duration, PoolError> {
    let pool = ProcessPool::new(1)?;
    for x in 0..WARM_UP {
        assert_eq!(pool.submit(square, x)?.result()?, x * x, "warm-up job");
    }
    let mut times = Vec::with_capacity(jobs);
    for x in 0..jobs as u64 {
        let started = Instant::now();
        assert_eq!(pool.submit(square, x)?.result()?, x * x, "job {x}");
        times.push(started.elapsed());
    }
    pool.shutdown()?;
    times.sort();
    Ok(times.get(jobs / 2).copied().unwrap_or_default())
}
