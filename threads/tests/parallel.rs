//! `threads::parallel`: the exact sum for every thread count.

use common::workload::sum_of_squares as serial;
use threads::parallel::{NoThreads, shares, sum_of_squares_on};

/// Σ_{i<n} i² by the closed formula, independent of any loop.
fn formula(n: u64) -> u128 {
    let n = u128::from(n);
    if n == 0 {
        0
    } else {
        (n - 1) * n * (2 * n - 1) / 6
    }
}

#[test]
fn every_thread_count_gives_the_exact_sum() {
    let n = 1_000_003; // a prime: no thread count divides it evenly
    for k in 1..=9 {
        assert_eq!(sum_of_squares_on(n, k).unwrap(), formula(n), "{k} threads");
    }
    let cpus = std::thread::available_parallelism().map_or(1, |c| c.get());
    assert_eq!(sum_of_squares_on(n, cpus).unwrap(), serial(n));
}

#[test]
fn the_notebook_value_on_two_threads() {
    assert_eq!(
        sum_of_squares_on(10_000_000, 2).unwrap().to_string(),
        "333333283333335000000"
    );
}

#[test]
fn more_threads_than_numbers() {
    for n in 0..6 {
        for k in [n as usize + 1, 8, 64] {
            assert_eq!(
                sum_of_squares_on(n, k).unwrap(),
                formula(n),
                "n = {n}, k = {k}"
            );
        }
    }
    // Far more threads than could ever start: still one per number at most.
    assert_eq!(sum_of_squares_on(10, usize::MAX).unwrap(), formula(10));
    let cs = shares(3, 5).unwrap();
    assert_eq!(cs.iter().filter(|c| c.is_empty()).count(), 2);
}

#[test]
fn zero_threads_is_a_clear_error() {
    assert_eq!(sum_of_squares_on(10, 0), Err(NoThreads));
    assert_eq!(shares(10, 0), Err(NoThreads));
    assert!(NoThreads.to_string().contains("at least one thread"));
}
