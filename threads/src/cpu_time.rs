//! CPU time: how long the calling thread, or the whole process, has run on a
//! CPU (user and kernel mode together), on every OS.
//!
//! Python: `time.thread_time()` and `time.process_time()`.
//! Rust: `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` and
//! `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)` on Linux and macOS (nanoseconds),
//! `GetThreadTimes` and `GetProcessTimes` on Windows (100 ns units, updated
//! at the scheduler's tick on some versions).
//!
//! CPU time against wall time is how the lessons show what ran at once: two
//! threads that really run in parallel use two seconds of CPU per second.

use std::io;
use std::time::Duration;

/// How coarse these clocks may be: a thread's CPU time can be off by this
/// much (nanoseconds on Linux and macOS; Windows counts at its scheduler's
/// 15.6 ms tick).
pub const GRANULARITY: Duration = if cfg!(windows) {
    Duration::from_micros(15_625)
} else {
    Duration::from_millis(1)
};

/// The calling thread's CPU time since it started.
///
/// ```
/// let before = threads::cpu_time::thread_cpu_time().unwrap();
/// std::hint::black_box(common::workload::sum_of_squares(1_000_000));
/// assert!(threads::cpu_time::thread_cpu_time().unwrap() > before);
/// ```
pub fn thread_cpu_time() -> io::Result<Duration> {
    os::thread()
}

/// The whole process's CPU time: every thread's, living and ended.
///
/// ```
/// assert!(threads::cpu_time::process_cpu_time().unwrap() > std::time::Duration::ZERO);
/// ```
pub fn process_cpu_time() -> io::Result<Duration> {
    os::process()
}

#[cfg(unix)]
mod os {
    use std::io;
    use std::time::Duration;

    use nix::time::{ClockId, clock_gettime};

    fn read(clock: ClockId) -> io::Result<Duration> {
        Ok(Duration::from(clock_gettime(clock)?))
    }

    pub fn thread() -> io::Result<Duration> {
        read(ClockId::CLOCK_THREAD_CPUTIME_ID)
    }

    pub fn process() -> io::Result<Duration> {
        read(ClockId::CLOCK_PROCESS_CPUTIME_ID)
    }
}

#[cfg(windows)]
mod os {
    use std::io;
    use std::time::Duration;

    use windows_sys::Win32::Foundation::{FILETIME, HANDLE};
    use windows_sys::Win32::System::Threading::{
        GetCurrentProcess, GetCurrentThread, GetProcessTimes, GetThreadTimes,
    };

    type Times = unsafe extern "system" fn(
        HANDLE,
        *mut FILETIME,
        *mut FILETIME,
        *mut FILETIME,
        *mut FILETIME,
    ) -> windows_sys::core::BOOL;

    /// Kernel plus user time of `handle`, read by `times`.
    fn read(times: Times, handle: HANDLE) -> io::Result<Duration> {
        let zero = FILETIME {
            dwLowDateTime: 0,
            dwHighDateTime: 0,
        };
        let [mut created, mut exited, mut kernel, mut user] = [zero; 4];
        // SAFETY: a pseudo-handle of this thread or process, valid while we
        // run, and four valid out-pointers.
        let ok = unsafe { times(handle, &mut created, &mut exited, &mut kernel, &mut user) };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        let ticks = |t: FILETIME| u64::from(t.dwHighDateTime) << 32 | u64::from(t.dwLowDateTime);
        Ok(Duration::from_nanos((ticks(kernel) + ticks(user)) * 100))
    }

    pub fn thread() -> io::Result<Duration> {
        // SAFETY: no arguments; the pseudo-handle needs no closing.
        read(GetThreadTimes, unsafe { GetCurrentThread() })
    }

    pub fn process() -> io::Result<Duration> {
        // SAFETY: as above.
        read(GetProcessTimes, unsafe { GetCurrentProcess() })
    }
}
