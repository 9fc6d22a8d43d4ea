//! Workloads: the CPU-bound and IO-bound work that the topics run.
//!
//! Every CPU-bound loop feeds its values through [`std::hint::black_box`].
//! Without it, a release build may recognise `Σ i²` and replace the loop with
//! the closed formula `n(n-1)(2n-1)/6`: the "work" would take no time and every
//! threads-vs-processes comparison would measure nothing. The bench
//! `cargo bench -p common` shows that the time grows linearly with `n`.

use std::hint::black_box;
use std::ops::Range;
use std::time::{Duration, Instant};

/// The notebook's `cpu_bound_task(n)`: the sum of `i * i` for `i` in `0..n`.
///
/// Python's integers grow as needed, so the notebook never mentions that
/// `sum_of_squares(10_000_000) = 333333283333335000000` is larger than
/// `u64::MAX` (about 1.8 × 10¹⁹). In Rust the width is a choice: the result is
/// a `u128`, which holds the exact sum for every `n` up to well beyond 10¹².
///
/// ```
/// use common::workload::sum_of_squares;
/// assert_eq!(sum_of_squares(4), 0 + 1 + 4 + 9);
/// assert_eq!(sum_of_squares(10_000_000), 333_333_283_333_335_000_000);
/// ```
pub fn sum_of_squares(n: u64) -> u128 {
    sum_of_squares_range(0..n)
}

/// The sum of `i * i` for `i` in `range`, for splitting
/// [`sum_of_squares`] into chunks: the chunks' sums add up to the whole.
///
/// ```
/// use common::workload::{sum_of_squares, sum_of_squares_range};
/// let whole = sum_of_squares(1_000);
/// let halves = sum_of_squares_range(0..500) + sum_of_squares_range(500..1_000);
/// assert_eq!(whole, halves);
/// assert_eq!(sum_of_squares_range(5..5), 0); // an empty range sums to 0
/// ```
pub fn sum_of_squares_range(range: Range<u64>) -> u128 {
    let mut total: u128 = 0;
    for i in range {
        // black_box hides `i` from the optimiser, so the loop really runs.
        let i = black_box(i) as u128;
        total += i * i;
    }
    total
}

/// Whether `n` is prime, by trial division (deliberately plain: it is work).
///
/// ```
/// use common::workload::is_prime;
/// assert!(is_prime(2) && is_prime(97));
/// assert!(!is_prime(0) && !is_prime(1) && !is_prime(91));
/// ```
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2u64;
    while d.saturating_mul(d) <= n {
        if black_box(n).is_multiple_of(d) {
            return false;
        }
        d += 1;
    }
    true
}

/// How many primes lie in `range`: a CPU-bound workload whose chunks cost
/// different amounts (larger numbers take longer), unlike [`sum_of_squares`].
///
/// ```
/// use common::workload::count_primes;
/// assert_eq!(count_primes(0..10), 4); // 2, 3, 5, 7
/// assert_eq!(count_primes(0..100), 25);
/// assert_eq!(count_primes(10..10), 0);
/// ```
pub fn count_primes(range: Range<u64>) -> u64 {
    range.filter(|&n| is_prime(n)).count() as u64
}

/// Keeps one CPU busy for `duration` and returns how many loop turns it made.
///
/// This is CPU-bound work measured in time rather than in operations: useful
/// when two threads should do "the same amount" of work whatever the machine.
///
/// ```
/// use std::time::{Duration, Instant};
/// let start = Instant::now();
/// let turns = common::workload::spin_for(Duration::from_millis(5));
/// assert!(start.elapsed() >= Duration::from_millis(5));
/// assert!(turns > 0);
/// ```
pub fn spin_for(duration: Duration) -> u64 {
    let start = Instant::now();
    let mut turns = 0u64;
    while start.elapsed() < duration {
        // A little arithmetic between clock reads, kept alive by black_box.
        let mut x = black_box(turns);
        for _ in 0..64 {
            x = black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
        }
        black_box(x);
        turns += 1;
    }
    turns
}

/// Stands in for blocking IO (a network call, a disk read): the thread sleeps
/// for `duration` and uses no CPU meanwhile, as a thread blocked in the kernel
/// does. In CPython such a call releases the GIL.
///
/// ```
/// use std::time::{Duration, Instant};
/// let start = Instant::now();
/// common::workload::blocking_io(Duration::from_millis(2));
/// assert!(start.elapsed() >= Duration::from_millis(2));
/// ```
pub fn blocking_io(duration: Duration) {
    std::thread::sleep(duration);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closed formula, to check the loop against: Σ_{i<n} i² = (n-1)n(2n-1)/6.
    fn formula(n: u64) -> u128 {
        let n = n as u128;
        if n == 0 {
            return 0;
        }
        (n - 1) * n * (2 * n - 1) / 6
    }

    #[test]
    fn notebook_value() {
        assert_eq!(sum_of_squares(10_000_000), 333_333_283_333_335_000_000);
        assert_eq!(
            sum_of_squares(10_000_000).to_string(),
            "333333283333335000000"
        );
        // The point of u128: the notebook's result does not fit in u64.
        assert!(sum_of_squares(10_000_000) > u64::MAX as u128);
    }

    #[test]
    // A reversed range is empty, as in Python's range(9, 3): a real edge case.
    #[allow(clippy::reversed_empty_ranges)]
    fn edge_cases() {
        assert_eq!(sum_of_squares(0), 0);
        assert_eq!(sum_of_squares(1), 0);
        assert_eq!(sum_of_squares(2), 1);
        assert_eq!(sum_of_squares_range(7..8), 49);
        assert_eq!(sum_of_squares_range(9..3), 0);
    }

    #[test]
    fn matches_formula() {
        for n in [0, 1, 2, 3, 10, 999, 12_345] {
            assert_eq!(sum_of_squares(n), formula(n), "n = {n}");
        }
    }

    #[test]
    fn ranges_add_up() {
        let n = 10_007;
        let chunks = [0..1, 1..4_000, 4_000..4_000, 4_000..n];
        let sum: u128 = chunks.into_iter().map(sum_of_squares_range).sum();
        assert_eq!(sum, sum_of_squares(n));
    }

    #[test]
    fn large_values_do_not_overflow() {
        // i * i for i near u64::MAX needs u128: one element, exact.
        let i = u64::MAX - 1;
        assert_eq!(sum_of_squares_range(i..i + 1), (i as u128) * (i as u128));
    }

    #[test]
    fn primes() {
        assert_eq!(count_primes(0..0), 0);
        assert_eq!(count_primes(0..2), 0);
        assert_eq!(count_primes(2..3), 1);
        assert_eq!(count_primes(0..1_000), 168);
        assert_eq!(count_primes(1_000..2_000), 135);
        assert!(is_prime(7_919));
        assert!(!is_prime(7_917));
    }

    #[test]
    fn spin_zero_returns_at_once() {
        assert_eq!(spin_for(Duration::ZERO), 0);
    }
}
