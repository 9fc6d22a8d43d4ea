//! [`Future`]: a submitted job's result to come, Python's
//! `concurrent.futures.Future`.

use std::marker::PhantomData;
use std::sync::mpsc::{self, Receiver};

use serde::de::DeserializeOwned;

use super::PoolError;

/// The result to come of a job given to [`ProcessPool::submit`]: Python's
/// `concurrent.futures.Future`, and like it, [`Future::result`] blocks until
/// the result is there.
///
/// The name is Python's. It is not Rust's `std::future::Future` (section 5),
/// which nothing here implements: that one is polled by an async runtime and
/// never blocks; this one blocks the calling thread, as Python's does.
/// (Python has the same pair: `concurrent.futures.Future` blocks,
/// `asyncio.Future` is awaited.)
///
/// [`ProcessPool::submit`]: super::ProcessPool::submit
#[derive(Debug)]
#[must_use = "a job's result (or error) is only seen through result()"]
pub struct Future<R> {
    reply: Receiver<Result<Vec<u8>, PoolError>>,
    _result: PhantomData<fn() -> R>,
}

impl<R> Future<R> {
    /// A future whose result (or error) arrives on `reply`.
    pub(super) fn new(reply: Receiver<Result<Vec<u8>, PoolError>>) -> Future<R> {
        Future {
            reply,
            _result: PhantomData,
        }
    }
}

impl<R: DeserializeOwned> Future<R> {
    /// Blocks until the job's result arrives (Python: `future.result()`).
    /// A job that never ends keeps it waiting, as in Python; so does a
    /// deadlocked worker where the deadlock watch is unavailable
    /// ([`ProcessPool::deadlock_watch`](super::ProcessPool::deadlock_watch)).
    ///
    /// # Errors
    /// [`PoolError::JobPanicked`] with the panic message (Python re-raises
    /// the job's exception), [`PoolError::BrokenPool`] if its worker died or
    /// the pool broke before the job ran, [`PoolError::Codec`] if the result
    /// could not be encoded or decoded, or is too large.
    pub fn result(self) -> Result<R, PoolError> {
        match self.reply.recv() {
            Ok(Ok(bytes)) => Ok(postcard::from_bytes(&bytes)?),
            Ok(Err(e)) => Err(e),
            Err(mpsc::RecvError) => Err(PoolError::Shutdown),
        }
    }
}
