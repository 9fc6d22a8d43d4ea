//! The calling thread's CPU time and context switches (Linux only).
//!
//! A thread's *context* is what the kernel saves to stop it and restores to
//! resume it: the general registers, the instruction and stack pointers, the
//! floating-point and vector registers, the thread-local-storage pointer and
//! the signal mask. A switch between two threads of one process keeps the
//! address space; a switch between processes changes the page tables too.
//!
//! The kernel counts two kinds of switches away from a thread:
//! - **voluntary**: the thread blocked (sleep, IO, a lock, waiting for a
//!   message) and gave the CPU up itself;
//! - **involuntary**: the scheduler preempted it, because its time slice ran
//!   out or a more deserving thread woke up. Only a preemptive scheduler makes these.
//!
//! Python: `resource.getrusage(resource.RUSAGE_THREAD)` (`ru_nvcsw`, `ru_nivcsw`)
//! and `time.thread_time()`.
//! Rust: [`nix::sys::resource::getrusage`] with `RUSAGE_THREAD` for the
//! switches, and `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` for the CPU time:
//! getrusage's own times for the running thread advance only at scheduler
//! ticks (every 1 to 10 ms), too coarse for short measurements.

use std::io;
use std::ops::Sub;
use std::time::{Duration, Instant};

use nix::sys::resource::{Usage, UsageWho, getrusage};
use nix::time::{ClockId, clock_gettime};

/// One reading of a thread's (or a process's) counters.
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
    /// The calling thread's counters since it started.
    ///
    /// ```
    /// use std::time::Duration;
    /// use threads::context::ThreadUsage;
    /// let before = ThreadUsage::current_thread().unwrap();
    /// std::thread::sleep(Duration::from_millis(2)); // blocks: a voluntary switch
    /// let delta = ThreadUsage::current_thread().unwrap() - before;
    /// assert!(delta.voluntary >= 1);
    /// ```
    pub fn current_thread() -> io::Result<Self> {
        read(UsageWho::RUSAGE_THREAD, ClockId::CLOCK_THREAD_CPUTIME_ID)
    }

    /// The whole process's counters (all its threads, living and ended).
    ///
    /// ```
    /// let me = threads::context::ThreadUsage::process().unwrap();
    /// assert!(me.cpu_time > std::time::Duration::ZERO);
    /// ```
    pub fn process() -> io::Result<Self> {
        read(UsageWho::RUSAGE_SELF, ClockId::CLOCK_PROCESS_CPUTIME_ID)
    }

    /// All switches away from the thread, of either kind.
    pub fn switches(&self) -> u64 {
        self.voluntary + self.involuntary
    }
}

/// The switch counters of `who`, and the CPU time of `clock` (nanoseconds).
fn read(who: UsageWho, clock: ClockId) -> io::Result<ThreadUsage> {
    let usage: Usage = getrusage(who)?;
    Ok(ThreadUsage {
        cpu_time: Duration::from(clock_gettime(clock)?),
        voluntary: usage.voluntary_context_switches().max(0) as u64,
        involuntary: usage.involuntary_context_switches().max(0) as u64,
    })
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
/// the thread's counters meanwhile: its CPU time and its switches.
///
/// ```
/// use std::time::Duration;
/// let (turns, used) = threads::context::usage_during(|| common::workload::spin_for(Duration::from_millis(20))).unwrap();
/// assert!(turns > 0);
/// assert!(used.cpu_time > Duration::ZERO);
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
///     common::workload::spin_for(Duration::from_millis(20));
/// })
/// .unwrap();
/// // One spinning thread can keep at most one CPU busy (a little slack for the clocks).
/// assert!(busy > 0.0 && busy < 1.1, "{busy}");
/// ```
pub fn busy_cpus_during<R>(f: impl FnOnce() -> R) -> io::Result<(R, f64)> {
    // ANCHOR: solution_busy_cpus
    // The process's CPU time counts every thread, also those that `f` starts.
    let before = ThreadUsage::process()?;
    let started = Instant::now();
    let result = f();
    let wall = started.elapsed();
    let cpu = (ThreadUsage::process()? - before).cpu_time;
    Ok((
        result,
        cpu.as_secs_f64() / wall.as_secs_f64().max(f64::MIN_POSITIVE),
    ))
    // ANCHOR_END: solution_busy_cpus
}
