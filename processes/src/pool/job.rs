//! [`Job`]: a submitted job, Python's `Future`.

use std::marker::PhantomData;
use std::sync::mpsc::{self, Receiver};

use serde::de::DeserializeOwned;

use super::PoolError;

/// A submitted job: Python's `Future`. [`Job::wait`] blocks for the result.
#[derive(Debug)]
#[must_use = "a job's result (or error) is only seen through wait()"]
pub struct Job<R> {
    reply: Receiver<Result<Vec<u8>, PoolError>>,
    _result: PhantomData<fn() -> R>,
}

impl<R> Job<R> {
    /// A job whose result (or error) arrives on `reply`.
    pub(super) fn new(reply: Receiver<Result<Vec<u8>, PoolError>>) -> Job<R> {
        Job {
            reply,
            _result: PhantomData,
        }
    }
}

impl<R: DeserializeOwned> Job<R> {
    /// Blocks until the job's result arrives (Python: `future.result()`).
    /// A job that never ends keeps it waiting, as in Python; so does a
    /// deadlocked worker where the deadlock watch is unavailable
    /// ([`ProcessPool::deadlock_watch`](super::ProcessPool::deadlock_watch)).
    ///
    /// # Errors
    /// [`PoolError::TaskPanicked`] with the panic message,
    /// [`PoolError::BrokenPool`] if its worker died, [`PoolError::Codec`] if
    /// the result could not be encoded or decoded, or is too large.
    pub fn wait(self) -> Result<R, PoolError> {
        match self.reply.recv() {
            Ok(Ok(bytes)) => Ok(postcard::from_bytes(&bytes)?),
            Ok(Err(e)) => Err(e),
            Err(mpsc::RecvError) => Err(PoolError::Shutdown),
        }
    }
}
