//! What [`spawn`](super::spawn) hands back: a [`JoinHandle`] that gives the
//! task's output when awaited, or `Err(`[`Cancelled`]`)` if the task was
//! dropped unfinished. It knows nothing of the loop: the task's future holds
//! a [`TaskEnd`], and whatever ends that future, finishing or being dropped,
//! fills the slot and wakes whoever awaits the handle.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What the task and its handle share.
struct JoinSlot<T> {
    /// Set when the task's future is gone: finished, or dropped unfinished.
    result: Option<Result<T, Cancelled>>,
    waiter: Option<Waker>,
}

/// The two ends of one task's result: the task's future keeps the first.
pub(super) fn handle<T>() -> (TaskEnd<T>, JoinHandle<T>) {
    let slot = Arc::new(Mutex::new(JoinSlot {
        result: None,
        waiter: None,
    }));
    (TaskEnd(Arc::clone(&slot)), JoinHandle { slot })
}

/// Held by a task's future: dropped when the task ends, finished or not.
pub(super) struct TaskEnd<T>(Arc<Mutex<JoinSlot<T>>>);

impl<T> TaskEnd<T> {
    /// The task returned `output`: hand it over (the drop that follows wakes the waiter).
    pub(super) fn finish(self, output: T) {
        self.0.lock().unwrap().result = Some(Ok(output));
    }
}

impl<T> Drop for TaskEnd<T> {
    fn drop(&mut self) {
        let waiter = {
            let mut slot = self.0.lock().unwrap();
            slot.result.get_or_insert(Err(Cancelled)); // unless it finished
            slot.waiter.take()
        };
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }
}

/// Awaiting it gives the task's output (≈ awaiting an `asyncio.Task`), or
/// `Err(Cancelled)` if its [`block_on`](super::block_on) ended first. tokio's
/// `JoinHandle` also gives a `Result`.
pub struct JoinHandle<T> {
    slot: Arc<Mutex<JoinSlot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.slot.lock().unwrap();
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A task was dropped unfinished: its [`block_on`](super::block_on) returned
/// first (≈ asyncio's `CancelledError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("task dropped unfinished: its mini::block_on returned first")
    }
}

impl std::error::Error for Cancelled {}
