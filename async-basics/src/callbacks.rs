//! `Task.add_done_callback` for a tokio task.
//!
//! In asyncio a callback receives the finished task and asks it how it ended:
//! `task.cancelled()`, `task.exception()`, `task.result()`. Here the callback
//! receives an [`Outcome`] saying the same. The loop calls it once, after the
//! task is done, on the loop itself (asyncio schedules it with `call_soon`).
//!
//! Rust code seldom needs this: awaiting the `JoinHandle` gives the same
//! outcome at a point you choose, with no closure and no shared state. The
//! helper below is itself nothing but a small task that awaits.
//!
//! **What you would ship:** no callback: a production program awaits the
//! `JoinHandle` where it needs the outcome (or does the follow-up at the end
//! of the task itself). The course builds [`add_done_callback`] only to show
//! what asyncio's callbacks amount to.
//!
//! ```
//! use std::sync::mpsc;
//! use async_basics::callbacks::{add_done_callback, Outcome};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let (tx, rx) = mpsc::channel();
//! let task = tokio::spawn(async { 6 * 7 });
//! let callback = add_done_callback(task, move |outcome| tx.send(outcome).unwrap());
//! callback.await.unwrap();
//! assert_eq!(rx.recv().unwrap(), Outcome::Finished(42));
//! # });
//! ```

use tokio::task::{JoinError, JoinHandle};

/// How a task ended, as a done-callback sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    /// It returned a value (asyncio: `task.result()`).
    Finished(T),
    /// It was aborted before it finished (asyncio: `task.cancelled()` is true).
    Cancelled,
    /// It panicked, with this message (asyncio: `task.exception()` is set).
    Panicked(String),
}

impl<T> From<Result<T, JoinError>> for Outcome<T> {
    fn from(result: Result<T, JoinError>) -> Self {
        match result {
            Ok(value) => Outcome::Finished(value),
            Err(error) if error.is_cancelled() => Outcome::Cancelled,
            Err(error) => {
                let payload = error.into_panic();
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic with a non-text payload".to_string());
                Outcome::Panicked(message)
            }
        }
    }
}

/// Runs `callback` once when `task` ends, with how it ended
/// (≈ `task.add_done_callback(callback)`).
///
/// It takes the `JoinHandle`, so keep `task.abort_handle()` first if you may
/// cancel the task later. The returned handle is the watcher's: await it to
/// know the callback has run. The callback runs on the runtime: keep it short
/// and non-blocking, as in asyncio.
///
/// ```
/// use std::sync::atomic::{AtomicBool, Ordering};
/// use std::sync::Arc;
/// use async_basics::callbacks::{add_done_callback, Outcome};
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let saw_cancel = Arc::new(AtomicBool::new(false));
/// let flag = Arc::clone(&saw_cancel);
/// let task = tokio::spawn(tokio::time::sleep(std::time::Duration::from_secs(60)));
/// let cancel = task.abort_handle();
/// let watcher = add_done_callback(task, move |outcome| {
///     flag.store(outcome == Outcome::Cancelled, Ordering::SeqCst);
/// });
/// cancel.abort(); // ≈ task.cancel()
/// watcher.await.unwrap();
/// assert!(saw_cancel.load(Ordering::SeqCst));
/// # });
/// ```
///
/// # Panics
/// If called outside a tokio runtime.
pub fn add_done_callback<T, F>(task: JoinHandle<T>, callback: F) -> JoinHandle<()>
where
    T: Send + 'static,
    F: FnOnce(Outcome<T>) + Send + 'static,
{
    tokio::spawn(async move { callback(Outcome::from(task.await)) })
}
