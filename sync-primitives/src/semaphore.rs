//! `threading.Semaphore` and `threading.BoundedSemaphore`: a counter of free
//! permits, a lock around it and a condition variable to sleep on.
//!
//! The whole algorithm is CPython's: `acquire` sleeps while the count is zero
//! and then takes one; `release(n)` adds `n` and wakes up to `n` sleepers.
//! A woken thread re-checks the count, so a permit taken by a thread that
//! arrived in between is never counted twice.

use std::fmt;
use std::time::{Duration, Instant};

use crate::sync::{Condvar, Mutex, MutexGuard, deadline};

struct State {
    /// Permits free now.
    value: usize,
    /// Threads asleep in `acquire`: `release_n` never wakes more than these
    /// (so `release_n(usize::MAX)` does not call `notify_one` forever).
    sleeping: usize,
}

/// A counting semaphore: Python's `threading.Semaphore`.
///
/// At most `value` holders at once; [`Semaphore::permit`] is `with sem:`.
///
/// ```
/// use sync_primitives::Semaphore;
///
/// let sem = Semaphore::new(2);
/// let first = sem.permit();
/// assert!(sem.try_acquire()); // the second permit
/// assert!(!sem.try_acquire()); // none left: acquire(blocking=False) fails
/// drop(first); // leaving the `with` block releases
/// assert_eq!(sem.value(), 1);
/// ```
pub struct Semaphore {
    state: Mutex<State>,
    available: Condvar,
}

impl Semaphore {
    /// A semaphore with `value` permits free.
    pub fn new(value: usize) -> Self {
        Semaphore {
            state: Mutex::new(State { value, sleeping: 0 }),
            available: Condvar::new(),
        }
    }

    /// Takes a permit, sleeping until one is free.
    pub fn acquire(&self) {
        let mut state = self.state.lock();
        while state.value == 0 {
            (state, _) = self.sleep(state, None);
        }
        state.value -= 1;
    }

    /// Takes a permit if one is free now: Python's `acquire(blocking=False)`.
    pub fn try_acquire(&self) -> bool {
        let mut state = self.state.lock();
        if state.value == 0 {
            return false;
        }
        state.value -= 1;
        true
    }

    /// Takes a permit, waiting at most `timeout`; `false` if none came free.
    ///
    /// ```
    /// use std::time::Duration;
    /// let sem = sync_primitives::Semaphore::new(0);
    /// assert!(!sem.acquire_timeout(Duration::from_millis(10)));
    /// sem.release();
    /// assert!(sem.acquire_timeout(Duration::from_millis(10)));
    /// ```
    pub fn acquire_timeout(&self, timeout: Duration) -> bool {
        let deadline = deadline(timeout);
        let mut state = self.state.lock();
        let mut timed_out = false;
        loop {
            if state.value > 0 {
                state.value -= 1;
                return true;
            }
            if timed_out {
                return false;
            }
            (state, timed_out) = self.sleep(state, deadline);
        }
    }

    /// Sleeps until notified or `deadline`, counted in `sleeping` meanwhile.
    fn sleep<'a>(
        &'a self,
        mut state: MutexGuard<'a, State>,
        deadline: Option<Instant>,
    ) -> (MutexGuard<'a, State>, bool) {
        state.sleeping += 1;
        let (mut state, timed_out) = self.available.wait_deadline(state, deadline);
        state.sleeping -= 1;
        (state, timed_out)
    }

    /// Gives a permit back and wakes one waiter. Like Python's `Semaphore`,
    /// it may raise the count above the initial value (see [`BoundedSemaphore`]).
    pub fn release(&self) {
        self.release_n(1);
    }

    /// Gives `n` permits back and wakes up to `n` waiters: Python's `release(n)`.
    ///
    /// # Panics
    /// If the count would overflow `usize`.
    pub fn release_n(&self, n: usize) {
        let mut state = self.state.lock();
        state.value = state
            .value
            .checked_add(n)
            .expect("semaphore count overflowed usize");
        self.wake(state, n);
    }

    /// Wakes up to `n` sleepers, one per new permit. `sleeping` may still
    /// count a thread that was notified but has not run yet, so this never
    /// wakes fewer than it should: no lost wakeup.
    fn wake(&self, state: MutexGuard<'_, State>, n: usize) {
        let wake = n.min(state.sleeping);
        drop(state);
        for _ in 0..wake {
            self.available.notify_one();
        }
    }

    /// Acquires and returns a guard that releases when dropped: `with sem:`.
    pub fn permit(&self) -> SemaphorePermit<'_> {
        self.acquire();
        SemaphorePermit { semaphore: self }
    }

    /// Permits free right now (already stale when you read it, if other
    /// threads are using the semaphore).
    pub fn value(&self) -> usize {
        self.state.lock().value
    }

    /// Adds `n` permits only if the total stays at most `bound`.
    fn release_n_bounded(&self, n: usize, bound: usize) -> Result<(), ReleaseError> {
        let mut state = self.state.lock();
        match state.value.checked_add(n) {
            Some(new) if new <= bound => state.value = new,
            _ => {
                return Err(ReleaseError {
                    value: state.value,
                    released: n,
                    bound,
                });
            }
        }
        self.wake(state, n);
        Ok(())
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Semaphore")
            .field("value", &self.value())
            .finish()
    }
}

/// A permit of a [`Semaphore`], given back when dropped.
#[must_use = "the permit is released as soon as it is dropped"]
#[derive(Debug)]
pub struct SemaphorePermit<'a> {
    semaphore: &'a Semaphore,
}

impl Drop for SemaphorePermit<'_> {
    fn drop(&mut self) {
        self.semaphore.release();
    }
}

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
        self.inner.release_n_bounded(n, self.bound)
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
