//! Notebook section 3, "Модуль `threading`": Python's synchronisation
//! primitives and their Rust counterparts.
//!
//! Rust's standard library has `Mutex`, `Condvar`, `Barrier` and atomics;
//! parking_lot adds `ReentrantMutex` (Python's `RLock`). What neither has is
//! supplied here, each named after the Python class it stands for and small
//! enough to read in one sitting, each on one `Mutex` + `Condvar` pair (and
//! the fast semaphore on an atomic word first):
//!
//! | Python (`threading`) | here | what a production program uses |
//! | --- | --- | --- |
//! | `Semaphore` | [`Semaphore`] (`with sem:` is [`Semaphore::permit`]); step 2, [`FastSemaphore`], takes a free permit without a lock | a fixed number of workers, `tokio::sync::Semaphore` (async), or `Mutex` + `Condvar` |
//! | `BoundedSemaphore` | [`BoundedSemaphore`], over-release is a [`ReleaseError`] | RAII permits, which cannot be released twice |
//! | `Event` | [`Event`] | `OnceLock::wait`, `thread::park`, `Mutex<bool>` + `Condvar`; `tokio::sync::Notify` (async) |
//! | `Barrier` (breakable, with an action) | [`Barrier`], [`BrokenBarrierError`] | `std::sync::Barrier` (no action, timeout or abort); `tokio::sync::Barrier` (async) |
//! | `queue.Queue(maxsize)` on a `Condition` | [`BoundedQueue`] | a bounded channel (`crossbeam::channel::bounded`) |
//!
//! The course builds its own so that each Python class can be read whole, in
//! one small file, with CPython's semantics, and be model-checked; each type's
//! docs say what to use instead, and why.
//!
//! Everything is `Send + Sync`: share it through `Arc` or scoped threads.
//! The examples (`cargo run --release --example <name>`, listed in the crate
//! README) show each one next to the standard tools. Two small modules serve
//! them: [`lock_counter`] holds 3.1's notebook cell, which the tour's
//! `--compare` times too, and [`spawn`] starts a thread in a scope, ending the
//! run in one line when the OS refuses it.
//!
//! # Data races are compile errors
//!
//! Python lets two threads run `counter += 1` on one variable and loses
//! updates at run time. The same program in Rust does not compile: two
//! threads cannot both hold a `&mut` to `counter` (error E0499).
//!
//! ```compile_fail,E0499
//! let mut counter = 0;
//! std::thread::scope(|s| {
//!     s.spawn(|| counter += 1);
//!     s.spawn(|| counter += 1);
//! });
//! ```
//!
//! What still compiles is a *race condition* in safe code: a separate atomic
//! `load` and `store`, or a check and an act under two different lock
//! acquisitions. The `lost_updates` and `check_then_act` examples show both,
//! and their fixes; [`Account::withdraw`] checks and acts under one guard
//! even around a slow call, and [`transfer`] locks two accounts in one order
//! for everyone (the `deadlock_lock_order` example's lesson).
//!
//! # Exercises
//!
//! In a starter (`cargo xtask starter sync-primitives <dir>`), five pieces of
//! this crate are exercises: [`Semaphore::acquire`], the wake-up in
//! [`Semaphore::release_n`], [`Event::wait_timeout`], [`Account::withdraw`]
//! and [`transfer`]. `cargo test --test exercises` says which are done;
//! `EXERCISES.md` (from `exercises.toml`) states each one.
//!
//! # Model checking
//!
//! Under `RUSTFLAGS="--cfg loom"` the primitives run on loom's `Mutex` and
//! `Condvar` instead, and `tests/loom.rs` checks every interleaving of small
//! scenarios (see the crate README for the command).

mod account;
mod barrier;
mod bounded_queue;
mod bounded_semaphore;
mod event;
mod fast_semaphore;
pub mod lock_counter;
mod semaphore;
pub mod spawn;
mod sync;

pub use account::{Account, BankError, transfer};
pub use barrier::{Barrier, BrokenBarrierError};
pub use bounded_queue::BoundedQueue;
pub use bounded_semaphore::{BoundedSemaphore, BoundedSemaphorePermit, ReleaseError};
pub use event::Event;
pub use fast_semaphore::{FastSemaphore, FastSemaphorePermit};
pub use semaphore::{Semaphore, SemaphorePermit};

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    fn is_send_sync<T: Send + Sync>() {}

    #[test]
    fn everything_is_send_and_sync() {
        is_send_sync::<Account>();
        is_send_sync::<BankError>();
        is_send_sync::<Semaphore>();
        is_send_sync::<FastSemaphore>();
        is_send_sync::<BoundedQueue<u64>>();
        is_send_sync::<BoundedSemaphore>();
        is_send_sync::<SemaphorePermit<'_>>();
        is_send_sync::<Event>();
        is_send_sync::<Barrier>();
        is_send_sync::<ReleaseError>();
        is_send_sync::<BrokenBarrierError>();
    }
}
