//! `threading.BoundedSemaphore`: a [`Semaphore`] that refuses to be released
//! above its initial value, because an extra release is a bug.

use std::fmt;
use std::time::Duration;

use crate::Semaphore;

/// A semaphore that refuses to be released above its initial value:
/// Python's `threading.BoundedSemaphore`.
///
/// An extra `release` is almost always a bug (a permit given back twice), so
/// it is reported instead of silently letting one more thread in.
///
/// ```
/// use sync_primitives::BoundedSemaphore;
///
/// let sem = BoundedSemaphore::new(1);
/// sem.acquire();
/// assert!(sem.release().is_ok());
/// let err = sem.release().unwrap_err(); // Python: ValueError
/// assert_eq!(sem.value(), 1); // unchanged
/// assert!(err.to_string().contains("released too many times"));
/// ```
///
/// # What a production program uses instead
///
/// A semaphore whose permits are RAII guards ([`Semaphore::permit`] here,
/// `tokio::sync::SemaphorePermit` in async code): a permit goes back exactly
/// once, when it is dropped, so the double release that this type catches
/// cannot be written. No common crate ships a bounded variant; the course
/// builds one to show Python's `ValueError` as an error value.
pub struct BoundedSemaphore {
    inner: Semaphore,
    bound: usize,
}

impl BoundedSemaphore {
    /// A semaphore with `value` permits free, and never more than that.
    pub fn new(value: usize) -> Self {
        BoundedSemaphore {
            inner: Semaphore::new(value),
            bound: value,
        }
    }

    /// Takes a permit, sleeping until one is free.
    pub fn acquire(&self) {
        self.inner.acquire();
    }

    /// Takes a permit if one is free now: Python's `acquire(blocking=False)`.
    pub fn try_acquire(&self) -> bool {
        self.inner.try_acquire()
    }

    /// Takes a permit, waiting at most `timeout`; `false` if none came free.
    pub fn acquire_timeout(&self, timeout: Duration) -> bool {
        self.inner.acquire_timeout(timeout)
    }

    /// Gives a permit back, or fails (count unchanged) if that would exceed
    /// the initial value.
    pub fn release(&self) -> Result<(), ReleaseError> {
        self.release_n(1)
    }

    /// Gives `n` permits back, all or nothing: fails with the count unchanged
    /// if the total would exceed the initial value.
    pub fn release_n(&self, n: usize) -> Result<(), ReleaseError> {
        let bound = self.bound;
        self.inner
            .release_n_up_to(n, bound)
            .map_err(|value| ReleaseError {
                value,
                released: n,
                bound,
            })
    }

    /// Acquires and returns a guard that releases when dropped: `with sem:`.
    pub fn permit(&self) -> BoundedSemaphorePermit<'_> {
        self.acquire();
        BoundedSemaphorePermit { semaphore: self }
    }

    /// Permits free right now.
    pub fn value(&self) -> usize {
        self.inner.value()
    }
}

impl fmt::Debug for BoundedSemaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoundedSemaphore")
            .field("value", &self.value())
            .field("bound", &self.bound)
            .finish()
    }
}

/// A permit of a [`BoundedSemaphore`], given back when dropped.
///
/// If someone else over-released in the meantime, the give-back fails and the
/// drop panics (as Python's `with` block would raise `ValueError`), unless
/// the thread is already unwinding from another panic.
#[must_use = "the permit is released as soon as it is dropped"]
#[derive(Debug)]
pub struct BoundedSemaphorePermit<'a> {
    semaphore: &'a BoundedSemaphore,
}

impl Drop for BoundedSemaphorePermit<'_> {
    fn drop(&mut self) {
        if let Err(error) = self.semaphore.release()
            && !std::thread::panicking()
        {
            panic!("dropping a BoundedSemaphore permit: {error}");
        }
    }
}

/// A [`BoundedSemaphore`] was released above its initial value
/// (Python: `ValueError: Semaphore released too many times`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseError {
    value: usize,
    released: usize,
    bound: usize,
}

impl fmt::Display for ReleaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "semaphore released too many times: {} free + {} released would exceed the initial value {}",
            self.value, self.released, self.bound
        )
    }
}

impl std::error::Error for ReleaseError {}
