//! The calling thread's CPU time and context switches.
//!
//! A thread's *context* is what the kernel saves to stop it and restores to
//! resume it: the general registers, the instruction and stack pointers, the
//! floating-point and vector registers, the thread-local-storage pointer and
//! the signal mask. A switch between two threads of one process keeps the
//! address space; a switch between processes changes the page tables too.
//!
//! Linux counts two kinds of switches away from a thread:
//! - **voluntary**: the thread blocked (sleep, IO, a lock, waiting for a
//!   message) and gave the CPU up itself;
//! - **involuntary**: the scheduler preempted it, because its time slice ran
//!   out or a more deserving thread woke up. Only a preemptive scheduler makes these.
//!
//! These are counts of what happened, not promises: a sleep whose timer has
//! already fired when the thread would block (the thread was held up, say by
//! a busy host) returns without a switch. So the lessons state what the
//! counters show as claims ([`common::report::claim`]), never as asserts.
//!
//! Python: `resource.getrusage(resource.RUSAGE_THREAD)` (`ru_nvcsw`, `ru_nivcsw`).
//! Rust: [`nix::sys::resource::getrusage`] with `RUSAGE_THREAD`, on Linux
//! only: macOS and Windows do not count switches per thread, and there
//! [`ThreadUsage::current_thread`] returns [`io::ErrorKind::Unsupported`].
//! The CPU time comes from [`crate::cpu_time`], which works everywhere.

use std::io;
use std::ops::Sub;
use std::time::{Duration, Instant};

use crate::cpu_time::{process_cpu_time, thread_cpu_time};

/// One reading of a thread's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ThreadUsage {
    /// CPU time spent running, in user and kernel mode together.
    pub cpu_time: Duration,
    /// Switches away because the thread blocked.
    pub voluntary: u64,
    /// Switches away because the scheduler preempted the thread.
    pub involuntary: u64,
}

impl ThreadUsage {
    /// The calling thread's counters since it started (Linux; elsewhere an
    /// error of kind [`io::ErrorKind::Unsupported`] that says so).
    ///
    /// ```
    /// # #[cfg(target_os = "linux")] {
    /// let before = threads::context::ThreadUsage::current_thread().unwrap();
    /// std::thread::sleep(std::time::Duration::from_millis(2));
    /// let after = threads::context::ThreadUsage::current_thread().unwrap();
    /// assert!(after.voluntary >= before.voluntary); // counters only grow
    /// # }
    /// ```
    pub fn current_thread() -> io::Result<Self> {
        let (voluntary, involuntary) = switches()?;
        Ok(ThreadUsage {
            cpu_time: thread_cpu_time()?,
            voluntary,
            involuntary,
        })
    }

    /// All switches away from the thread, of either kind.
    pub fn switches(&self) -> u64 {
        self.voluntary + self.involuntary
    }
}

/// The calling thread's (voluntary, involuntary) switches.
#[cfg(target_os = "linux")]
fn switches() -> io::Result<(u64, u64)> {
    use nix::sys::resource::{UsageWho, getrusage};
    let usage = getrusage(UsageWho::RUSAGE_THREAD)?;
    let count = |n: nix::libc::c_long| u64::try_from(n).unwrap_or(0);
    Ok((
        count(usage.voluntary_context_switches()),
        count(usage.involuntary_context_switches()),
    ))
}

#[cfg(not(target_os = "linux"))]
fn switches() -> io::Result<(u64, u64)> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        format!(
            "{} does not count context switches per thread (Linux does: getrusage(RUSAGE_THREAD))",
            common::report::os_name()
        ),
    ))
}

/// The growth between two readings of the same thread (`later - earlier`).
impl Sub for ThreadUsage {
    type Output = ThreadUsage;

    fn sub(self, earlier: ThreadUsage) -> ThreadUsage {
        ThreadUsage {
            cpu_time: self.cpu_time.saturating_sub(earlier.cpu_time),
            voluntary: self.voluntary.saturating_sub(earlier.voluntary),
            involuntary: self.involuntary.saturating_sub(earlier.involuntary),
        }
    }
}

/// Runs `f` on the calling thread and returns its result with the growth of
/// the thread's counters meanwhile: its CPU time and its switches. Where the
/// OS has no such counters, returns the error before running `f`.
///
/// ```
/// use std::time::Duration;
/// # #[cfg(target_os = "linux")] {
/// let (turns, used) = threads::context::usage_during(|| common::workload::spin_for(Duration::from_millis(20))).unwrap();
/// assert!(turns > 0);
/// assert!(used.cpu_time > Duration::ZERO);
/// # }
/// ```
pub fn usage_during<R>(f: impl FnOnce() -> R) -> io::Result<(R, ThreadUsage)> {
    let before = ThreadUsage::current_thread()?;
    let result = f();
    Ok((result, ThreadUsage::current_thread()? - before))
}

/// Runs `f` and returns its result with how many CPUs the whole process kept
/// busy meanwhile, on average: its CPU time (all threads) divided by the wall
/// time. Two threads that really run at once score near 2; threads that take
/// turns (one CPU, a lock such as the GIL, a busy machine) score near 1 or less.
///
/// ```
/// use std::time::Duration;
/// let ((), busy) = threads::context::busy_cpus_during(|| {
///     common::workload::spin_for(Duration::from_millis(100));
/// })
/// .unwrap();
/// // One spinning thread keeps at most one CPU busy (slack for coarse clocks).
/// assert!(busy > 0.0 && busy < 1.5, "{busy}");
/// ```
pub fn busy_cpus_during<R>(f: impl FnOnce() -> R) -> io::Result<(R, f64)> {
    // ANCHOR: solution_busy_cpus
    // The process's CPU time counts every thread, also those that `f` starts.
    let before = process_cpu_time()?;
    let started = Instant::now();
    let result = f();
    let wall = started.elapsed();
    let cpu = process_cpu_time()?.saturating_sub(before);
    Ok((
        result,
        cpu.as_secs_f64() / wall.as_secs_f64().max(f64::MIN_POSITIVE),
    ))
    // ANCHOR_END: solution_busy_cpus
}
