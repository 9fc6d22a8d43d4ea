//! What one job costs: a job submitted and awaited, again and again, on one
//! worker (the tour's `--compare` row "pool-job", and the bench), and where
//! that time goes, hop by hop.
//!
//! A job's round trip wakes four sleepers in turn: the manager thread (the
//! queue's doorbell), the worker process (the job pipe), the manager again
//! (the reply pipe), and the thread waiting in `result()` (a channel).
//! [`hops`] times the way there and the way back from the worker's own clock,
//! and, for scale, one thread woken through a channel and one process woken
//! through a pipe, each alone.

use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::notebook::square;
use crate::pipe::fork_with_pipe;
use crate::{PoolError, ProcessPool};

/// Jobs run first, untimed, so that the worker is started and warm.
pub const WARM_UP: u64 = 100;

/// The median time of one job submitted and awaited (`pool.submit(square,
/// x)?.result()`), over `jobs` jobs in a row on a pool of one worker, after
/// [`WARM_UP`] untimed ones.
///
/// # Errors
/// As [`ProcessPool::new`] and [`ProcessPool::submit`].
pub fn median(jobs: usize) -> Result<Duration, PoolError> {
    let pool = ProcessPool::new(1)?;
    for x in 0..WARM_UP {
        assert_eq!(pool.submit(square, x)?.result()?, x * x, "warm-up job");
    }
    let mut times = Vec::with_capacity(jobs);
    for x in 0..jobs as u64 {
        let started = Instant::now();
        assert_eq!(pool.submit(square, x)?.result()?, x * x, "job {x}");
        times.push(started.elapsed());
    }
    pool.shutdown()?;
    Ok(median_of(times))
}

/// Where a round trip's time goes: medians over many jobs.
#[derive(Debug, Clone, Copy)]
pub struct Hops {
    /// `submit` itself: encode the argument, queue the work item, ring the
    /// doorbell.
    pub submit: Duration,
    /// From `submit`'s return until the job starts in the worker: the
    /// manager wakes and writes the job down the pipe, the worker wakes.
    pub there: Duration,
    /// From the job's end until `result()` returns: the worker writes the
    /// reply, the manager wakes and passes it on, the waiting thread wakes.
    pub back: Duration,
    /// The whole round trip, as [`median`] times it.
    pub whole: Duration,
    /// For scale: one thread woken through a channel, alone.
    pub thread_wake: Duration,
    /// For scale: one process woken through a pipe, alone.
    pub process_wake: Duration,
}

/// Set before the pool forks, so the worker has the same value: the job
/// tells the time on the clock that parent and worker share.
static ORIGIN: OnceLock<Instant> = OnceLock::new();

/// The job: when it ran, on the shared clock.
fn stamp(_: ()) -> Duration {
    ORIGIN.get().expect("set before the fork").elapsed()
}

/// [`Hops`] over `jobs` jobs in a row on one worker, after a warm-up.
///
/// # Errors
/// As [`ProcessPool::new`], [`ProcessPool::submit`], and the OS refusing the
/// thread or the process that measure one wake-up alone.
pub fn hops(jobs: usize) -> Result<Hops, PoolError> {
    let origin = *ORIGIN.get_or_init(Instant::now);
    let pool = ProcessPool::new(1)?;
    for _ in 0..WARM_UP {
        pool.submit(stamp, ())?.result()?;
    }
    let (mut submit, mut there, mut back, mut whole) = (vec![], vec![], vec![], vec![]);
    for _ in 0..jobs {
        let started = Instant::now();
        let future = pool.submit(stamp, ())?;
        let submitted = Instant::now();
        let ran = origin + future.result()?;
        let done = Instant::now();
        submit.push(submitted - started);
        there.push(ran.saturating_duration_since(submitted));
        back.push(done.saturating_duration_since(ran));
        whole.push(done - started);
    }
    pool.shutdown()?;
    Ok(Hops {
        submit: median_of(submit),
        there: median_of(there),
        back: median_of(back),
        whole: median_of(whole),
        thread_wake: thread_wake(jobs)?,
        process_wake: process_wake(jobs)?,
    })
}

/// Half of a ping-pong between two threads over channels: one wake-up.
fn thread_wake(rounds: usize) -> Result<Duration, PoolError> {
    let (to_echo, echo_in) = mpsc::channel::<u64>();
    let (echo_out, back) = mpsc::channel::<u64>();
    let echo = std::thread::Builder::new().spawn(move || {
        for x in echo_in {
            let _ = echo_out.send(x);
        }
    })?;
    let mut times = Vec::with_capacity(rounds);
    for x in 0..WARM_UP + rounds as u64 {
        let started = Instant::now();
        let _ = to_echo.send(x);
        let _ = back.recv();
        if x >= WARM_UP {
            times.push(started.elapsed() / 2);
        }
    }
    drop(to_echo);
    let _ = echo.join();
    Ok(median_of(times))
}

/// Half of a ping-pong with a forked child over pipes: one wake-up.
fn process_wake(rounds: usize) -> Result<Duration, PoolError> {
    // SAFETY: the child echoes through its pipes: plain reads and writes of
    // frames, and allocation, which the crate docs show to be safe.
    let (child, mut conn) = unsafe {
        fork_with_pipe(|mut conn| {
            while let Ok(Some(x)) = conn.recv::<u64>() {
                if conn.send(&x).is_err() {
                    return 1;
                }
            }
            0
        })
    }?;
    let mut times = Vec::with_capacity(rounds);
    for x in 0..WARM_UP + rounds as u64 {
        let started = Instant::now();
        conn.send(&x)?;
        conn.recv::<u64>()?;
        if x >= WARM_UP {
            times.push(started.elapsed() / 2);
        }
    }
    drop(conn); // end of stream: the child leaves its loop
    child.wait()?;
    Ok(median_of(times))
}

fn median_of(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
