//! The minimal pool: the same `map` in about a hundred lines, and what it
//! does when things go wrong (an error, never a hang).

use common::testing::within;
use processes::pool::minimal::MinimalPool;

use crate::{LIMIT, pid_of_worker, square};

#[test]
fn the_minimal_pool_keeps_input_order() {
    let results = within(LIMIT, || MinimalPool::new(3)?.map(square, 0..100)).unwrap();
    assert_eq!(results, (0..100).map(square).collect::<Vec<_>>());
}

#[test]
fn the_minimal_pool_maps_nothing_to_nothing_and_zero_workers_to_one() {
    let results = within(LIMIT, || MinimalPool::new(0)?.map(square, Vec::new())).unwrap();
    assert!(results.is_empty());
    let results = within(LIMIT, || MinimalPool::new(0)?.map(square, [7])).unwrap();
    assert_eq!(results, [49]);
}

#[test]
fn the_minimal_pool_runs_jobs_in_each_of_its_workers() {
    // Round-robin: with 3 workers and 9 items, each worker gets 3.
    let mut pids = within(LIMIT, || {
        MinimalPool::new(3)?.map(pid_of_worker, vec![(); 9])
    })
    .unwrap();
    assert!(
        !pids.contains(&std::process::id()),
        "no job ran in the parent"
    );
    pids.sort_unstable();
    pids.dedup();
    assert_eq!(pids.len(), 3, "{pids:?}");
}

#[test]
fn a_panicking_job_is_an_error_from_the_minimal_pool_not_a_hang() {
    fn picky(x: u64) -> u64 {
        assert_ne!(x, 3, "three is not allowed");
        x
    }
    let err = within(LIMIT, || MinimalPool::new(2)?.map(picky, 0..6)).unwrap_err();
    assert!(err.to_string().contains("died"), "{err}");
}

#[test]
fn minimal_pools_side_by_side_drop_in_any_order() {
    // Pool b's workers were forked while pool a's job pipes were open: unless
    // they close what they inherited, a's workers never see end-of-file and
    // dropping a waits for ever.
    within(LIMIT, || {
        let mut a = MinimalPool::new(2)?;
        let mut b = MinimalPool::new(2)?;
        assert_eq!(a.map(square, [2])?, [4]);
        drop(a);
        assert_eq!(b.map(square, [3])?, [9]);
        std::io::Result::Ok(())
    })
    .unwrap();
}
