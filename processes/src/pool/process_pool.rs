//! [`ProcessPool`]: the pool itself, Python's `ProcessPoolExecutor`;
//! [`ProcessPool::map`] is `executor.map` on top of [`ProcessPool::submit`].

use std::fmt;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::queue::{Queue, WorkItem};
use super::status::Status;
use super::{Future, MAX_WORKERS, PoolError, job};

/// A pool of forked worker processes: Python's `ProcessPoolExecutor`.
///
/// Job functions run in a forked child: they compute and return; they do not
/// print, read the environment or call `std::process::exit` (use
/// `nix::libc::_exit` to end a worker on purpose). Breaking these rules can
/// deadlock the worker on a lock copied in the locked state; the pool notices
/// within about a second and reports [`PoolError::BrokenPool`]. The crate
/// docs explain why.
///
/// Dropping the pool is [`ProcessPool::shutdown`] without the result: queued
/// jobs finish, then every worker is reaped. Like Python's executor, a job
/// that never returns keeps the pool (and so its drop) waiting.
///
/// # What a production program uses instead
///
/// This pool shows what `ProcessPoolExecutor` does under the hood (fork,
/// pipes, serialised jobs, a pool that breaks when a worker dies); a Rust
/// program seldom needs one. For CPU-bound work it uses rayon: threads share
/// memory, so nothing is serialised or copied, and no fork-safety rule binds
/// the jobs. For isolation (code that may crash, leak or hang) it runs a
/// separate program with `std::process::Command`: a fresh `exec`, not a copy
/// of a multi-threaded parent, talking through pipes or a socket. Read
/// [`minimal`](super::minimal) first: the same idea in about 100 lines.
pub struct ProcessPool {
    queue: Arc<Queue>,
    status: Arc<Status>,
    pids: Vec<u32>,
    /// Each returns how its worker ended: `Err` with a description if it did
    /// not exit cleanly.
    managers: Vec<JoinHandle<Result<(), String>>>,
}

impl fmt::Debug for ProcessPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessPool")
            .field("worker_pids", &self.pids)
            .field("broken", &self.broken())
            .field("deadlock_watch", &self.deadlock_watch())
            .finish()
    }
}

impl ProcessPool {
    /// Starts `workers` worker processes, each forked by a manager thread of
    /// its own. That thread lives until its worker is reaped, so the
    /// worker's parent-death signal, which the kernel ties to the *thread*
    /// that forked it, fires only when the whole parent process dies: a pool
    /// may be created on a short-lived thread and used from another.
    ///
    /// ```
    /// use processes::{PoolError, ProcessPool};
    /// assert!(matches!(ProcessPool::new(0), Err(PoolError::InvalidWorkers)));
    /// assert!(matches!(ProcessPool::new(usize::MAX), Err(PoolError::InvalidWorkers)));
    /// let pool = ProcessPool::new(3).unwrap();
    /// assert_eq!(pool.workers(), 3);
    /// ```
    ///
    /// # Errors
    /// [`PoolError::InvalidWorkers`] for 0 or more than
    /// [`ProcessPool::max_workers`] (checked before anything is allocated);
    /// [`PoolError::Io`] if the OS refuses a pipe, a thread or a process
    /// (`ulimit -n`, `ulimit -u`; the workers forked so far are reaped), or
    /// on Windows, which has no `fork` (`Unsupported`).
    pub fn new(workers: usize) -> Result<ProcessPool, PoolError> {
        if workers == 0 || workers > ProcessPool::max_workers() {
            return Err(PoolError::InvalidWorkers);
        }
        let mut pool = ProcessPool {
            queue: Arc::new(Queue::new()?),
            status: Arc::default(),
            pids: Vec::with_capacity(workers),
            managers: Vec::with_capacity(workers),
        };
        // On any error, dropping `pool` closes the queue and joins the
        // managers started so far, which reap their workers.
        pool.start(workers)?;
        Ok(pool)
    }

    /// Starts a manager thread per worker, each of which forks its worker
    /// and reports the pid, or why it could not.
    #[cfg(unix)]
    fn start(&mut self, workers: usize) -> Result<(), PoolError> {
        let (started, forked) = mpsc::channel();
        for i in 0..workers {
            let (queue, status) = (Arc::clone(&self.queue), Arc::clone(&self.status));
            let started = started.clone();
            let manager = std::thread::Builder::new()
                .name(format!("pool-manager-{i}"))
                .spawn(move || super::manager::manage(&queue, &status, started))?;
            self.managers.push(manager);
        }
        drop(started);
        for _ in 0..workers {
            let pid = forked.recv().map_err(|_| {
                std::io::Error::other("a pool manager ended before forking its worker")
            })??;
            self.pids.push(pid);
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn start(&mut self, _workers: usize) -> Result<(), PoolError> {
        Err(PoolError::Io(crate::fork::unsupported()))
    }

    /// One worker per CPU (`std::thread::available_parallelism`), as Python's
    /// `ProcessPoolExecutor()` with no argument, but no more than
    /// [`ProcessPool::max_workers`].
    ///
    /// # Errors
    /// As [`ProcessPool::new`].
    pub fn with_default_workers() -> Result<ProcessPool, PoolError> {
        let cpus = std::thread::available_parallelism().map_or(1, usize::from);
        ProcessPool::new(cpus.min(ProcessPool::max_workers()))
    }

    /// The most workers [`ProcessPool::new`] accepts: [`MAX_WORKERS`], or the
    /// `RLIMIT_NPROC` soft limit (`ulimit -u`, how many processes this user
    /// may have at all) if that is lower.
    ///
    /// ```
    /// let max = processes::ProcessPool::max_workers();
    /// assert!((1..=processes::pool::MAX_WORKERS).contains(&max));
    /// ```
    pub fn max_workers() -> usize {
        MAX_WORKERS.min(super::process_limit())
    }

    /// How many workers the pool forked.
    pub fn workers(&self) -> usize {
        self.pids.len()
    }

    /// The process ids of the workers, one per worker.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(2).unwrap();
    /// let pids = pool.worker_pids();
    /// assert_eq!(pids.len(), 2);
    /// assert!(!pids.contains(&std::process::id()));
    /// ```
    pub fn worker_pids(&self) -> Vec<u32> {
        self.pids.clone()
    }

    /// Why the pool is broken (which worker died, and how), or `None` while
    /// it is not. A worker that dies, even while idle, breaks the pool as
    /// soon as its manager has reaped it: no job needs to be submitted first.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(1).unwrap();
    /// assert_eq!(pool.broken(), None);
    /// ```
    pub fn broken(&self) -> Option<String> {
        self.status.broken()
    }

    /// Whether the deadlock watch works here: `Ok(())` if the pool could read
    /// every worker's `/proc/<pid>/syscall` so far, or `Err` saying what it
    /// could not read (`/proc` mounted with restrictions, ptrace access
    /// denied, a kernel without that file). Without the watch, a worker that
    /// deadlocks (a job calling `std::process::exit`, see the crate docs)
    /// makes [`Future::result`] wait forever, as a job that never ends does.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(1).unwrap();
    /// if let Err(why) = pool.deadlock_watch() {
    ///     eprintln!("deadlocked workers will not be detected: {why}");
    /// }
    /// ```
    pub fn deadlock_watch(&self) -> Result<(), String> {
        self.status.watch_unavailable().map_or(Ok(()), Err)
    }

    /// Queues `job_fn(arg)` to run in a worker and returns its [`Future`]
    /// (Python: `future = executor.submit(fn, arg)`). A non-capturing
    /// closure coerces to the `fn` pointer.
    ///
    /// ```
    /// # if cfg!(not(unix)) { return; }
    /// let pool = processes::ProcessPool::new(1).unwrap();
    /// let future = pool.submit(|name: String| format!("hello, {name}"), "pool".to_string()).unwrap();
    /// assert_eq!(future.result().unwrap(), "hello, pool");
    /// ```
    ///
    /// # Errors
    /// [`PoolError::BrokenPool`] once a worker has died; [`PoolError::Codec`]
    /// if `arg` cannot be encoded or is larger than a frame carries.
    pub fn submit<T, R>(&self, job_fn: fn(T) -> R, arg: T) -> Result<Future<R>, PoolError>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        if let Some(reason) = self.status.broken() {
            return Err(PoolError::BrokenPool { reason });
        }
        let (reply_to, reply) = mpsc::channel();
        let frame = job::job_frame(job_fn, &arg)?;
        self.queue.push(WorkItem { frame, reply_to })?;
        Ok(Future::new(reply))
    }

    /// `job_fn` over every item, results in input order (Python:
    /// `list(executor.map(fn, items))`). All items are queued first, so the
    /// workers run them in parallel.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(2).unwrap();
    /// let lengths = pool.map(|s: String| s.len(), ["a", "bcd", ""].map(String::from)).unwrap();
    /// assert_eq!(lengths, vec![1, 3, 0]);
    /// ```
    ///
    /// # Errors
    /// The first failed item's error, in input order (the other jobs still
    /// run; their results are dropped).
    pub fn map<T, R>(
        &self,
        job_fn: fn(T) -> R,
        items: impl IntoIterator<Item = T>,
    ) -> Result<Vec<R>, PoolError>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        // ANCHOR: solution_pool_map
        // Submit every item before waiting for any: the workers then run
        // them side by side. Each future keeps its place, so the order is kept.
        let futures = items
            .into_iter()
            .map(|item| self.submit(job_fn, item))
            .collect::<Result<Vec<_>, _>>()?;
        futures.into_iter().map(Future::result).collect()
        // ANCHOR_END: solution_pool_map
    }

    /// Finishes the queued jobs, then ends and reaps every worker (Python:
    /// `executor.shutdown(wait=True)`). No zombie and no orphan is left.
    ///
    /// # Errors
    /// [`PoolError::BrokenPool`] if a worker died or did not exit cleanly
    /// (the others are still reaped).
    pub fn shutdown(mut self) -> Result<(), PoolError> {
        self.close()
    }

    fn close(&mut self) -> Result<(), PoolError> {
        // Closing the queue ends each manager's loop once it is empty.
        self.queue.close();
        let mut unclean = Vec::new();
        for manager in self.managers.drain(..) {
            match manager.join() {
                Ok(Ok(())) => {}
                Ok(Err(exit)) => unclean.push(exit),
                Err(_) => unclean.push(String::from("a pool manager thread panicked")),
            }
        }
        if let Some(reason) = self.status.broken() {
            return Err(PoolError::BrokenPool { reason });
        }
        match unclean.is_empty() {
            true => Ok(()),
            false => Err(PoolError::BrokenPool {
                reason: unclean.join("; "),
            }),
        }
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        let _ = self.close();
    }
}
