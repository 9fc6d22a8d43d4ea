//! Two ways to gather that `asyncio.gather` leaves to you: with at most `n`
//! running at once, and with a timeout that cancels what has not finished.
//!
//! - [`gather_limited`] ≈ `gather(*(limited(c) for c in coros))`, where
//!   `limited` does `async with semaphore: return await c`.
//! - [`gather_timeout`] ≈ `await asyncio.wait_for(asyncio.gather(*coros), t)`:
//!   on the timeout, `wait_for` cancels the gather, and the gather cancels
//!   every child still running. In tokio a dropped `JoinHandle` only detaches
//!   its task, so the cancelling has to be written down (a `JoinSet` does it).
//!
//! The `gather` example runs both.
//!
//! **What you would ship:** these two, or the same few lines inline:
//! `futures::stream::iter(..).buffered(n)` is another way to a limit, and a
//! `JoinSet` inside `tokio::time::timeout` is the usual timed gather.
//!
//! ```
//! use std::num::NonZeroUsize;
//! use std::time::Duration;
//! use async_basics::gather::{gather_limited, gather_timeout};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! let two = NonZeroUsize::new(2).unwrap();
//! let squares = gather_limited((1..=4).map(|n| async move { n * n }), two).await;
//! assert_eq!(squares, [1, 4, 9, 16]);
//! let late = gather_timeout([tokio::time::sleep(Duration::from_secs(60))], Duration::from_millis(10));
//! assert!(late.await.is_err()); // and the 60 s sleep was cancelled
//! # });
//! ```

use std::fmt;
use std::future::Future;
use std::num::NonZeroUsize;
use std::panic;
use std::time::Duration;

/// Awaits every future, with at most `limit` of them running at once, and
/// returns their outputs in argument order.
///
/// The futures run concurrently in the calling task, as `gather` runs its
/// coroutines on one loop; a zero limit, which would wait forever, does not
/// type-check. A limit larger than a tokio semaphore holds means no limit.
pub async fn gather_limited<F: Future>(
    futures: impl IntoIterator<Item = F>,
    limit: NonZeroUsize,
) -> Vec<F::Output> {
    // ANCHOR: solution_gather_limited
    use futures::future::join_all;
    use tokio::sync::Semaphore;

    let semaphore = &Semaphore::new(limit.get().min(Semaphore::MAX_PERMITS));
    let limited = futures.into_iter().map(|future| async move {
        // ≈ `async with semaphore:`: the permit goes back when this ends.
        let _permit = semaphore.acquire().await.expect("never closed");
        future.await
    });
    // Every limited future is polled together; the semaphore holds back
    // all but `limit` of them at their `acquire`.
    join_all(limited).await
    // ANCHOR_END: solution_gather_limited
}

/// Runs every future as a task and awaits them all, for at most `limit`:
/// their outputs in argument order, or [`GatherTimeout`] once `limit` has
/// passed, with every task still running cancelled before it returns.
///
/// # Panics
/// With a task's panic if one panics (as `gather` raises the first
/// exception), the other tasks cancelled; outside a tokio runtime.
pub async fn gather_timeout<F>(
    futures: impl IntoIterator<Item = F>,
    limit: Duration,
) -> Result<Vec<F::Output>, GatherTimeout>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    // ANCHOR: solution_gather_timeout
    use tokio::task::JoinSet;

    // A JoinSet aborts every task still in it when it is dropped: on the
    // timeout, on a panic, on any way out.
    let mut tasks = JoinSet::new();
    let mut outputs = Vec::new();
    for (index, future) in futures.into_iter().enumerate() {
        tasks.spawn(async move { (index, future.await) });
        outputs.push(None);
    }
    let all_done = async {
        while let Some(joined) = tasks.join_next().await {
            let (index, output) = joined.unwrap_or_else(|e| panic::resume_unwind(e.into_panic()));
            outputs[index] = Some(output);
        }
    };
    if tokio::time::timeout(limit, all_done).await.is_err() {
        // ≈ wait_for cancelling the gather: abort the rest, and wait until
        // each has been dropped (its `finally:` has run).
        tasks.shutdown().await;
        return Err(GatherTimeout { limit });
    }
    Ok(outputs.into_iter().flatten().collect())
    // ANCHOR_END: solution_gather_timeout
}

// ANCHOR: omit_gather_timeout
/// The buggy start of exercise `gather_timeout` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod gather_timeout_bug {
    use super::*;

    async fn gather_timeout<F>(
        futures: impl IntoIterator<Item = F>,
        limit: Duration,
    ) -> Result<Vec<F::Output>, GatherTimeout>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        // ANCHOR: bug_gather_timeout
        let tasks: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
        let all_done = async {
            let mut outputs = Vec::with_capacity(tasks.len());
            for task in tasks {
                outputs.push(
                    task.await
                        .unwrap_or_else(|e| panic::resume_unwind(e.into_panic())),
                );
            }
            outputs
        };
        // ≈ wait_for: when the time is up, the gather is dropped.
        tokio::time::timeout(limit, all_done)
            .await
            .map_err(|_| GatherTimeout { limit })
        // ANCHOR_END: bug_gather_timeout
    }
}
// ANCHOR_END: omit_gather_timeout

/// [`gather_timeout`] gave up: not every task finished within the limit
/// (≈ `asyncio.TimeoutError`). The unfinished ones were cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GatherTimeout {
    limit: Duration,
}

impl fmt::Display for GatherTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the gathered tasks did not all finish within {:?}; the rest were cancelled",
            self.limit
        )
    }
}

impl std::error::Error for GatherTimeout {}
