//! [`PoolError`]: what can go wrong with a pool or one of its jobs.

use std::fmt;
use std::io;

use super::ProcessPool;

/// What can go wrong with a pool or one of its jobs.
#[derive(Debug)]
pub enum PoolError {
    /// A pool needs at least one worker and at most
    /// [`ProcessPool::max_workers`].
    InvalidWorkers,
    /// The job's function panicked in its worker; the pool is still usable.
    JobPanicked {
        /// The panic message.
        message: String,
    },
    /// A worker died abruptly (killed, `_exit`, `std::process::exit`,
    /// `abort`), while idle or during a job, or deadlocked: its job and every
    /// later call fail with this, like Python's `BrokenProcessPool`.
    BrokenPool {
        /// Which worker died and how.
        reason: String,
    },
    /// The pool stopped before the job got a result.
    Shutdown,
    /// Creating pipes, threads or processes failed: the OS refused one
    /// (`ulimit -n`, `ulimit -u`), or, on Windows, there is no `fork`
    /// (`io::ErrorKind::Unsupported`).
    Io(io::Error),
    /// An argument or result could not be encoded or decoded with postcard,
    /// or is larger than a frame carries ([`crate::frame::MAX_FRAME`]). The
    /// pool is still usable.
    Codec(String),
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolError::InvalidWorkers => write!(
                f,
                "a process pool needs at least 1 and at most {} workers (ProcessPool::max_workers)",
                ProcessPool::max_workers()
            ),
            PoolError::JobPanicked { message } => write!(f, "the job panicked: {message}"),
            PoolError::BrokenPool { reason } => write!(f, "broken process pool: {reason}"),
            PoolError::Shutdown => write!(f, "the process pool was shut down"),
            PoolError::Io(e) => write!(f, "process pool I/O error: {e}"),
            PoolError::Codec(e) => write!(f, "cannot encode or decode a job's data: {e}"),
        }
    }
}

impl std::error::Error for PoolError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PoolError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for PoolError {
    fn from(e: io::Error) -> Self {
        PoolError::Io(e)
    }
}

#[cfg(unix)]
impl From<nix::Error> for PoolError {
    fn from(e: nix::Error) -> Self {
        PoolError::Io(e.into())
    }
}

impl From<postcard::Error> for PoolError {
    fn from(e: postcard::Error) -> Self {
        PoolError::Codec(e.to_string())
    }
}
