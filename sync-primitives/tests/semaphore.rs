//! Semaphore conformance, checked against what CPython documents, on both
//! steps: `Semaphore` (step 1, a lock around the count) and `FastSemaphore`
//! (step 2, an atomic count). Each test is written once, generic over
//! [`Sem`], and run on each step (`step1::…` and `step2::…`).
//! (BoundedSemaphore's own tests are in bounded_semaphore.rs.)
//!
//! Threads are ordered with channels and (Linux) the thread states in
//! /proc/self/task, never with sleep; every wait is bounded.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use sync_primitives::{FastSemaphore, Semaphore};

/// Long enough to never fire on a healthy run, short enough to fail a hang.
const BOUND: Duration = Duration::from_secs(10);
/// How long we watch for something that must NOT happen.
const QUIET: Duration = Duration::from_millis(200);

/// What both steps offer: Python's `Semaphore` API.
trait Sem: Sync + Sized {
    const MAX_PERMITS: usize;
    fn new(value: usize) -> Self;
    fn acquire(&self);
    fn try_acquire(&self) -> bool;
    fn acquire_timeout(&self, timeout: Duration) -> bool;
    fn release(&self);
    fn release_n(&self, n: usize);
    fn value(&self) -> usize;
    fn permit(&self) -> impl Sized + '_;
}

macro_rules! impl_sem {
    ($($step:ty),*) => {$(
        impl Sem for $step {
            const MAX_PERMITS: usize = <$step>::MAX_PERMITS;
            fn new(value: usize) -> Self { <$step>::new(value) }
            fn acquire(&self) { <$step>::acquire(self) }
            fn try_acquire(&self) -> bool { <$step>::try_acquire(self) }
            fn acquire_timeout(&self, timeout: Duration) -> bool { <$step>::acquire_timeout(self, timeout) }
            fn release(&self) { <$step>::release(self) }
            fn release_n(&self, n: usize) { <$step>::release_n(self, n) }
            fn value(&self) -> usize { <$step>::value(self) }
            fn permit(&self) -> impl Sized + '_ { <$step>::permit(self) }
        }
    )*};
}
impl_sem!(Semaphore, FastSemaphore);

/// A `#[test]` per step for each generic test named: `step1::name` runs it
/// on `Semaphore`, `step2::name` on `FastSemaphore`.
macro_rules! on_both_steps {
    ($($test:ident),* $(,)?) => {
        mod step1 { $( #[test] fn $test() { super::$test::<sync_primitives::Semaphore>() } )* }
        mod step2 { $( #[test] fn $test() { super::$test::<sync_primitives::FastSemaphore>() } )* }
    };
}

on_both_steps!(
    try_acquire_takes_only_free_permits,
    zero_permits_times_out_and_a_release_lets_one_through,
    a_huge_timeout_is_a_plain_wait,
    release_may_grow_a_plain_semaphore_past_its_start,
    permit_releases_on_drop,
    contended_semaphore_never_admits_more_than_its_value,
    a_blocked_acquire_is_woken_by_release,
    release_n_of_a_huge_count_returns_at_once,
    releases_from_many_threads_wake_every_waiter,
);

fn try_acquire_takes_only_free_permits<S: Sem>() {
    let sem = S::new(2);
    assert!(sem.try_acquire());
    assert!(sem.try_acquire());
    assert!(!sem.try_acquire());
    assert_eq!(sem.value(), 0);
    sem.release();
    assert_eq!(sem.value(), 1);
}

fn zero_permits_times_out_and_a_release_lets_one_through<S: Sem>() {
    let sem = S::new(0);
    assert!(!sem.acquire_timeout(Duration::from_millis(20)));
    assert!(!sem.acquire_timeout(Duration::ZERO));
    sem.release();
    assert!(sem.acquire_timeout(Duration::ZERO));
    assert_eq!(sem.value(), 0);
}

fn a_huge_timeout_is_a_plain_wait<S: Sem>() {
    let sem = S::new(1);
    assert!(sem.acquire_timeout(Duration::MAX));
}

fn release_may_grow_a_plain_semaphore_past_its_start<S: Sem>() {
    let sem = S::new(1);
    sem.release();
    sem.release_n(3);
    assert_eq!(sem.value(), 5);
}

fn permit_releases_on_drop<S: Sem>() {
    let sem = S::new(1);
    {
        let _permit = sem.permit();
        assert_eq!(sem.value(), 0);
    }
    assert_eq!(sem.value(), 1);
}

fn contended_semaphore_never_admits_more_than_its_value<S: Sem>() {
    const WORKERS: usize = 8;
    const ROUNDS: usize = 2_000;
    let sem = S::new(3);
    let inside = AtomicUsize::new(0);
    let most = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                for _ in 0..ROUNDS {
                    let _permit = sem.permit();
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    thread::yield_now();
                    inside.fetch_sub(1, Ordering::SeqCst);
                }
            });
        }
    });
    assert!(most.load(Ordering::SeqCst) <= 3);
    assert_eq!(sem.value(), 3);
}

fn a_blocked_acquire_is_woken_by_release<S: Sem>() {
    let sem = S::new(0);
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        s.spawn(|| {
            sem.acquire();
            tx.send(()).unwrap();
        });
        assert!(rx.recv_timeout(QUIET).is_err(), "got in without a permit");
        sem.release();
        rx.recv_timeout(BOUND)
            .expect("release did not wake the waiter");
    });
}

fn release_n_of_a_huge_count_returns_at_once<S: Sem>() {
    // It wakes the sleepers there are (none), not one per permit.
    let sem = S::new(0);
    sem.release_n(S::MAX_PERMITS);
    assert_eq!(sem.value(), S::MAX_PERMITS);
    assert!(sem.try_acquire());
}

/// Four waiters, four releasers, in every order the scheduler picks: every
/// waiter gets in (a lost wake-up would leave one asleep until `BOUND`).
fn releases_from_many_threads_wake_every_waiter<S: Sem>() {
    const PAIRS: usize = 4;
    for _ in 0..200 {
        let sem = S::new(0);
        thread::scope(|s| {
            for _ in 0..PAIRS {
                s.spawn(|| assert!(sem.acquire_timeout(BOUND), "a waiter was never woken"));
                s.spawn(|| sem.release());
            }
        });
        assert_eq!(sem.value(), 0);
    }
}

#[test]
#[should_panic(expected = "semaphore count overflowed")]
fn step1_release_past_the_largest_count_panics() {
    let sem = Semaphore::new(Semaphore::MAX_PERMITS);
    sem.release();
}

#[test]
#[should_panic(expected = "semaphore count overflowed")]
fn step2_release_past_the_largest_count_panics() {
    let sem = FastSemaphore::new(FastSemaphore::MAX_PERMITS);
    sem.release();
}

/// The tests that order threads by their state in `/proc`: Linux only, where
/// they cannot pass without it (a missing `/proc` fails them at `BOUND`).
#[cfg(target_os = "linux")]
mod linux {
    use std::time::Instant;

    use common::testing::{sleeping_threads, within};

    use super::*;

    on_both_steps!(
        three_permits_let_exactly_three_in_and_keep_the_rest_waiting,
        release_n_wakes_exactly_as_many_waiters_as_permits,
    );

    /// Waits until `n` threads called `name` are asleep.
    fn until_asleep(name: &str, n: usize) {
        let started = Instant::now();
        while sleeping_threads(name) < n {
            assert!(started.elapsed() < BOUND, "{name}: never {n} asleep");
            thread::yield_now();
        }
    }

    fn three_permits_let_exactly_three_in_and_keep_the_rest_waiting<S: Sem + 'static>() {
        // The `semaphore` example's "reaches 3", made certain: the first three in
        // stay until `leave` closes, and it closes only once all ten threads are
        // asleep, three inside and seven in `acquire`.
        const WORKERS: usize = 10;
        const LIMIT: usize = 3;
        within(BOUND, || {
            let sem = S::new(LIMIT);
            let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let (entered_tx, entered_rx) = mpsc::channel();
            let (leave_tx, leave_rx) = crossbeam::channel::bounded::<()>(0);
            thread::scope(|s| {
                for _ in 0..WORKERS {
                    let (sem, inside, most) = (&sem, &inside, &most);
                    let (entered, leave) = (entered_tx.clone(), leave_rx.clone());
                    let worker = move || {
                        let _permit = sem.permit();
                        most.fetch_max(inside.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                        entered.send(()).unwrap();
                        assert!(leave.recv().is_err(), "`leave` is only ever closed");
                        inside.fetch_sub(1, Ordering::SeqCst);
                    };
                    thread::Builder::new()
                        .name("sem-worker".into())
                        .spawn_scoped(s, worker)
                        .unwrap();
                }
                for _ in 0..LIMIT {
                    entered_rx.recv_timeout(BOUND).expect("fewer than 3 got in");
                }
                until_asleep("sem-worker", WORKERS);
                assert_eq!(inside.load(Ordering::SeqCst), LIMIT);
                assert!(entered_rx.try_recv().is_err(), "a 4th got in on 3 permits");
                assert_eq!(sem.value(), 0);
                drop(leave_tx); // now everyone may go, in turn
                for _ in LIMIT..WORKERS {
                    entered_rx
                        .recv_timeout(BOUND)
                        .expect("a waiter was never let in");
                }
            });
            assert_eq!(most.into_inner(), LIMIT, "three at once, never more");
            assert_eq!(sem.value(), LIMIT);
        });
    }

    fn release_n_wakes_exactly_as_many_waiters_as_permits<S: Sem>() {
        const WAITERS: usize = 5;
        let sem = S::new(0);
        let (tx, rx) = mpsc::channel();
        thread::scope(|s| {
            for id in 0..WAITERS {
                let (sem, tx) = (&sem, tx.clone());
                thread::Builder::new()
                    .name("sem-waiter".into())
                    .spawn_scoped(s, move || {
                        if sem.acquire_timeout(BOUND) {
                            tx.send(id).unwrap();
                        }
                    })
                    .unwrap();
            }
            // Release only once all are asleep, so each permit needs a
            // wakeup: a release_n that woke fewer would strand a permit.
            until_asleep("sem-waiter", WAITERS);
            sem.release_n(3);
            for _ in 0..3 {
                rx.recv_timeout(BOUND)
                    .expect("release_n(3) woke fewer than 3");
            }
            assert!(rx.recv_timeout(QUIET).is_err(), "a 4th got in on 3 permits");
            assert_eq!(sem.value(), 0);
            sem.release_n(2);
            for _ in 0..2 {
                rx.recv_timeout(BOUND)
                    .expect("release_n(2) woke fewer than 2");
            }
        });
        assert_eq!(sem.value(), 0);
    }
}
