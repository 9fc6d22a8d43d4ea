//! `threading.Semaphore`, step 2: the API of step 1 (semaphore.rs), fast
//! where a semaphore spends most of its time, when a permit is free.
//!
//! Step 1 locks a mutex on every `acquire` and every `release`, even when
//! nobody waits. Here the count is one atomic word, and a free permit is
//! taken with one compare-and-swap. Step 1's mutex and condition variable
//! are still there, but only for threads that must sleep: bit 0 of the word
//! says whether any may be asleep, so a release that finds it clear is one
//! atomic addition, and touches nothing else.
//!
//! The one thing to get right is the order in which a thread that is about
//! to sleep raises that bit and looks at the count once more: see
//! [`FastSemaphore::acquire_slow`].

use std::fmt;
use std::time::{Duration, Instant};

// std's atomics, parking_lot's Mutex and Condvar; loom's under `--cfg loom`
// (src/sync.rs), so that tests/loom.rs model-checks this very code.
use crate::sync::{AtomicUsize, Condvar, Mutex, Ordering, deadline};

// ANCHOR: state
/// Bit 0 of the state: a thread may be asleep in `acquire`.
const SLEEPERS: usize = 1;
/// One permit: the count lives above bit 0.
const PERMIT: usize = 2;
// ANCHOR_END: state

/// A counting semaphore with Python's API, whose uncontended `acquire` and
/// `release` are one atomic operation each: step 2 of [`Semaphore`](crate::Semaphore).
///
/// ```
/// use sync_primitives::FastSemaphore;
///
/// let sem = FastSemaphore::new(2);
/// let first = sem.permit();
/// assert!(sem.try_acquire());
/// assert!(!sem.try_acquire());
/// drop(first);
/// assert_eq!(sem.value(), 1);
/// ```
///
/// # What a production program uses instead
///
/// The same idea, grown up: tokio's semaphore (`tokio::sync::Semaphore`)
/// keeps its permits in one atomic word beside a queue of waiters, and
/// parking_lot's `Mutex` is a byte whose "parked" bit sends a thread to a
/// global table of sleepers only when the lock is taken.
pub struct FastSemaphore {
    /// `permits * PERMIT`, plus [`SLEEPERS`] while a thread may be asleep.
    state: AtomicUsize,
    /// How many threads are in the slow path (asleep or about to be).
    sleeping: Mutex<usize>,
    available: Condvar,
}

impl FastSemaphore {
    /// The most permits it can count: one bit of the word is the sleepers'
    /// flag, and one more is headroom, so that a release that goes over the
    /// limit can be seen and undone before the word wraps around.
    pub const MAX_PERMITS: usize = usize::MAX / (2 * PERMIT);

    /// A semaphore with `value` permits free.
    ///
    /// # Panics
    /// If `value` is over [`FastSemaphore::MAX_PERMITS`].
    pub fn new(value: usize) -> Self {
        assert!(
            value <= Self::MAX_PERMITS,
            "semaphore count overflowed: {value} permits is over {}",
            Self::MAX_PERMITS
        );
        FastSemaphore {
            state: AtomicUsize::new(value * PERMIT),
            sleeping: Mutex::new(0),
            available: Condvar::new(),
        }
    }

    // ANCHOR: fast_path
    /// Takes a permit if one is free now: Python's `acquire(blocking=False)`.
    /// This is the fast path: no lock, one compare-and-swap.
    pub fn try_acquire(&self) -> bool {
        let mut state = self.state.load(Ordering::Relaxed);
        while state >= PERMIT {
            // Acquire: whatever the last holder did before its release is
            // visible to us (the release side is Release).
            match self.state.compare_exchange_weak(
                state,
                state - PERMIT,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(now) => state = now, // another thread got there first
            }
        }
        false
    }
    // ANCHOR_END: fast_path

    /// Takes a permit, sleeping until one is free.
    pub fn acquire(&self) {
        if !self.try_acquire() {
            self.acquire_slow(None);
        }
    }

    /// Takes a permit, waiting at most `timeout`; `false` if none came free.
    pub fn acquire_timeout(&self, timeout: Duration) -> bool {
        self.try_acquire() || self.acquire_slow(deadline(timeout))
    }

    // ANCHOR: slow_path
    /// No permit was free: sleep until a release wakes us, or `deadline`.
    ///
    /// The flag goes up *before* the count is looked at again. A release that
    /// added its permit earlier is then seen by that look; one that adds it
    /// later finds the flag and wakes us. Looking first and raising the flag
    /// after leaves a gap in which a release sees no flag and wakes nobody,
    /// while we go to sleep beside a free permit: the lost wake-up that
    /// `tests/loom.rs` finds in a copy written that way.
    #[cold]
    fn acquire_slow(&self, deadline: Option<Instant>) -> bool {
        let mut sleeping = self.sleeping.lock();
        *sleeping += 1;
        // Relaxed is enough: every change to `state` is a read-modify-write,
        // so they happen in one order, and a release that comes after this
        // one sees the flag (memory ordering: see the 3.7 memory_ordering topic).
        self.state.fetch_or(SLEEPERS, Ordering::Relaxed);
        let mut timed_out = false;
        let took = loop {
            if self.try_acquire() {
                break true;
            }
            if timed_out {
                break false;
            }
            (sleeping, timed_out) = self.available.wait_deadline(sleeping, deadline);
        };
        *sleeping -= 1;
        if *sleeping == 0 {
            // The last sleeper out lowers the flag; a new one raises it again
            // under the same lock, so the two never cross.
            self.state.fetch_and(!SLEEPERS, Ordering::Relaxed);
        }
        took
    }
    // ANCHOR_END: slow_path

    /// Gives a permit back, waking one sleeper if there is one.
    pub fn release(&self) {
        self.release_n(1);
    }

    // ANCHOR: release
    /// Gives `n` permits back and wakes up to `n` sleepers: Python's `release(n)`.
    ///
    /// # Panics
    /// If the count would go over [`FastSemaphore::MAX_PERMITS`].
    pub fn release_n(&self, n: usize) {
        assert!(
            n <= Self::MAX_PERMITS,
            "semaphore count overflowed: release_n({n})"
        );
        // One read-modify-write, the mirror of `try_acquire`'s. Release: what
        // we did while holding the permit is visible to the next thread that
        // takes it (its compare-and-swap is Acquire).
        let before = self.state.fetch_add(n * PERMIT, Ordering::Release);
        if before / PERMIT > Self::MAX_PERMITS - n {
            // Too many: take them back (the word cannot wrap, see MAX_PERMITS).
            self.state.fetch_sub(n * PERMIT, Ordering::Relaxed);
            panic!(
                "semaphore count overflowed: {} + {n} permits",
                before / PERMIT
            );
        }
        if before & SLEEPERS != 0 {
            self.wake(n);
        }
    }

    /// The slow path of a release: wake up to `n` sleepers, one per permit.
    #[cold]
    fn wake(&self, n: usize) {
        let wake = n.min(*self.sleeping.lock());
        for _ in 0..wake {
            self.available.notify_one();
        }
    }
    // ANCHOR_END: release

    /// Acquires and returns a guard that releases when dropped: `with sem:`.
    pub fn permit(&self) -> FastSemaphorePermit<'_> {
        self.acquire();
        FastSemaphorePermit { semaphore: self }
    }

    /// Permits free right now (stale as soon as it is read).
    pub fn value(&self) -> usize {
        self.state.load(Ordering::Relaxed) / PERMIT
    }
}

impl fmt::Debug for FastSemaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FastSemaphore")
            .field("value", &self.value())
            .finish()
    }
}

/// A permit of a [`FastSemaphore`], given back when dropped.
#[must_use = "the permit is released as soon as it is dropped"]
#[derive(Debug)]
pub struct FastSemaphorePermit<'a> {
    semaphore: &'a FastSemaphore,
}

impl Drop for FastSemaphorePermit<'_> {
    fn drop(&mut self) {
        self.semaphore.release();
    }
}

/// The lost wake-up, on purpose, for `tests/loom.rs` to find: compiled only
/// for the model tests.
#[cfg(loom)]
impl FastSemaphore {
    /// `acquire` with the slow path's two steps swapped: it looks at the
    /// count, and only then raises the flag. A release between the two sees
    /// no flag, wakes nobody, and this thread sleeps beside a free permit.
    #[doc(hidden)]
    pub fn acquire_with_a_lost_wakeup(&self) {
        if self.try_acquire() {
            return;
        }
        let mut sleeping = self.sleeping.lock();
        *sleeping += 1;
        while !self.try_acquire() {
            self.state.fetch_or(SLEEPERS, Ordering::Relaxed); // too late
            sleeping = self.available.wait(sleeping);
        }
        *sleeping -= 1;
        if *sleeping == 0 {
            self.state.fetch_and(!SLEEPERS, Ordering::Relaxed);
        }
    }
}
