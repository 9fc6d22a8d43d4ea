//! `threading.Semaphore`, step 1: a counter of free permits, a lock around it
//! and a condition variable to sleep on. `BoundedSemaphore`
//! (bounded_semaphore.rs) wraps it; step 2 (fast_semaphore.rs) has the same
//! API on an atomic count.
//!
//! The whole algorithm is CPython's: `Semaphore::acquire` sleeps while the
//! count is zero and then takes one; `release(n)` adds `n`, and
//! `Semaphore::wake` wakes up to `n` sleepers.
//! A woken thread re-checks the count, so a permit taken by a thread that
//! arrived in between is never counted twice.

use std::fmt;
use std::time::{Duration, Instant};

// parking_lot's Mutex and Condvar, swapped for loom's under `--cfg loom` so that
// tests/loom.rs model-checks this very code (the switch is in src/sync.rs).
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
///
/// # What a production program uses instead
///
/// Neither std nor parking_lot nor crossbeam has a semaphore. In async code,
/// `tokio::sync::Semaphore` (fair, with RAII permits too). In threaded code,
/// usually no semaphore at all: a fixed number of worker threads (or a rayon
/// pool of that size) is the limit; otherwise a `Mutex<usize>` + `Condvar`,
/// which is all this type is. The course builds its own so that Python's
/// `threading.Semaphore` can be read whole on one screen and model-checked;
/// its second step, [`FastSemaphore`](crate::FastSemaphore), takes a free
/// permit without the lock, as production primitives do.
pub struct Semaphore {
    state: Mutex<State>,
    available: Condvar,
}

impl Semaphore {
    /// The most permits it can count.
    pub const MAX_PERMITS: usize = usize::MAX;

    /// A semaphore with `value` permits free.
    pub fn new(value: usize) -> Self {
        Semaphore {
            state: Mutex::new(State { value, sleeping: 0 }),
            available: Condvar::new(),
        }
    }

    /// Takes a permit, sleeping until one is free.
    pub fn acquire(&self) {
        // ANCHOR: solution_semaphore_acquire
        let mut state = self.state.lock();
        // `while`, not `if`: a thread that arrived meanwhile may have taken
        // the permit that woke us.
        while state.value == 0 {
            (state, _) = self.sleep(state, None);
        }
        state.value -= 1;
        // ANCHOR_END: solution_semaphore_acquire
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
    /// it may raise the count above the initial value (see
    /// [`BoundedSemaphore`](crate::BoundedSemaphore)).
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
        // ANCHOR: solution_semaphore_wake
        let wake = n.min(state.sleeping);
        drop(state);
        for _ in 0..wake {
            self.available.notify_one();
        }
        // ANCHOR_END: solution_semaphore_wake
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

    /// Adds `n` permits only if the total stays at most `bound`; otherwise
    /// changes nothing and returns the count as it is.
    pub(crate) fn release_n_up_to(&self, n: usize, bound: usize) -> Result<(), usize> {
        let mut state = self.state.lock();
        match state.value.checked_add(n) {
            Some(new) if new <= bound => state.value = new,
            _ => return Err(state.value),
        }
        self.wake(state, n);
        Ok(())
    }
}

// ANCHOR: omit_semaphore_wake
/// The buggy start of exercise `semaphore_wake` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod semaphore_wake_bug {
    use super::*;

    /// The same method on a trait, so that it compiles beside the real one.
    trait Bug {
        fn wake(&self, state: MutexGuard<'_, State>, n: usize);
    }

    impl Bug for Semaphore {
        fn wake(&self, state: MutexGuard<'_, State>, n: usize) {
            // ANCHOR: bug_semaphore_wake
            let wake = n.min(state.sleeping);
            drop(state);
            if wake > 0 {
                self.available.notify_one(); // someone is asleep: wake them up
            }
            // ANCHOR_END: bug_semaphore_wake
        }
    }
}
// ANCHOR_END: omit_semaphore_wake

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
