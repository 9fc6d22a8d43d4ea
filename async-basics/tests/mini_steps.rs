//! The first steps of the event loop from scratch, each what it adds and
//! what it lacks. (Steps 4 and 5 run every case of `tests/mini.rs` and
//! `tests/mini_drops.rs`.)

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use async_basics::mini::{self, s1_block_on, s2_wakers, s3_spawn};
use common::testing::within;

const LIMIT: Duration = Duration::from_secs(10);

/// Ready on its third poll, and never calls its waker.
fn ready_on_third_poll(polls: &AtomicUsize) -> impl Future<Output = usize> {
    poll_fn(move |_| match polls.fetch_add(1, Ordering::SeqCst) + 1 {
        3 => Poll::Ready(3),
        _ => Poll::Pending,
    })
}

#[test]
fn step_1_polls_until_ready_without_being_woken() {
    assert_eq!(s1_block_on::block_on(async { 6 * 7 }), 42);
    let polls = AtomicUsize::new(0);
    assert_eq!(s1_block_on::block_on(ready_on_third_poll(&polls)), 3);
}

/// Pending until another thread sets its value and calls the stored waker;
/// counts its polls.
struct SetByThread {
    shared: Arc<Mutex<(Option<u32>, Option<Waker>)>>,
    polls: usize,
}

impl Future for SetByThread {
    type Output = (u32, usize);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(u32, usize)> {
        self.polls += 1;
        let mut shared = self.shared.lock().unwrap();
        if let Some(value) = shared.0 {
            return Poll::Ready((value, self.polls));
        }
        shared.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// A [`SetByThread`] whose thread sets 7 once the first poll left a waker.
fn set_by_thread() -> SetByThread {
    let shared = Arc::new(Mutex::new((None, None::<Waker>)));
    let remote = Arc::clone(&shared);
    thread::spawn(move || {
        let waker = loop {
            let mut shared = remote.lock().unwrap();
            if let Some(waker) = shared.1.take() {
                shared.0 = Some(7);
                break waker;
            }
            drop(shared);
            thread::yield_now();
        };
        waker.wake();
    });
    SetByThread { shared, polls: 0 }
}

#[test]
fn step_2_sleeps_until_woken_and_polls_once_per_wake() {
    let (value, polls) = within(LIMIT, || s2_wakers::block_on(set_by_thread()));
    assert_eq!(value, 7);
    // Pending, then Ready after the one wake: a spurious return of `park` polls nothing.
    assert_eq!(polls, 2);
}

#[test]
fn step_2_polls_once_more_however_often_woken() {
    let polls = AtomicUsize::new(0);
    let output = s2_wakers::block_on(poll_fn(|cx| {
        if polls.fetch_add(1, Ordering::SeqCst) == 0 {
            (0..3).for_each(|_| cx.waker().wake_by_ref());
            return Poll::Pending;
        }
        Poll::Ready("done")
    }));
    assert_eq!((output, polls.load(Ordering::SeqCst)), ("done", 2));
}

#[test]
fn step_3_runs_spawned_tasks_in_turn_and_gives_their_outputs() {
    let (turns, outputs) = within(LIMIT, || {
        s3_spawn::block_on(async {
            let turns = Arc::new(Mutex::new(Vec::new()));
            let handles: Vec<_> = (0..3)
                .map(|n| {
                    let turns = Arc::clone(&turns);
                    s3_spawn::spawn(async move {
                        for _ in 0..2 {
                            turns.lock().unwrap().push(n);
                            s3_spawn::yield_now().await;
                        }
                        n * 10
                    })
                })
                .collect();
            let mut outputs = Vec::new();
            for handle in handles {
                outputs.push(handle.await.unwrap());
            }
            let turns = turns.lock().unwrap().clone();
            (turns, outputs)
        })
    });
    assert_eq!(turns, [0, 1, 2, 0, 1, 2]);
    assert_eq!(outputs, [0, 10, 20]);
    let from_thread = within(LIMIT, || {
        s3_spawn::block_on(async { s3_spawn::spawn(set_by_thread()).await.unwrap() })
    });
    assert_eq!(from_thread.0, 7);
}

/// Sets its flag when dropped.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// What step 4 fixes: in step 3 a task asleep in the timer outlives its
/// `block_on`, because the timer holds its waker, and the waker is the task.
#[test]
fn step_3_keeps_a_sleeping_task_alive_after_block_on_returns() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = DropFlag(Arc::clone(&dropped));
    s3_spawn::block_on(async move {
        s3_spawn::spawn(async move {
            let _flag = flag;
            mini::sleep(Duration::from_secs(3600)).await;
        });
        s3_spawn::yield_now().await; // the task runs, and falls asleep
    });
    assert!(!dropped.load(Ordering::SeqCst), "step 3 dropped it");
}
