//! The check of the 5.2 exercise: the waker of `async_basics::mini`'s tasks.

use std::future::poll_fn;
use std::panic;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use async_basics::mini;

use crate::PROMPTLY;

/// Runs `f` (a whole `mini::block_on`) on a thread of its own, and gives up
/// after a while instead of hanging with it; a panic in `f` goes on here.
fn bounded<T: Send + 'static>(
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, done) = mpsc::channel();
    let thread = thread::spawn(move || tx.send(f()).ok());
    match done.recv_timeout(PROMPTLY) {
        Ok(value) => Ok(value),
        Err(mpsc::RecvTimeoutError::Disconnected) => match thread.join() {
            Err(payload) => panic::resume_unwind(payload),
            Ok(_) => Err(format!("{what}: the loop's thread ended without an answer")),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "{what}: mini::block_on never returned. A task was woken, but never polled \
             again: wake must put it back on the ready queue (asyncio: loop.call_soon(task.step))"
        )),
    }
}

/// task_waker: a woken task is polled again, from the loop's own thread or
/// from another (the timer); however often it is woken before it runs, it
/// is in the ready queue once; a waker that outlives its loop does nothing.
pub(crate) fn task_waker() -> Result<(), String> {
    let slept = bounded("a task that sleeps 1 ms", || {
        mini::block_on(async {
            let sleeper = mini::spawn(async {
                mini::sleep(Duration::from_millis(1)).await; // woken by the timer thread
                7
            });
            sleeper.await
        })
    })?;
    if slept != Ok(7) {
        return Err(format!("a spawned task returning 7 gave {slept:?}"));
    }
    let polls = bounded("a task that wakes itself 3 times", polls_after_three_wakes)?;
    if polls != 2 {
        return Err(format!(
            "a task that woke itself 3 times in one poll was polled {polls} times before \
             anything else woke it, not 2: it was in the ready queue {} times at once. asyncio \
             schedules a task once however often it is woken: queue it only if `queued` was \
             false, and set it in the same step (swap)",
            polls - 1
        ));
    }
    let kept = Arc::new(Mutex::new(None::<Waker>));
    let slot = Arc::clone(&kept);
    bounded("keeping a waker", move || {
        mini::block_on(async move {
            let task = mini::spawn(poll_fn(move |cx| {
                *slot.lock().unwrap() = Some(cx.waker().clone());
                Poll::Ready(())
            }));
            task.await.ok()
        })
    })?;
    let waker = kept.lock().unwrap().take().ok_or("the task never ran")?;
    bounded("waking a task after its block_on returned", move || {
        waker.wake()
    })
    .map_err(|e| format!("{e} (it should do nothing: the loop is closed)"))
}

/// A task wakes itself 3 times in its first poll, then waits for `stop`;
/// how many times it was polled after the loop had run everything else.
fn polls_after_three_wakes() -> usize {
    let polls = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let slot = Arc::new(Mutex::new(None::<Waker>));
    let (counted, stopped, kept) = (Arc::clone(&polls), Arc::clone(&stop), Arc::clone(&slot));
    let task = poll_fn(move |cx| {
        let n = counted.fetch_add(1, Ordering::SeqCst) + 1;
        if stopped.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        if n == 1 {
            (0..3).for_each(|_| cx.waker().wake_by_ref());
        }
        *kept.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    });
    mini::block_on(async move {
        let handle = mini::spawn(task);
        // Give way often enough for every queued turn of the task to run.
        for _ in 0..4 {
            mini::yield_now().await;
        }
        let seen = polls.load(Ordering::SeqCst);
        stop.store(true, Ordering::SeqCst);
        let waker = slot.lock().unwrap().take();
        waker.expect("the task was polled").wake();
        handle.await.expect("the task finished");
        seen
    })
}
