//! The cases of `tests/mini.rs` about wakes, run on each loop as `super::mini`:
//! the order they queue tasks in, once per task, from other threads, and
//! from wakers that outlived their task or their loop.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use common::testing::within;

use super::mini;

/// Every wait on a wake is bounded: a lost wake-up fails the test, not the run.
const LIMIT: Duration = Duration::from_secs(30);

#[test]
fn tasks_take_turns_in_the_order_they_were_woken() {
    let turns = mini::block_on(async {
        let turns = Arc::new(Mutex::new(Vec::new()));
        let handles: Vec<_> = (0..3)
            .map(|n| {
                let turns = Arc::clone(&turns);
                mini::spawn(async move {
                    for _ in 0..2 {
                        turns.lock().unwrap().push(n);
                        mini::yield_now().await; // to the back of the queue
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
        Arc::try_unwrap(turns).unwrap().into_inner().unwrap()
    });
    assert_eq!(turns, [0, 1, 2, 0, 1, 2]);
}

#[test]
fn a_task_woken_three_times_in_one_poll_is_polled_once_more() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let seen = mini::block_on(async move {
        let _pending = mini::spawn(std::future::poll_fn(move |cx| {
            if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                (0..3).for_each(|_| cx.waker().wake_by_ref());
            }
            Poll::<()>::Pending
        }));
        // Enough turns for every place the task holds in the queue.
        for _ in 0..4 {
            mini::yield_now().await;
        }
        polls.load(Ordering::SeqCst)
    });
    assert_eq!(seen, 2, "in the ready queue once, however often woken");
}

#[test]
fn waking_a_finished_task_polls_nobody() {
    let kept = Arc::new(Mutex::new(None::<Waker>));
    let polls = Arc::new(AtomicUsize::new(0));
    let (slot, counted) = (Arc::clone(&kept), Arc::clone(&polls));
    mini::block_on(async move {
        let finished = mini::spawn(std::future::poll_fn(move |cx| {
            *slot.lock().unwrap() = Some(cx.waker().clone());
            Poll::Ready(())
        }));
        finished.await.unwrap();
        // A new task, maybe in the finished one's place (step 5 reuses slots).
        let _pending = mini::spawn(std::future::poll_fn(move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
            Poll::<()>::Pending
        }));
        mini::yield_now().await;
        kept.lock().unwrap().take().expect("a waker").wake();
        for _ in 0..3 {
            mini::yield_now().await;
        }
    });
    assert_eq!(polls.load(Ordering::SeqCst), 1, "polled by another's waker");
}

#[test]
fn a_task_that_always_yields_does_not_hold_up_a_timer() {
    within(LIMIT, || {
        mini::block_on(async {
            mini::spawn(async {
                loop {
                    mini::yield_now().await;
                }
            });
            mini::sleep(Duration::from_millis(1)).await; // woken from the timer's thread
        })
    });
}

#[test]
fn a_waker_kept_after_its_block_on_returned_does_nothing() {
    let kept = Arc::new(Mutex::new(None::<Waker>));
    let slot = Arc::clone(&kept);
    mini::block_on(async move {
        let task = mini::spawn(std::future::poll_fn(move |cx| {
            *slot.lock().unwrap() = Some(cx.waker().clone());
            Poll::Ready(())
        }));
        task.await.unwrap();
    });
    let waker = kept.lock().unwrap().take().expect("a waker");
    within(LIMIT, move || {
        waker.wake_by_ref(); // from no loop
        mini::block_on(async move { waker.wake() }); // from another loop
    });
}

/// A future completed by another thread: the thread starts only after the
/// first poll has stored the waker, so the wake really crosses threads.
struct FromThread {
    shared: Arc<Mutex<(Option<u32>, Option<Waker>)>>,
    polled: Option<mpsc::Sender<()>>,
}

impl Future for FromThread {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let mut shared = self.shared.lock().unwrap();
        if let Some(value) = shared.0 {
            return Poll::Ready(value);
        }
        shared.1 = Some(cx.waker().clone());
        drop(shared);
        if let Some(polled) = self.polled.take() {
            polled.send(()).unwrap();
        }
        Poll::Pending
    }
}

fn from_thread(value: u32) -> FromThread {
    let shared = Arc::new(Mutex::new((None, None::<Waker>)));
    let (polled, first_poll) = mpsc::channel();
    let remote = Arc::clone(&shared);
    std::thread::spawn(move || {
        first_poll
            .recv_timeout(Duration::from_secs(10))
            .expect("first poll");
        let waker = {
            let mut shared = remote.lock().unwrap();
            shared.0 = Some(value);
            shared.1.take()
        };
        waker.expect("a stored waker").wake();
    });
    FromThread {
        shared,
        polled: Some(polled),
    }
}

#[test]
fn wakes_from_another_thread_reach_the_main_future() {
    assert_eq!(within(LIMIT, || mini::block_on(from_thread(7))), 7);
}

#[test]
fn wakes_from_another_thread_reach_a_task() {
    let total = within(LIMIT, || {
        mini::block_on(async {
            let handles: Vec<_> = (1..=5).map(|n| mini::spawn(from_thread(n))).collect();
            let mut total = 0;
            for handle in handles {
                total += handle.await.unwrap();
            }
            total
        })
    });
    assert_eq!(total, 15);
}
