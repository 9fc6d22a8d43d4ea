//! Barrier, checked against what CPython documents: distinct indices, the
//! action once per cycle, timeouts, abort and reset.

use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use sync_primitives::{Barrier, BrokenBarrierError};

const BOUND: Duration = Duration::from_secs(10);

/// Spins (yielding) until `barrier` has `n` waiters, or fails after BOUND.
fn until_waiting(barrier: &Barrier, n: usize) {
    let started = Instant::now();
    while barrier.n_waiting() != n {
        assert!(started.elapsed() < BOUND, "never reached {n} waiters");
        thread::yield_now();
    }
}

#[test]
#[should_panic(expected = "at least one party")]
fn zero_parties_is_refused() {
    let _ = Barrier::new(0);
}

#[test]
fn one_party_passes_at_once_with_index_zero() {
    let barrier = Barrier::new(1);
    assert_eq!(barrier.parties(), 1);
    assert_eq!(barrier.wait(), Ok(0));
    assert_eq!(barrier.wait_timeout(Duration::ZERO), Ok(0));
}

#[test]
fn indices_are_distinct_in_every_cycle_and_the_action_runs_once_per_cycle() {
    const PARTIES: usize = 5;
    const CYCLES: usize = 50;
    let actions = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&actions);
    let barrier = Barrier::with_action(PARTIES, move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let per_thread: Vec<Vec<usize>> = thread::scope(|s| {
        let handles: Vec<_> = (0..PARTIES)
            .map(|_| {
                s.spawn(|| {
                    (0..CYCLES)
                        .map(|_| barrier.wait_timeout(BOUND).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for cycle in 0..CYCLES {
        let mut indices: Vec<usize> = per_thread.iter().map(|t| t[cycle]).collect();
        indices.sort_unstable();
        assert_eq!(indices, (0..PARTIES).collect::<Vec<_>>(), "cycle {cycle}");
    }
    assert_eq!(actions.load(Ordering::SeqCst), CYCLES);
    assert!(!barrier.is_broken());
}

#[test]
fn the_action_runs_before_anyone_is_released() {
    let done = Arc::new(AtomicUsize::new(0));
    let in_action = Arc::clone(&done);
    let barrier = Barrier::with_action(3, move || {
        in_action.store(1, Ordering::SeqCst);
    });
    thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                barrier.wait().unwrap();
                assert_eq!(done.load(Ordering::SeqCst), 1);
            });
        }
    });
}

#[test]
fn the_action_may_look_at_its_own_barrier() {
    // The action runs without the barrier's lock held, so this cannot deadlock.
    let seen = Arc::new(AtomicUsize::new(usize::MAX));
    let barrier = Arc::new_cyclic(|weak: &std::sync::Weak<Barrier>| {
        let (weak, seen) = (weak.clone(), Arc::clone(&seen));
        Barrier::with_action(2, move || {
            let barrier = weak.upgrade().unwrap();
            seen.store(barrier.n_waiting(), Ordering::SeqCst);
        })
    });
    thread::scope(|s| {
        s.spawn(|| barrier.wait().unwrap());
        barrier.wait().unwrap();
    });
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[test]
fn n_waiting_counts_the_threads_inside() {
    let barrier = Barrier::new(3);
    thread::scope(|s| {
        s.spawn(|| barrier.wait().unwrap());
        until_waiting(&barrier, 1);
        s.spawn(|| barrier.wait().unwrap());
        until_waiting(&barrier, 2);
        barrier.wait().unwrap();
    });
    assert_eq!(barrier.n_waiting(), 0);
}

#[test]
fn a_timeout_breaks_the_barrier_for_everyone() {
    let barrier = Barrier::new(3);
    thread::scope(|s| {
        let other = s.spawn(|| barrier.wait_timeout(BOUND));
        until_waiting(&barrier, 1);
        assert_eq!(
            barrier.wait_timeout(Duration::from_millis(20)),
            Err(BrokenBarrierError)
        );
        assert_eq!(other.join().unwrap(), Err(BrokenBarrierError));
    });
    assert!(barrier.is_broken());
    // Broken until reset: later arrivals fail at once.
    assert_eq!(barrier.wait(), Err(BrokenBarrierError));
    barrier.reset();
    assert!(!barrier.is_broken());
}

#[test]
fn a_slow_action_does_not_time_out_a_complete_cycle() {
    // The sleep only makes the action outlast the waiter's deadline; the test
    // passes or fails the same way however the threads are scheduled.
    let barrier = Barrier::with_action(2, || thread::sleep(Duration::from_millis(150)));
    thread::scope(|s| {
        let waiter = s.spawn(|| barrier.wait_timeout(Duration::from_millis(50)));
        until_waiting(&barrier, 1);
        assert_eq!(barrier.wait(), Ok(1));
        assert_eq!(waiter.join().unwrap(), Ok(0));
    });
    assert!(!barrier.is_broken());
}

#[test]
fn abort_breaks_current_and_future_waiters_until_reset() {
    let barrier = Barrier::new(2);
    thread::scope(|s| {
        let waiter = s.spawn(|| barrier.wait());
        until_waiting(&barrier, 1);
        barrier.abort();
        assert_eq!(waiter.join().unwrap(), Err(BrokenBarrierError));
    });
    assert!(barrier.is_broken());
    assert_eq!(barrier.n_waiting(), 0);
    assert_eq!(barrier.wait_timeout(BOUND), Err(BrokenBarrierError));
    barrier.reset();
    thread::scope(|s| {
        s.spawn(|| barrier.wait().unwrap());
        barrier.wait().unwrap();
    });
}

#[test]
fn reset_breaks_current_waiters_and_the_barrier_works_again() {
    let barrier = Barrier::new(3);
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        for _ in 0..2 {
            let tx = tx.clone();
            let barrier = &barrier;
            s.spawn(move || tx.send(barrier.wait_timeout(BOUND)).unwrap());
        }
        until_waiting(&barrier, 2);
        barrier.reset();
        for _ in 0..2 {
            assert_eq!(rx.recv_timeout(BOUND).unwrap(), Err(BrokenBarrierError));
        }
    });
    assert!(!barrier.is_broken());
    let mut indices: Vec<usize> = thread::scope(|s| {
        let handles: Vec<_> = (0..3).map(|_| s.spawn(|| barrier.wait())).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap().unwrap())
            .collect()
    });
    indices.sort_unstable();
    assert_eq!(indices, [0, 1, 2]);
}

#[test]
fn a_panicking_action_breaks_the_barrier_and_the_panic_goes_on() {
    let barrier = Barrier::with_action(2, || panic!("action failed"));
    thread::scope(|s| {
        let waiter = s.spawn(|| barrier.wait());
        until_waiting(&barrier, 1);
        let last = panic::catch_unwind(panic::AssertUnwindSafe(|| barrier.wait()));
        let payload = last.expect_err("the action's panic was swallowed");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"action failed"));
        assert_eq!(waiter.join().unwrap(), Err(BrokenBarrierError));
    });
    assert!(barrier.is_broken());
}

#[test]
fn errors_read_well() {
    let message = BrokenBarrierError.to_string();
    assert!(message.contains("barrier is broken"), "{message}");
    let _: &dyn std::error::Error = &BrokenBarrierError;
    assert!(format!("{:?}", Barrier::new(2)).contains("parties: 2"));
}
