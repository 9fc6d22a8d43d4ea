//! Drop and shutdown reap every worker (no zombie); pools side by side, made
//! from several threads, or outliving the thread that made them, keep
//! working.

use common::testing::within;
use processes::ProcessPool;

use crate::{LIMIT, assert_reaped, pid_of_worker, square, wait_until};

#[test]
fn no_zombies_after_drop() {
    let pool = ProcessPool::new(3).unwrap();
    let pids = pool.worker_pids();
    let pool = within(LIMIT, move || {
        assert_eq!(pool.map(pid_of_worker, vec![(); 9]).unwrap().len(), 9);
        pool
    });
    within(LIMIT, move || drop(pool));
    pids.into_iter().for_each(assert_reaped);
}

#[test]
fn no_zombies_after_shutdown_and_queued_jobs_finish_first() {
    let pool = ProcessPool::new(2).unwrap();
    let pids = pool.worker_pids();
    let futures: Vec<_> = (0..100).map(|x| pool.submit(square, x).unwrap()).collect();
    within(LIMIT, move || pool.shutdown()).unwrap();
    // Shutdown waited for the queue: every result is there.
    let results: Vec<u64> = futures.into_iter().map(|f| f.result().unwrap()).collect();
    assert_eq!(results, (0..100).map(square).collect::<Vec<_>>());
    pids.into_iter().for_each(assert_reaped);
}

#[test]
fn pools_forked_side_by_side_shut_down_independently() {
    // Pool b's workers were forked while pool a's pipes were open; unless they
    // close what they inherited, pool a's workers never see end-of-file.
    let a = ProcessPool::new(2).unwrap();
    let b = ProcessPool::new(2).unwrap();
    let a_pids = a.worker_pids();
    within(LIMIT, move || a.shutdown()).unwrap();
    a_pids.into_iter().for_each(assert_reaped);
    assert_eq!(within(LIMIT, move || b.map(square, [5]).unwrap()), vec![25]);
}

#[test]
fn many_threads_create_pools_at_once() {
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let pool = ProcessPool::new(2).unwrap();
                let pids = pool.worker_pids();
                let out = pool.map(square, i * 10..i * 10 + 10).unwrap();
                pool.shutdown().unwrap();
                (pids, out)
            })
        })
        .collect();
    let results = within(LIMIT, move || {
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    });
    for (i, (pids, out)) in results.into_iter().enumerate() {
        let i = i as u64;
        assert_eq!(out, (i * 10..i * 10 + 10).map(square).collect::<Vec<_>>());
        pids.into_iter().for_each(assert_reaped);
    }
}

#[test]
fn a_pool_outlives_the_thread_that_created_it() {
    // On Linux `PR_SET_PDEATHSIG` fires when the *thread* that forked a
    // worker ends, not the process. A pool made on a short-lived thread and
    // handed on must keep its workers (elsewhere the watch is a pipe, which
    // belongs to the process: the test holds there too).
    let (pool, tid) = std::thread::spawn(|| (ProcessPool::new(2).unwrap(), thread_id()))
        .join()
        .unwrap();
    // `join` returns when the thread's stack is free, a little before the
    // kernel is done with the thread: wait until it has left /proc, by which
    // time any parent-death signal has been sent.
    if cfg!(target_os = "linux") {
        wait_until("the creating thread to be gone", || {
            !std::path::Path::new(&format!("/proc/self/task/{tid}")).exists()
        });
    }
    let pids = pool.worker_pids();
    let pool = within(LIMIT, move || {
        assert_eq!(pool.map(square, [2, 3, 4]).unwrap(), vec![4, 9, 16]);
        pool
    });
    assert_eq!(pool.broken(), None);
    within(LIMIT, move || pool.shutdown()).unwrap();
    pids.into_iter().for_each(assert_reaped);
}

/// The kernel's id of the calling thread (Linux's `gettid`), which names its
/// directory in `/proc/self/task`.
#[cfg(target_os = "linux")]
fn thread_id() -> i32 {
    nix::unistd::gettid().as_raw()
}

#[cfg(not(target_os = "linux"))]
fn thread_id() -> i32 {
    0 // not used: there is no /proc to watch
}
