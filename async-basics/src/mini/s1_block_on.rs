//! Step 1: `block_on` with one future, polled until it is ready.
//!
//! A future is a state machine that runs only when polled: each
//! [`Future::poll`] runs it to its next `.await` that cannot finish yet
//! (`Pending`) or to its end (`Ready`). The smallest executor polls it again
//! and again. A Python coroutine is driven the same way, by `coro.send(None)`
//! until it raises `StopIteration`.
//!
//! What it lacks: it never waits. A future waiting a second for a timer or
//! another thread is polled over and over meanwhile, and one CPU stays busy
//! doing nothing useful. Step 2 sleeps until the future says it can go on.
//!
//! ```
//! use async_basics::mini::s1_block_on::block_on;
//! assert_eq!(block_on(async { 6 * 7 }), 42);
//! ```

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: block_on
/// Runs `future` to completion on this thread, polling it until it is ready.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // Pinned: once polled, a future must stay where it is (it may point into itself).
    let mut future = pin!(future);
    // A waker that does nothing: this loop polls again without being told to.
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::yield_now(); // let other threads (the one we wait for) run
    }
}
// ANCHOR_END: block_on
