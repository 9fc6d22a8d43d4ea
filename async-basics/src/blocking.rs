//! `asyncio.to_thread` for tokio: a blocking function on another thread,
//! awaited without blocking the loop.
//!
//! A task gives way only at an `.await`. A blocking call inside it
//! (`std::thread::sleep`, a blocking read, a long CPU loop) holds the thread
//! that runs every other task of a current-thread runtime, and one worker of a
//! multi-thread one: the `blocking_in_async` example shows a heartbeat that
//! stops beating. [`to_thread`] moves the call to tokio's pool of blocking
//! threads, and the task waits for it at an `.await`, where the others run.
//!
//! **What you would ship:** `tokio::task::spawn_blocking` itself, which this
//! is, plus Python's habit of re-raising the function's exception; or, for
//! CPU-bound work, a rayon pool and a channel back.
//!
//! ```
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let answer = async_basics::blocking::to_thread(|| 6 * 7).await;
//! assert_eq!(answer, 42);
//! # });
//! ```

/// Runs `f` on tokio's pool of blocking threads and awaits its result, while
/// the other tasks go on (≈ `await asyncio.to_thread(f)`).
///
/// # Panics
/// With `f`'s own panic, if it panics (as `to_thread` re-raises `f`'s
/// exception); if the runtime shuts down before `f` could start; outside a
/// tokio runtime.
pub async fn to_thread<F, T>(f: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // ANCHOR: solution_to_thread
    // The task waits here, at an .await, while `f` blocks another thread.
    match tokio::task::spawn_blocking(f).await {
        Ok(value) => value,
        Err(error) => match error.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(error) => panic!("to_thread: the blocking call never ran: {error}"),
        },
    }
    // ANCHOR_END: solution_to_thread
}

// ANCHOR: omit_to_thread
/// The buggy start of exercise `to_thread` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod to_thread_bug {
    async fn to_thread<F, T>(f: F) -> T
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        // ANCHOR: bug_to_thread
        let value = f();
        // An .await, so that the other tasks get their turn.
        tokio::task::yield_now().await;
        value
        // ANCHOR_END: bug_to_thread
    }
}
// ANCHOR_END: omit_to_thread
