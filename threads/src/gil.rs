//! [`Gil`]: a teaching model of CPython's Global Interpreter Lock.
//!
//! In CPython a thread must hold the GIL to run bytecode. The rules modelled
//! here are those of CPython's `Python/ceval_gil.c` (the "new GIL" of 3.2+):
//!
//! 1. A thread that wants the GIL waits for it, at most one *switch interval*
//!    at a time (`sys.getswitchinterval()`, 5 ms by default). If the interval
//!    passes and nobody has taken the GIL in between, it sets a *drop request*.
//! 2. The holder checks for a drop request between bytecodes
//!    ([`GilGuard::tick`]). Seeing one, it releases the GIL and waits until
//!    another thread has taken it (so it cannot grab it straight back).
//! 3. Around blocking IO the holder releases the GIL on its own
//!    ([`GilGuard::allow_threads`], C's `Py_BEGIN_ALLOW_THREADS`), so other
//!    threads run while it waits.
//!
//! So at most one thread runs "interpreted" work at any moment: CPU-bound work
//! gains nothing from more threads, while IO-bound work still overlaps.
//!
//! # What a real program uses instead
//!
//! Nothing: this is a model of CPython's lock, not a tool. Rust has no
//! interpreter state for one big lock to protect, and adding one would only
//! throw away the parallelism that the `gil_simulated` example measures. A
//! program that must limit how many threads compute sizes its thread pool
//! (rayon's, or `std::thread::available_parallelism`); one that shares data
//! puts that data, not the program, behind a `Mutex`. The course builds `Gil`
//! so that the notebook's claims about CPython (one thread at a time, the 5 ms
//! switch interval, IO that lets go) run, count and fail tests in Rust.
//!
//! CPython 3.13 and later can be built without the GIL (PEP 703, PEP 779:
//! `python3.14t`): there, threads run bytecode at once, as Rust threads do.
//!
//! The module also holds the notebook's own cell ([`notebook_cell`]) and the
//! work the 1.3 lessons run with and without the model ([`cpu_bound_on`],
//! [`io_bound_on`]).
//!
//! ```
//! use threads::gil::Gil;
//! let gil = Gil::new();
//! let total: u128 = std::thread::scope(|s| {
//!     let halves = [0..50_000, 50_000..100_000].map(|range| {
//!         let gil = &gil;
//!         s.spawn(move || threads::gil::sum_of_squares_holding(&mut gil.acquire(), range))
//!     });
//!     halves.into_iter().map(|h| h.join().unwrap()).sum()
//! });
//! assert_eq!(total, common::workload::sum_of_squares(100_000));
//! ```

use std::marker::PhantomData;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, ThreadId};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

// CPython's `take_gil`, `Gil::take`: waiting for the GIL (an exercise).
mod take;
// The notebook's cell, and its two threads on a timeline.
mod notebook;
// The lessons' CPU-bound and IO-bound work, without and with the Gil.
mod work;

pub use notebook::{SLICE, notebook_cell, two_threads_on_a_timeline};
pub use work::{WAIT, cpu_bound_on, io_bound_on};

/// CPython's default switch interval: `sys.getswitchinterval() == 0.005`.
pub const DEFAULT_SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// How many loop turns of [`sum_of_squares_holding`] make one "bytecode" between
/// two checks of the drop request.
pub const TURNS_PER_TICK: u64 = 1_000;

/// The lock. Share it by reference (scoped threads) or in an `Arc`.
#[derive(Debug)]
pub struct Gil {
    interval: Duration,
    state: Mutex<State>,
    /// Signalled when the GIL is released: waiters wait here.
    released: Condvar,
    /// Signalled when a thread takes the GIL: a holder that dropped it on
    /// request waits here until someone else has it.
    taken: Condvar,
    /// The drop request, read by the holder without locking (CPython's
    /// `gil_drop_request`, part of the "eval breaker"). Every access is
    /// `Relaxed`: it is written only under `state`'s lock, and the unlocked
    /// read is a hint that [`GilGuard::tick`] re-checks under the lock, which
    /// orders everything else (memory ordering: see the 3.7 memory_ordering topic).
    drop_request: AtomicBool,
}

#[derive(Debug, Default)]
struct State {
    holder: Option<ThreadId>,
    stats: GilStats,
}

/// What the GIL has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GilStats {
    /// How many times a thread took the GIL (CPython's `switch_number`).
    pub acquisitions: u64,
    /// How many times a waiter's interval ran out and it asked the holder to drop.
    pub drop_requests: u64,
    /// How many times a holder released the GIL because it was asked to:
    /// the forced hand-overs.
    pub forced_switches: u64,
}

impl Default for Gil {
    fn default() -> Self {
        Self::new()
    }
}

impl Gil {
    /// A free GIL with CPython's default switch interval of 5 ms.
    pub fn new() -> Self {
        Self::with_switch_interval(DEFAULT_SWITCH_INTERVAL)
    }

    /// A free GIL with another switch interval (`sys.setswitchinterval`).
    ///
    /// # Panics
    /// If `interval` is zero: a waiter would ask for the GIL without waiting.
    pub fn with_switch_interval(interval: Duration) -> Self {
        assert!(!interval.is_zero(), "the switch interval must be positive");
        Gil {
            interval,
            state: Mutex::new(State::default()),
            released: Condvar::new(),
            taken: Condvar::new(),
            drop_request: AtomicBool::new(false),
        }
    }

    /// The switch interval.
    pub fn switch_interval(&self) -> Duration {
        self.interval
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> GilStats {
        self.state.lock().stats
    }

    /// Waits for the GIL and returns the guard that holds it; dropping the
    /// guard releases it.
    ///
    /// # Panics
    /// If the calling thread already holds it (CPython's GIL is not
    /// re-entrant either: this would wait forever).
    ///
    /// ```
    /// let gil = threads::gil::Gil::new();
    /// let guard = gil.acquire();
    /// drop(guard);
    /// assert_eq!(gil.stats().acquisitions, 1);
    /// ```
    pub fn acquire(&self) -> GilGuard<'_> {
        self.take();
        GilGuard {
            gil: self,
            _not_send: PhantomData,
        }
    }

    /// CPython's `drop_gil`.
    fn release(&self) {
        let mut state = self.state.lock();
        debug_assert_eq!(state.holder, Some(thread::current().id()));
        state.holder = None;
        self.released.notify_one();
    }
}

/// Proof that the calling thread holds the [`Gil`]; releases it when dropped.
///
/// Not `Send`: the GIL is held by a thread, and must be released by it.
#[derive(Debug)]
#[must_use = "dropping the guard releases the GIL at once"]
pub struct GilGuard<'a> {
    gil: &'a Gil,
    _not_send: PhantomData<*const ()>,
}

impl GilGuard<'_> {
    /// The check between two bytecodes: if a waiter asked for the GIL, hand
    /// it over, wait until another thread has taken it, then wait to get it
    /// back. Returns whether a hand-over happened.
    ///
    /// ```
    /// let gil = threads::gil::Gil::new();
    /// let mut guard = gil.acquire();
    /// assert!(!guard.tick()); // nobody is waiting
    /// ```
    pub fn tick(&mut self) -> bool {
        // The cheap, lock-free check that runs between every two bytecodes.
        if !self.gil.drop_request.load(Ordering::Relaxed) {
            return false;
        }
        let mut state = self.gil.state.lock();
        if !self.gil.drop_request.load(Ordering::Relaxed) {
            return false;
        }
        state.holder = None;
        state.stats.forced_switches += 1;
        let seen = state.stats.acquisitions;
        self.gil.released.notify_one();
        // The waiter that asked is still waiting, so this ends: it takes the
        // GIL and bumps the count.
        while state.stats.acquisitions == seen {
            self.gil.taken.wait(&mut state);
        }
        drop(state);
        self.gil.take();
        true
    }

    /// Runs `f` with the GIL released, as CPython does around blocking IO
    /// and long C calls, and takes it back afterwards (also if `f` panics).
    ///
    /// ```
    /// use std::time::Duration;
    /// let gil = threads::gil::Gil::new();
    /// let mut guard = gil.acquire();
    /// guard.allow_threads(|| common::workload::blocking_io(Duration::from_millis(1)));
    /// assert_eq!(gil.stats().acquisitions, 2); // taken, released, taken back
    /// ```
    pub fn allow_threads<R>(&mut self, f: impl FnOnce() -> R) -> R {
        /// Takes the GIL back when dropped, so unwinding keeps the guard honest.
        struct TakeBack<'a>(&'a Gil);
        impl Drop for TakeBack<'_> {
            fn drop(&mut self) {
                self.0.take();
            }
        }
        self.gil.release();
        let _take_back = TakeBack(self.gil);
        f()
    }
}

impl Drop for GilGuard<'_> {
    fn drop(&mut self) {
        self.gil.release();
    }
}

/// The notebook's `cpu_bound_task` as "interpreted" code, run by a thread
/// that holds the Gil: `Σ i²` over `range`, checking for a drop request every
/// [`TURNS_PER_TICK`] turns (so a waiter gets its turn).
///
/// ```
/// let gil = threads::gil::Gil::new();
/// let sum = threads::gil::sum_of_squares_holding(&mut gil.acquire(), 0..10_000);
/// assert_eq!(sum, common::workload::sum_of_squares(10_000));
/// ```
pub fn sum_of_squares_holding(guard: &mut GilGuard<'_>, range: Range<u64>) -> u128 {
    let mut total = 0;
    let mut start = range.start;
    while start < range.end {
        let end = start.saturating_add(TURNS_PER_TICK).min(range.end);
        total += common::workload::sum_of_squares_range(start..end);
        guard.tick();
        start = end;
    }
    total
}
