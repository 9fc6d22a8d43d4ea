//! The one place that chooses the lock, the condition variable and the atomics.
//!
//! A normal build uses parking_lot's `Mutex` and `Condvar` and std's atomics.
//! Under `RUSTFLAGS="--cfg loom"` the same small API is backed by loom's
//! types, so the model tests in `tests/loom.rs` explore every interleaving of
//! the very code that the examples run. The API is by-value
//! (`wait(guard) -> guard`) because that is the shape both backends can offer.

use std::time::{Duration, Instant};

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicUsize, Ordering};

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicUsize, Ordering};

#[cfg(not(loom))]
pub(crate) use parking_lot::MutexGuard;

#[cfg(loom)]
pub(crate) use loom::sync::MutexGuard;

/// A mutex with a `lock` that cannot fail (no poisoning in parking_lot; under
/// loom a poisoned lock means a model test already panicked).
pub(crate) struct Mutex<T> {
    #[cfg(not(loom))]
    inner: parking_lot::Mutex<T>,
    #[cfg(loom)]
    inner: loom::sync::Mutex<T>,
}

impl<T> Mutex<T> {
    pub(crate) fn new(value: T) -> Self {
        Mutex {
            #[cfg(not(loom))]
            inner: parking_lot::Mutex::new(value),
            #[cfg(loom)]
            inner: loom::sync::Mutex::new(value),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        #[cfg(not(loom))]
        return self.inner.lock();
        #[cfg(loom)]
        return self
            .inner
            .lock()
            .expect("lock poisoned by a panicking model thread");
    }
}

/// A condition variable used with [`Mutex`].
pub(crate) struct Condvar {
    #[cfg(not(loom))]
    inner: parking_lot::Condvar,
    #[cfg(loom)]
    inner: loom::sync::Condvar,
}

impl Condvar {
    pub(crate) fn new() -> Self {
        Condvar {
            #[cfg(not(loom))]
            inner: parking_lot::Condvar::new(),
            #[cfg(loom)]
            inner: loom::sync::Condvar::new(),
        }
    }

    /// Unlocks, sleeps until notified, locks again.
    pub(crate) fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        #[cfg(not(loom))]
        {
            let mut guard = guard;
            self.inner.wait(&mut guard);
            guard
        }
        #[cfg(loom)]
        {
            self.inner
                .wait(guard)
                .expect("lock poisoned by a panicking model thread")
        }
    }

    /// As [`Condvar::wait`], giving up after `timeout`; `true` means it timed out.
    /// (loom does not model time: there it waits for a notification.)
    pub(crate) fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: Duration,
    ) -> (MutexGuard<'a, T>, bool) {
        #[cfg(not(loom))]
        {
            let mut guard = guard;
            let timed_out = self.inner.wait_for(&mut guard, timeout).timed_out();
            (guard, timed_out)
        }
        #[cfg(loom)]
        {
            let (guard, result) = self
                .inner
                .wait_timeout(guard, timeout)
                .expect("lock poisoned by a panicking model thread");
            (guard, result.timed_out())
        }
    }

    /// Waits until notified or until `deadline` (`None`: no deadline);
    /// `true` means the deadline passed.
    pub(crate) fn wait_deadline<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        deadline: Option<Instant>,
    ) -> (MutexGuard<'a, T>, bool) {
        match deadline {
            None => (self.wait(guard), false),
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    (guard, true)
                } else {
                    self.wait_timeout(guard, left)
                }
            }
        }
    }

    pub(crate) fn notify_one(&self) {
        self.inner.notify_one();
    }

    pub(crate) fn notify_all(&self) {
        self.inner.notify_all();
    }
}

/// The instant `timeout` from now, or `None` when that is so far away that it
/// does not fit in an `Instant` (treated as "wait forever").
pub(crate) fn deadline(timeout: Duration) -> Option<Instant> {
    Instant::now().checked_add(timeout)
}
