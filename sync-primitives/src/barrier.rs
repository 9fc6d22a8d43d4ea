//! `threading.Barrier`: `parties` threads meet, then all go on together.
//!
//! The algorithm is CPython's, state for state. A cycle goes
//! `Filling` (threads arrive) → `Action` (the last one runs the action,
//! without holding the lock) → `Draining` (everyone leaves) → `Filling`.
//! Threads that arrive while a cycle is still running the action or draining
//! wait at the door, so every waiter sees the outcome of its own cycle.
//! `Broken` (a timeout, `abort` or a panicking action) lasts until `reset`;
//! `Resetting` breaks the current waiters and then becomes `Filling`.

use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

// parking_lot's Mutex and Condvar, swapped for loom's under `--cfg loom` so that
// tests/loom.rs model-checks this very code (the switch is in src/sync.rs).
use crate::sync::{Condvar, Mutex, MutexGuard, deadline};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Filling,
    Action,
    Draining,
    Resetting,
    Broken,
}

struct State {
    phase: Phase,
    /// Threads inside `wait` in the current cycle.
    count: usize,
}

type Action = Box<dyn Fn() + Send + Sync>;

/// A reusable meeting point for `parties` threads: Python's `threading.Barrier`.
///
/// Each `wait` returns a distinct index in `0..parties`; the error means the
/// barrier was broken (timeout, [`Barrier::abort`], a panicking action or a
/// [`Barrier::reset`] while this thread was waiting).
///
/// ```
/// use sync_primitives::Barrier;
///
/// let barrier = Barrier::new(3);
/// let mut indices: Vec<usize> = std::thread::scope(|s| {
///     let handles: Vec<_> = (0..3).map(|_| s.spawn(|| barrier.wait())).collect();
///     handles.into_iter().map(|h| h.join().unwrap().unwrap()).collect()
/// });
/// indices.sort();
/// assert_eq!(indices, [0, 1, 2]);
/// ```
///
/// # What a production program uses instead
///
/// `std::sync::Barrier` when the meeting is all you need: its `wait` names one
/// leader per cycle (`is_leader`), who can do the action's work after the
/// others are released, not before; it has no timeout, abort or reset, so a
/// party that never arrives blocks the others forever. crossbeam's `WaitGroup`
/// when one thread waits for the others to finish; `tokio::sync::Barrier` in
/// async code. The course builds its own for Python's breakable barrier with
/// an action, which no common crate provides.
pub struct Barrier {
    parties: usize,
    action: Option<Action>,
    state: Mutex<State>,
    changed: Condvar,
}

impl Barrier {
    /// A barrier for `parties` threads.
    ///
    /// # Panics
    /// If `parties` is 0 (Python raises `ValueError`).
    pub fn new(parties: usize) -> Self {
        Self::build(parties, None)
    }

    /// A barrier whose `action` one of the threads runs once per cycle, after
    /// all have arrived and before any is released. If the action panics the
    /// barrier breaks (the others get [`BrokenBarrierError`]) and the panic
    /// goes on in the thread that ran it.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use sync_primitives::Barrier;
    ///
    /// let cycles = Arc::new(AtomicUsize::new(0));
    /// let counter = Arc::clone(&cycles);
    /// let barrier = Barrier::with_action(2, move || {
    ///     counter.fetch_add(1, Ordering::SeqCst);
    /// });
    /// std::thread::scope(|s| {
    ///     s.spawn(|| barrier.wait());
    ///     barrier.wait().unwrap();
    /// });
    /// assert_eq!(cycles.load(Ordering::SeqCst), 1);
    /// ```
    ///
    /// # Panics
    /// If `parties` is 0.
    pub fn with_action(parties: usize, action: impl Fn() + Send + Sync + 'static) -> Self {
        Self::build(parties, Some(Box::new(action)))
    }

    fn build(parties: usize, action: Option<Action>) -> Self {
        assert!(parties > 0, "a Barrier needs at least one party (got 0)");
        Barrier {
            parties,
            action,
            state: Mutex::new(State {
                phase: Phase::Filling,
                count: 0,
            }),
            changed: Condvar::new(),
        }
    }

    /// Waits until all `parties` threads have called `wait`; returns this
    /// thread's index in the cycle (`0..parties`, the last to arrive gets
    /// `parties - 1`).
    pub fn wait(&self) -> Result<usize, BrokenBarrierError> {
        self.wait_until(None)
    }

    /// As [`Barrier::wait`], but waiting longer than `timeout` for the other
    /// parties breaks the barrier for everyone (as in Python) and returns the
    /// error. Once all have arrived, the action may take as long as it needs.
    pub fn wait_timeout(&self, timeout: Duration) -> Result<usize, BrokenBarrierError> {
        // A timeout too long to represent (None) waits forever, like `wait`.
        self.wait_until(deadline(timeout))
    }

    /// `deadline`: `None` waits forever.
    fn wait_until(&self, deadline: Option<Instant>) -> Result<usize, BrokenBarrierError> {
        let mut state = self.state.lock();
        // The door: wait while the previous cycle finishes.
        while matches!(
            state.phase,
            Phase::Action | Phase::Draining | Phase::Resetting
        ) {
            state = self.changed.wait(state);
        }
        if state.phase == Phase::Broken {
            return Err(BrokenBarrierError);
        }
        let index = state.count;
        state.count += 1;
        let (mut state, result) = if index + 1 == self.parties {
            self.release(state)
        } else {
            self.wait_for_release(state, deadline)
        };
        // Leaving: the last one out of a finished cycle opens the door.
        state.count -= 1;
        if state.count == 0 && matches!(state.phase, Phase::Draining | Phase::Resetting) {
            state.phase = Phase::Filling;
            self.changed.notify_all();
        }
        result.map(|()| index)
    }

    /// The last arrival: run the action (lock released), then let all go.
    fn release<'a>(
        &'a self,
        mut state: MutexGuard<'a, State>,
    ) -> (MutexGuard<'a, State>, Result<(), BrokenBarrierError>) {
        if let Some(action) = &self.action {
            state.phase = Phase::Action;
            drop(state);
            let outcome = panic::catch_unwind(AssertUnwindSafe(action));
            state = self.state.lock();
            if let Err(payload) = outcome {
                self.break_barrier(&mut state);
                state.count -= 1;
                drop(state);
                panic::resume_unwind(payload);
            }
            if state.phase != Phase::Action {
                // abort() or reset() ran during the action: this cycle is broken.
                return (state, Err(BrokenBarrierError));
            }
        }
        state.phase = Phase::Draining;
        self.changed.notify_all();
        (state, Ok(()))
    }

    fn wait_for_release<'a>(
        &'a self,
        mut state: MutexGuard<'a, State>,
        deadline: Option<Instant>,
    ) -> (MutexGuard<'a, State>, Result<(), BrokenBarrierError>) {
        let mut timed_out = false;
        loop {
            match state.phase {
                Phase::Draining => return (state, Ok(())),
                Phase::Broken | Phase::Resetting => return (state, Err(BrokenBarrierError)),
                Phase::Filling if timed_out => {
                    self.break_barrier(&mut state);
                    return (state, Err(BrokenBarrierError));
                }
                Phase::Filling => {
                    (state, timed_out) = self.changed.wait_deadline(state, deadline);
                }
                // Everyone has arrived: a slow action does not count against
                // the timeout (in CPython it runs under the lock, so a timed
                // out waiter only looks again once the cycle is released).
                Phase::Action => state = self.changed.wait(state),
            }
        }
    }

    fn break_barrier(&self, state: &mut State) {
        state.phase = Phase::Broken;
        self.changed.notify_all();
    }

    /// Breaks the barrier: current and future waiters get
    /// [`BrokenBarrierError`] until [`Barrier::reset`].
    pub fn abort(&self) {
        let mut state = self.state.lock();
        self.break_barrier(&mut state);
    }

    /// Returns the barrier to its empty state. Threads waiting now get
    /// [`BrokenBarrierError`]; later calls to `wait` start a fresh cycle.
    pub fn reset(&self) {
        let mut state = self.state.lock();
        state.phase = match state.phase {
            _ if state.count == 0 => Phase::Filling,
            // A finished cycle still leaving keeps its success.
            Phase::Draining => Phase::Draining,
            // Waiters still inside are broken out; the last to leave makes
            // the barrier `Filling` again.
            _ => Phase::Resetting,
        };
        self.changed.notify_all();
    }

    /// How many threads must call `wait` to pass.
    pub fn parties(&self) -> usize {
        self.parties
    }

    /// How many threads are waiting in the current cycle.
    pub fn n_waiting(&self) -> usize {
        let state = self.state.lock();
        match state.phase {
            Phase::Filling | Phase::Action => state.count,
            _ => 0,
        }
    }

    /// Whether the barrier is broken (until [`Barrier::reset`]).
    pub fn is_broken(&self) -> bool {
        self.state.lock().phase == Phase::Broken
    }
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Barrier")
            .field("parties", &self.parties)
            .field("n_waiting", &self.n_waiting())
            .field("is_broken", &self.is_broken())
            .field("has_action", &self.action.is_some())
            .finish()
    }
}

/// The barrier was broken while (or before) this thread waited:
/// Python's `threading.BrokenBarrierError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrokenBarrierError;

impl fmt::Display for BrokenBarrierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("barrier is broken (a wait timed out, abort() or reset() was called, or the action panicked)")
    }
}

impl std::error::Error for BrokenBarrierError {}
