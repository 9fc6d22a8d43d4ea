//! `threading.Event`: a flag that threads can wait for.
//!
//! Besides the flag, the state counts how many times `set` ran. A waiter
//! (`Event::wait`, `Event::wait_timeout`) remembers the count it started with
//! and leaves as soon as it changes, so a `set` that is followed at once by
//! `clear` still wakes every thread that was waiting at the time (CPython
//! behaves the same way: `wait` returns `True`).

use std::fmt;
use std::time::Duration;

// parking_lot's Mutex and Condvar, swapped for loom's under `--cfg loom` so that
// tests/loom.rs model-checks this very code (the switch is in src/sync.rs).
use crate::sync::{Condvar, Mutex, deadline};

struct State {
    flag: bool,
    /// How many times `set` ran (wrapping): a waiter's wake-up ticket.
    sets: u64,
}

/// A flag that threads can wait for: Python's `threading.Event`.
///
/// ```
/// use std::time::Duration;
/// use sync_primitives::Event;
///
/// let started = Event::new();
/// std::thread::scope(|s| {
///     s.spawn(|| started.set());
///     started.wait(); // returns once the other thread has set it
/// });
/// assert!(started.is_set());
/// started.clear();
/// assert!(!started.wait_timeout(Duration::from_millis(10))); // times out
/// ```
///
/// # What a production program uses instead
///
/// std and parking_lot have no event type. For a one-shot signal,
/// `std::sync::OnceLock<()>` (`set`, then `wait` blocks until it is set; no
/// `clear`, no timeout); to wake one known thread, `thread::park`/`unpark`;
/// to wake everyone, drop the last sender of a crossbeam channel (the
/// `channels` example); for anything more, a `Mutex<bool>` + `Condvar`, which
/// is what this type is. In async code, `tokio::sync::Notify` or a `watch`
/// channel. The course builds its own to have all of `threading.Event`,
/// `clear` and timeouts included, in one small file.
pub struct Event {
    state: Mutex<State>,
    changed: Condvar,
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Self {
        Event {
            state: Mutex::new(State {
                flag: false,
                sets: 0,
            }),
            changed: Condvar::new(),
        }
    }

    /// Sets the flag and wakes every waiting thread.
    pub fn set(&self) {
        let mut state = self.state.lock();
        state.flag = true;
        state.sets = state.sets.wrapping_add(1);
        drop(state);
        self.changed.notify_all();
    }

    /// Resets the flag: later `wait` calls block until the next `set`.
    pub fn clear(&self) {
        self.state.lock().flag = false;
    }

    /// Whether the flag is set now.
    pub fn is_set(&self) -> bool {
        self.state.lock().flag
    }

    /// Blocks until the flag is set; returns at once if it already is.
    pub fn wait(&self) {
        let state = self.state.lock();
        if state.flag {
            return;
        }
        let ticket = state.sets;
        let mut state = state;
        while state.sets == ticket {
            state = self.changed.wait(state);
        }
    }

    /// Blocks until the flag is set or `timeout` passes. `false` only on a
    /// timeout: a waiter woken by `set` returns `true` even if `clear` ran
    /// before it woke up (as in CPython).
    pub fn wait_timeout(&self, timeout: Duration) -> bool {
        // ANCHOR: solution_event_wait_timeout
        // `None` for a timeout too long for an `Instant`: wait forever.
        let deadline = deadline(timeout);
        let mut state = self.state.lock();
        if state.flag {
            return true;
        }
        let ticket = state.sets;
        let mut timed_out = false;
        loop {
            // A `set` since we started, even if `clear` followed: true.
            if state.sets != ticket {
                return true;
            }
            if timed_out {
                return false;
            }
            // A wake-up that was no `set` loops back to wait for what is left.
            (state, timed_out) = self.changed.wait_deadline(state, deadline);
        }
        // ANCHOR_END: solution_event_wait_timeout
    }
}

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("is_set", &self.is_set())
            .finish()
    }
}
