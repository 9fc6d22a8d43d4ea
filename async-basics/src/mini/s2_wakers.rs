//! Step 2: wakers. `block_on` sleeps until the future's waker is called.
//!
//! A future that returns `Pending` first hands a copy of its [`Waker`] (from
//! the [`Context`] of the poll) to whoever will let it go on: a timer,
//! another thread, a socket. They call `wake` when it can, and only then does
//! the executor poll it again. Here the waker unparks the thread that runs
//! `block_on`; a flag says it was called, because a parked thread may also
//! wake up for no reason (`thread::park` allows spurious wake-ups).
//!
//! What it lacks: one future per thread. Step 3 runs many tasks on one
//! thread, with a queue of those whose wakers were called.
//!
//! ```
//! use async_basics::mini::s2_wakers::block_on;
//! assert_eq!(block_on(async { 6 * 7 }), 42);
//! ```

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: waker
/// The waker of `block_on`'s future: wakes the thread that runs it.
struct ThreadWaker {
    thread: Thread,
    /// Set by `wake`, cleared by `block_on` before it polls again.
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Release: what the waker's caller did before is seen by the next poll.
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}
// ANCHOR_END: waker

// ANCHOR: block_on
/// Runs `future` to completion on this thread, asleep while it is pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let woken = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(Arc::clone(&woken));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // An unpark that came before this park is not lost: park returns at once.
        while !woken.woken.swap(false, Ordering::Acquire) {
            thread::park();
        }
    }
}
// ANCHOR_END: block_on
