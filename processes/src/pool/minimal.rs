//! The minimal process pool: read this one first.
//!
//! Python's `ProcessPoolExecutor().map(fn, items)` in about a hundred lines.
//! [`MinimalPool::new`] forks the workers, each with two pipes (jobs in,
//! results out); [`MinimalPool::map`] gives each worker one item at a time
//! and collects the results in input order. A job crosses the pipe as three
//! parts: the address of a `trampoline` (the one piece of code that knows
//! the argument and result types), the address of the job function, and the
//! argument as `postcard` bytes. Python pickles a function by its name; here
//! its address is enough, because a worker is a fork of this very process,
//! with the same code at the same addresses.
//!
//! What it leaves out, and [`ProcessPool`](super::ProcessPool) adds: a
//! queue that whichever worker is free takes from (here items go round-robin,
//! so one slow item holds up its whole round), panics reported as errors,
//! a worker's death noticed while idle and named in the error, workers
//! that die with their parent, a deadlock watch, and limits with clear
//! errors. Here a worker that dies (a panicking job ends its worker too)
//! only makes `map` fail with an `io::Error`. Jobs run in forked workers, so
//! the crate's fork-safety rules bind them as they bind a `ProcessPool`'s.
//!
//! ```
//! use processes::pool::minimal::MinimalPool;
//! # if cfg!(not(unix)) { return; }
//! fn square(x: u64) -> u64 { x * x }
//! let mut pool = MinimalPool::new(2).unwrap();
//! assert_eq!(pool.map(square, 0..5).unwrap(), vec![0, 1, 4, 9, 16]);
//! ```

use std::io::{self, PipeReader, PipeWriter};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::close_inherited::close_inherited_fds;
use crate::fork::{self, ForkedChild};
use crate::frame::{read_frame, write_frame};

/// Runs one job in a worker: decodes the argument, calls the job function
/// (given by its address) and encodes the result.
type Trampoline = fn(job_fn: usize, arg: &[u8]) -> postcard::Result<Vec<u8>>;

const WORD: usize = size_of::<usize>();

/// A pool of forked workers, fed one item at a time each.
#[derive(Debug)]
pub struct MinimalPool {
    workers: Vec<Worker>,
}

/// A forked worker and the parent's ends of its two pipes.
#[derive(Debug)]
struct Worker {
    child: ForkedChild,
    jobs: PipeWriter,
    results: PipeReader,
}

impl MinimalPool {
    /// Forks `workers` worker processes (at least one).
    ///
    /// # Errors
    /// If the OS refuses a pipe or a process (on Windows, always:
    /// `Unsupported`).
    pub fn new(workers: usize) -> io::Result<MinimalPool> {
        let workers = (0..workers.max(1)).map(|_| spawn_worker());
        Ok(MinimalPool {
            workers: workers.collect::<io::Result<_>>()?,
        })
    }

    /// `job_fn` over every item, results in input order (Python:
    /// `list(executor.map(fn, items))`). `&mut self`: one `map` at a time.
    ///
    /// # Errors
    /// If a pipe fails or a worker died (its result pipe closed).
    pub fn map<T, R>(
        &mut self,
        job_fn: fn(T) -> R,
        items: impl IntoIterator<Item = T>,
    ) -> io::Result<Vec<R>>
    where
        T: Serialize + DeserializeOwned,
        R: Serialize + DeserializeOwned,
    {
        // ANCHOR: solution_minimal_map
        let trampoline: Trampoline = trampoline::<T, R>;
        let items: Vec<T> = items.into_iter().collect();
        let mut results = Vec::with_capacity(items.len());
        // One item per worker per round: the round runs in parallel, and no
        // pipe fills up with work that nobody is reading yet.
        for round in items.chunks(self.workers.len()) {
            for (worker, item) in self.workers.iter_mut().zip(round) {
                let mut job = Vec::new();
                job.extend((trampoline as usize).to_ne_bytes());
                job.extend((job_fn as usize).to_ne_bytes());
                job.extend(postcard::to_allocvec(item).map_err(io::Error::other)?);
                write_frame(&mut worker.jobs, &job)?;
            }
            for worker in &mut self.workers[..round.len()] {
                let died = || io::Error::other(format!("worker {} died", worker.child.pid()));
                let bytes = read_frame(&mut worker.results)?.ok_or_else(died)?;
                results.push(postcard::from_bytes(&bytes).map_err(io::Error::other)?);
            }
        }
        Ok(results)
        // ANCHOR_END: solution_minimal_map
    }
}

impl Drop for MinimalPool {
    /// Closes every job pipe (a worker leaves on end-of-file) and reaps.
    fn drop(&mut self) {
        for worker in self.workers.drain(..) {
            drop(worker.jobs);
            let _ = worker.child.wait();
        }
    }
}

fn spawn_worker() -> io::Result<Worker> {
    let (job_reader, job_writer) = io::pipe()?; // close-on-exec
    let (result_reader, result_writer) = io::pipe()?;
    // SAFETY: the worker closes descriptors, reads and writes its pipes
    // (plain syscalls) and allocates, which the crate docs show to be safe
    // after a fork; job functions obey the same rules.
    let child = unsafe { fork::fork_child(move || serve(job_reader, result_writer)) }?;
    Ok(Worker {
        child,
        jobs: job_writer,
        results: result_reader,
    })
}

/// The worker process: run jobs until the job pipe closes.
fn serve(mut jobs: PipeReader, mut results: PipeWriter) -> i32 {
    // Hold no other pool's pipes open, or its workers never see end-of-file.
    close_inherited_fds(&[&jobs, &results]);
    while let Ok(Some(job)) = read_frame(&mut jobs) {
        let word = |i: usize| {
            usize::from_ne_bytes(job[i * WORD..][..WORD].try_into().expect("WORD bytes"))
        };
        // SAFETY: word 0 is the address of a `trampoline::<T, R>` that `map`
        // took in the parent, of which this process is a fork: same code,
        // same address.
        let trampoline = unsafe { std::mem::transmute::<usize, Trampoline>(word(0)) };
        let Ok(result) = trampoline(word(1), &job[2 * WORD..]) else {
            return 2; // the bytes did not decode as the argument's type
        };
        if write_frame(&mut results, &result).is_err() {
            return 3; // the parent has gone
        }
    }
    0
}

/// The [`Trampoline`] for a `fn(T) -> R`: `map` sends its address along
/// with the job function's, and only this instance knows `T` and `R`.
fn trampoline<T: DeserializeOwned, R: Serialize>(
    job_fn: usize,
    arg: &[u8],
) -> postcard::Result<Vec<u8>> {
    // SAFETY: `job_fn` is the address of the `fn(T) -> R` given to `map`,
    // sent with this very instance of `trampoline`; same code, same address.
    let job_fn = unsafe { std::mem::transmute::<usize, fn(T) -> R>(job_fn) };
    postcard::to_allocvec(&job_fn(postcard::from_bytes(arg)?))
}
