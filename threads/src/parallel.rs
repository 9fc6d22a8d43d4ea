//! The notebook's `cpu_bound_task(n)` split over `k` threads.
//!
//! Python: `threading.Thread(target=cpu_bound_task, ...)` per share gains
//! nothing on CPython, because the GIL lets one thread run bytecode at a time.
//! Rust threads have no such lock: `k` threads on `k` free CPUs finish the
//! same work about `k` times sooner.
//!
//! The threads are *scoped* ([`std::thread::scope`]): they may borrow from the
//! caller and are all joined before [`sum_of_squares_on`] returns.

use std::fmt;
use std::ops::Range;

use common::workload::sum_of_squares_range;

/// Asked to split work over zero threads: there would be no one to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoThreads;

impl fmt::Display for NoThreads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the work must be split over at least one thread, not 0")
    }
}

impl std::error::Error for NoThreads {}

/// Splits `0..n` into `k` shares: consecutive ranges whose lengths differ by
/// at most one, one per worker (Python: `shares(n, k)` in `gil_simulated.py`).
/// With `k > n` some shares are empty; together they always cover `0..n`.
///
/// ```
/// use threads::parallel::{shares, NoThreads};
/// assert_eq!(shares(10, 3).unwrap(), vec![0..4, 4..7, 7..10]);
/// assert_eq!(shares(2, 3).unwrap(), vec![0..1, 1..2, 2..2]);
/// assert_eq!(shares(10, 0), Err(NoThreads));
/// ```
pub fn shares(n: u64, k: usize) -> Result<Vec<Range<u64>>, NoThreads> {
    if k == 0 {
        return Err(NoThreads);
    }
    let k64 = k as u64;
    let (base, extra) = (n / k64, n % k64);
    let mut start = 0;
    Ok((0..k64)
        .map(|i| {
            // The first `extra` shares take one more number each.
            let len = base + u64::from(i < extra);
            let share = start..start + len;
            start += len;
            share
        })
        .collect())
}

/// `Σ i²` for `i` in `0..n` (the notebook's `cpu_bound_task`,
/// [`common::workload::sum_of_squares`]), computed on `threads` scoped
/// threads, one [share](shares) each. With `threads > n` only `n` threads
/// start, one number each (the rest would have empty shares), so even
/// `usize::MAX` threads is fine. The result is the same for every thread
/// count: only the time changes.
///
/// This is the course's one place where CPU-bound work is split over
/// threads: the lessons, the benches and `--compare` all call it.
///
/// # Errors
/// [`NoThreads`] if `threads` is 0.
///
/// ```
/// use threads::parallel::sum_of_squares_on;
/// let one = sum_of_squares_on(100_000, 1).unwrap();
/// assert_eq!(sum_of_squares_on(100_000, 4).unwrap(), one);
/// assert_eq!(one, common::workload::sum_of_squares(100_000));
/// assert!(sum_of_squares_on(10, 0).is_err());
/// assert_eq!(sum_of_squares_on(10, usize::MAX).unwrap(), 285);
/// ```
pub fn sum_of_squares_on(n: u64, threads: usize) -> Result<u128, NoThreads> {
    // ANCHOR: solution_parallel_sum
    // Never more shares than numbers: a huge `threads` must not allocate a
    // huge list of empty shares. Zero stays zero, and an error.
    let useful = threads.min(usize::try_from(n).unwrap_or(usize::MAX).max(1));
    let shares = shares(n, useful)?;
    Ok(std::thread::scope(|s| {
        let handles: Vec<_> = shares
            .into_iter()
            .filter(|share| !share.is_empty())
            .map(|share| s.spawn(move || sum_of_squares_range(share)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("sum_of_squares_range does not panic"))
            .sum()
    }))
    // ANCHOR_END: solution_parallel_sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_cover_the_range_in_order() {
        for n in [0, 1, 2, 7, 100, 101] {
            for k in 1..12 {
                let cs = shares(n, k).unwrap();
                assert_eq!(cs.len(), k);
                assert_eq!(cs[0].start, 0);
                assert_eq!(cs[k - 1].end, n);
                assert!(cs.windows(2).all(|w| w[0].end == w[1].start));
                let lens: Vec<u64> = cs.iter().map(|c| c.end - c.start).collect();
                assert!(lens.iter().max().unwrap() - lens.iter().min().unwrap() <= 1);
            }
        }
    }
}
