//! `concurrent.futures.ProcessPoolExecutor` on `fork`: [`ProcessPool`].
//!
//! ```
//! use processes::ProcessPool;
//! fn square(x: u64) -> u64 { x * x }
//! let pool = ProcessPool::new(2).unwrap();
//! assert_eq!(pool.map(square, 0..5).unwrap(), vec![0, 1, 4, 9, 16]);
//! pool.shutdown().unwrap();
//! ```
//!
//! **Read [`minimal`] first**: the same idea in about a hundred lines, fork,
//! pipes and `map`, with no failure handling. The files here make
//! it robust, one concern each.
//!
//! How it works: [`ProcessPool::new`] starts one manager thread per worker,
//! and each manager forks its worker (Python's `fork` start method) with two
//! pipes: jobs in, replies out. A job is the addresses of a trampoline (which
//! knows the types) and of the job function (valid in the child, which is a
//! copy of this very process image), and its argument as `postcard` bytes. The managers take jobs from a shared queue, write each to
//! their worker and read the reply. Shutdown closes the queue; each manager
//! then closes its job pipe, the worker sees end-of-file, `_exit`s, and is
//! reaped with `waitpid`.
//!
//! The pool's guarantees, and the file that keeps each:
//!
//! - **Any worker death breaks the pool, at once** (`manager.rs`). A manager
//!   watches its worker all the time, idle or busy: end-of-file on the reply
//!   pipe means the worker died. The manager reaps it right away, and every
//!   later call fails with [`PoolError::BrokenPool`] naming the worker and how
//!   it ended, as Python's `BrokenProcessPool`; [`ProcessPool::broken`] says
//!   so without submitting anything. (`doorbell.rs` is what lets a manager
//!   wait for a job and for its worker's death at once; `queue.rs` rings it.)
//! - **Workers die with their parent** (`parent_death.rs`): on Linux each
//!   worker asks the kernel for `SIGKILL` when its parent goes
//!   (`PR_SET_PDEATHSIG`); elsewhere it watches a pipe from the parent for
//!   the end-of-file that the parent's death brings. Even a parent killed
//!   with `SIGKILL` leaves no worker running.
//! - **A deadlocked worker is found** (`deadlock_watch.rs`) where `/proc`
//!   allows it (Linux); [`ProcessPool::deadlock_watch`] says whether it does.
//! - **Bounded sizes** (`process_pool.rs`, `job.rs`): at most
//!   [`ProcessPool::max_workers`] workers, and arguments and results of at
//!   most [`MAX_FRAME`](crate::frame::MAX_FRAME) bytes encoded; beyond
//!   either, a clear error, never a crash.
//!
//! The public types have a file each: `process_pool.rs`, `future.rs`
//! (Python's `Future`) and `error.rs`. The names follow Python's: a *job*
//! is one call of a function on an argument; the parent queues it as a
//! *work item* (`_WorkItem`) until a worker is free; `submit` returns its
//! *future*, whose `result()` waits for it.
//!
//! Windows has no `fork`: there [`ProcessPool::new`] returns
//! [`PoolError::Io`] with an `Unsupported` error, as everything that forks.

// Without `fork` (Windows) the managers and workers do not exist, and the
// pieces they use lie idle.
#[cfg(unix)]
mod deadlock_watch;
#[cfg_attr(not(unix), allow(dead_code))]
mod doorbell;
mod error;
mod future;
#[cfg_attr(not(unix), allow(dead_code))]
mod job;
#[cfg(unix)]
mod manager;
pub mod minimal;
#[cfg(unix)]
mod parent_death;
mod process_pool;
#[cfg_attr(not(unix), allow(dead_code))]
mod queue;
#[cfg_attr(not(unix), allow(dead_code))]
mod status;
#[cfg(unix)]
mod worker;

pub use error::PoolError;
pub use future::Future;
pub use process_pool::ProcessPool;

use std::sync::PoisonError;

/// The most workers one pool may have, whatever the machine.
///
/// A pool is for CPU-bound jobs, where workers beyond the number of cores add
/// only overhead, and each worker costs the parent a thread and two
/// descriptors: 256 workers stay well inside the usual limit of 1024 open
/// files. [`ProcessPool::max_workers`] may be lower still.
pub const MAX_WORKERS: usize = 256;

/// Locks a mutex whose data stays consistent even if a holder panicked.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many processes this user may have at all (`ulimit -u`,
/// `RLIMIT_NPROC`'s soft limit), or no limit where the OS has none.
#[cfg(unix)]
fn process_limit() -> usize {
    use nix::libc;
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit(2) writes one `rlimit`, which lives across the call.
    if unsafe { libc::getrlimit(libc::RLIMIT_NPROC, &mut limit) } != 0 {
        return usize::MAX;
    }
    usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
}

#[cfg(not(unix))]
fn process_limit() -> usize {
    usize::MAX
}
