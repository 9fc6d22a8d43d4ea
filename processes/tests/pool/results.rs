//! What `map` and `submit` give back: results in input order whatever the
//! finishing order, any size up to the frame cap, from distinct worker
//! processes; and the limits: the worker count and the frame cap, each a
//! clear error.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::testing::within;
use processes::shared::SharedValue;
use processes::{PoolError, ProcessPool};

use crate::{LIMIT, pid_of_worker, square};

#[test]
fn zero_workers_is_an_error() {
    assert!(matches!(
        ProcessPool::new(0),
        Err(PoolError::InvalidWorkers)
    ));
}

#[test]
fn a_huge_worker_count_is_an_error_not_a_crash() {
    // `Vec::with_capacity(usize::MAX)` panicked ("capacity overflow"), and
    // `1 << 40` workers aborted the whole process (a 13 TB allocation).
    let max = ProcessPool::max_workers();
    assert!((1..=processes::pool::MAX_WORKERS).contains(&max));
    for workers in [1 << 40, usize::MAX, max + 1] {
        match ProcessPool::new(workers) {
            Err(error @ PoolError::InvalidWorkers) => {
                let message = error.to_string();
                assert!(message.contains(&format!("at most {max}")), "{message}");
            }
            other => panic!("{workers} workers: expected InvalidWorkers, got {other:?}"),
        }
    }
}

#[test]
fn default_workers_is_one_per_cpu() {
    let cpus = std::thread::available_parallelism().unwrap().get();
    let pool = within(LIMIT, ProcessPool::with_default_workers).unwrap();
    assert_eq!(pool.workers(), cpus);
    assert_eq!(pool.worker_pids().len(), cpus);
}

#[test]
fn map_keeps_input_order_even_when_jobs_finish_out_of_order() {
    // Early items take longest, so replies come back in roughly reverse order.
    fn slow_first(x: u64) -> u64 {
        common::workload::spin_for(Duration::from_micros((50 - x) * 100));
        x * 10
    }
    let results = within(LIMIT, || {
        ProcessPool::new(3).unwrap().map(slow_first, 0..50)
    })
    .unwrap();
    assert_eq!(results, (0..50).map(|x| x * 10).collect::<Vec<_>>());
}

#[test]
fn zero_items_give_an_empty_list() {
    let pool = ProcessPool::new(2).unwrap();
    let results: Vec<u64> = within(LIMIT, move || pool.map(square, Vec::new())).unwrap();
    assert!(results.is_empty());
}

#[test]
fn more_workers_than_items() {
    let results = within(LIMIT, || ProcessPool::new(8).unwrap().map(square, [3, 4])).unwrap();
    assert_eq!(results, vec![9, 16]);
}

#[test]
fn a_thousand_small_jobs() {
    let results = within(LIMIT, || ProcessPool::new(2).unwrap().map(square, 0..1_000)).unwrap();
    assert_eq!(results.len(), 1_000);
    assert!(
        results
            .iter()
            .enumerate()
            .all(|(i, &r)| r == (i * i) as u64)
    );
}

#[test]
fn a_mebibyte_argument_and_result_round_trip() {
    fn reverse(mut bytes: Vec<u8>) -> Vec<u8> {
        bytes.reverse();
        bytes
    }
    let input: Vec<u8> = (0..1 << 20).map(|i: u32| (i % 251) as u8).collect();
    let expected: Vec<u8> = input.iter().rev().copied().collect();
    let output = within(LIMIT, move || {
        let pool = ProcessPool::new(2).unwrap();
        pool.submit(reverse, input).unwrap().result()
    })
    .unwrap();
    assert_eq!(output.len(), 1 << 20);
    assert!(output == expected, "the bytes came back changed");
}

#[test]
fn jobs_run_in_distinct_worker_processes() {
    // A barrier across processes: each job waits until all three are
    // running at once, which forces them onto three different workers.
    static ARRIVED: OnceLock<SharedValue> = OnceLock::new();
    fn arrive(expected: u64) -> u32 {
        let arrived = ARRIVED.get().expect("mapped before the pool forked");
        arrived.fetch_add(1);
        let deadline = Instant::now() + Duration::from_secs(30);
        while arrived.load() < expected && Instant::now() < deadline {
            std::hint::spin_loop();
        }
        std::process::id()
    }
    ARRIVED.get_or_init(|| SharedValue::new(0).unwrap());
    let pool = ProcessPool::new(3).unwrap();
    let workers = pool.worker_pids();
    let mut pids = within(LIMIT, move || pool.map(arrive, [3, 3, 3])).unwrap();
    assert_eq!(ARRIVED.get().unwrap().load(), 3);
    pids.sort_unstable();
    pids.dedup();
    assert_eq!(pids.len(), 3, "three jobs, three different processes");
    for pid in pids {
        assert_ne!(pid, std::process::id());
        assert!(workers.contains(&pid), "{pid} is not one of {workers:?}");
    }
}

#[test]
fn a_result_over_the_frame_cap_is_a_clear_error_and_the_pool_stays_usable() {
    // The same path as a result over 4 GiB (which a `u32` length cannot
    // say): the worker used to give up and exit with code 0, and the pool
    // reported a broken pool "exited with code 0".
    fn too_big(_: ()) -> Vec<u8> {
        vec![7; processes::frame::MAX_FRAME]
    }
    let pool = ProcessPool::new(1).unwrap();
    let pid = pool.worker_pids()[0];
    let pool = within(LIMIT, move || {
        match pool.submit(too_big, ()).unwrap().result() {
            Err(PoolError::Codec(message)) => {
                assert!(message.contains("result"), "{message}");
                assert!(message.contains("MAX_FRAME"), "{message}");
            }
            other => panic!("expected a Codec error, got {:?}", other.map(|v| v.len())),
        }
        // The worker is the same, and still serving.
        assert_eq!(pool.map(pid_of_worker, [()]).unwrap(), vec![pid]);
        pool
    });
    assert_eq!(pool.broken(), None);
    within(LIMIT, move || pool.shutdown()).unwrap();
}

#[test]
fn an_argument_over_the_frame_cap_is_refused_at_submit() {
    fn len(bytes: Vec<u8>) -> usize {
        bytes.len()
    }
    let pool = ProcessPool::new(1).unwrap();
    let pool = within(LIMIT, move || {
        match pool.submit(len, vec![0; processes::frame::MAX_FRAME]) {
            Err(PoolError::Codec(message)) => assert!(message.contains("argument"), "{message}"),
            other => panic!("expected a Codec error, got {other:?}"),
        }
        assert_eq!(pool.map(len, [vec![1, 2, 3]]).unwrap(), vec![3]);
        pool
    });
    assert_eq!(pool.broken(), None);
    within(LIMIT, move || pool.shutdown()).unwrap();
}
