//! The cases of `tests/mini_drops.rs`, run on each loop as `super::mini`.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Waker};
use std::time::Duration;

use common::testing::within;

use super::mini;

const LIMIT: Duration = Duration::from_secs(10);

/// Sets its flag when dropped: proof that what owned it is gone.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn unfinished_tasks_are_dropped_when_block_on_returns() {
    let dropped = Arc::new(AtomicBool::new(false));
    mini::block_on({
        let flag = DropFlag(Arc::clone(&dropped));
        async move {
            mini::spawn(async move {
                let _flag = flag;
                loop {
                    mini::yield_now().await;
                }
            });
            mini::yield_now().await;
        }
    });
    assert!(dropped.load(Ordering::SeqCst));
}

#[test]
fn a_sleeping_task_is_dropped_when_block_on_returns() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = DropFlag(Arc::clone(&dropped));
    let asleep = within(LIMIT, move || {
        mini::block_on(async move {
            let asleep = Arc::new(AtomicBool::new(false));
            let reached = Arc::clone(&asleep);
            mini::spawn(async move {
                let _flag = flag;
                reached.store(true, Ordering::SeqCst);
                mini::sleep(Duration::from_secs(3600)).await;
            });
            // The task was queued first: it runs, and falls asleep, before this returns.
            mini::yield_now().await;
            asleep.load(Ordering::SeqCst)
        })
    });
    assert!(asleep, "the task reached its sleep");
    assert!(
        dropped.load(Ordering::SeqCst),
        "the sleeping task was dropped"
    );
}

#[test]
fn a_task_awaiting_an_unfinished_task_is_dropped() {
    let (waiter_dropped, awaited_dropped) = (Arc::default(), Arc::default());
    let waiter_flag = DropFlag(Arc::clone(&waiter_dropped));
    let awaited_flag = DropFlag(Arc::clone(&awaited_dropped));
    within(LIMIT, move || {
        mini::block_on(async move {
            let awaited = mini::spawn(async move {
                let _flag = awaited_flag;
                std::future::pending::<()>().await;
            });
            mini::spawn(async move {
                let _flag = waiter_flag;
                let _ = awaited.await;
            });
            // Both run once: one pends for good, the other awaits it.
            mini::yield_now().await;
        })
    });
    assert!(
        awaited_dropped.load(Ordering::SeqCst),
        "the awaited task was dropped"
    );
    assert!(
        waiter_dropped.load(Ordering::SeqCst),
        "the awaiting task was dropped"
    );
}

#[test]
fn awaiting_a_task_its_loop_dropped_gives_cancelled() {
    #[expect(
        clippy::async_yields_async,
        reason = "the handle leaves its loop on purpose"
    )]
    let handle = mini::block_on(async { mini::spawn(std::future::pending::<u32>()) });
    let result = within(LIMIT, move || mini::block_on(handle));
    assert_eq!(result, Err(mini::Cancelled));
}

/// A waker that counts how many of its kind have been dropped.
struct CountDrops(Arc<AtomicUsize>);

impl std::task::Wake for CountDrops {
    fn wake(self: Arc<Self>) {}
}

impl Drop for CountDrops {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn a_dropped_sleep_gives_the_timer_back_its_waker() {
    let dropped = Arc::new(AtomicUsize::new(0));
    for i in 0..1_000 {
        let waker = Waker::from(Arc::new(CountDrops(Arc::clone(&dropped))));
        let mut sleep = Box::pin(mini::sleep(Duration::from_secs(3600)));
        assert!(
            sleep
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        assert_eq!(
            dropped.load(Ordering::SeqCst),
            i,
            "the timer holds the waker"
        );
        drop(sleep);
        assert_eq!(
            dropped.load(Ordering::SeqCst),
            i + 1,
            "sleep {i} let go of it"
        );
    }
}

#[test]
fn a_task_awaiting_from_another_thread_hears_when_the_loop_drops_it() {
    let (give_handle, handles) = mpsc::channel::<mini::JoinHandle<u32>>();
    let (tell_polled, polled) = mpsc::channel();
    // Another thread's loop awaits the handle, and tells us once it waits.
    let awaiter = std::thread::spawn(move || {
        let mut handle = handles.recv_timeout(LIMIT).expect("a handle");
        let mut first = true;
        mini::block_on(std::future::poll_fn(move |cx| {
            let result = Pin::new(&mut handle).poll(cx);
            if std::mem::take(&mut first) {
                tell_polled.send(()).unwrap();
            }
            result
        }))
    });
    mini::block_on(async move {
        give_handle
            .send(mini::spawn(std::future::pending::<u32>()))
            .unwrap();
        // Blocks this loop on purpose: the awaiter must be waiting before it ends.
        polled.recv_timeout(LIMIT).expect("the awaiter polled");
    });
    let result = within(LIMIT, move || awaiter.join().unwrap());
    assert_eq!(result, Err(mini::Cancelled));
}

#[test]
fn a_panicking_task_still_drops_the_rest_and_ends_its_handles() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = DropFlag(Arc::clone(&dropped));
    let (give_handles, handles) = mpsc::channel();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        mini::block_on(async move {
            let sleeper = mini::spawn(async move {
                let _flag = flag;
                mini::sleep(Duration::from_secs(3600)).await;
            });
            let panicker = mini::spawn(async { panic!("a task panics (expected)") });
            give_handles.send((sleeper, panicker)).unwrap();
            std::future::pending::<()>().await
        })
    }));
    assert!(caught.is_err(), "the task's panic came out of block_on");
    assert!(
        dropped.load(Ordering::SeqCst),
        "the sleeping task was dropped"
    );
    let (sleeper, panicker) = handles.recv().unwrap();
    let results = within(LIMIT, move || {
        mini::block_on(async { (sleeper.await, panicker.await) })
    });
    assert_eq!(results, (Err(mini::Cancelled), Err(mini::Cancelled)));
}
