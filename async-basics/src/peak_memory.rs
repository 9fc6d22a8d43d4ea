//! The peak memory (resident set size) of one stretch of a run: reset the
//! peak, run, read it.
//!
//! Linux keeps a process's peak RSS (`VmHWM` in `/proc/self/status`), and
//! writing `5` to `/proc/self/clear_refs` resets it to the current RSS, so
//! each stretch gets a peak of its own. Other systems keep a peak too
//! (`getrusage`), but cannot reset it: there [`reset`] says so.
//!
//! ```
//! if async_basics::peak_memory::reset().is_ok() {
//!     let peak = async_basics::peak_memory::read().unwrap();
//!     assert!(peak > 0);
//! }
//! ```

use std::io;

/// Forgets the peak so far: from now on the peak is this stretch's own.
///
/// # Errors
/// `Unsupported` where the OS cannot reset it (all but Linux), or the error
/// of writing `/proc/self/clear_refs`.
pub fn reset() -> io::Result<()> {
    if cfg!(target_os = "linux") {
        std::fs::write("/proc/self/clear_refs", "5")
    } else {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "resetting the peak needs Linux's /proc/self/clear_refs",
        ))
    }
}

/// The process's peak resident set size since the last [`reset`], in bytes.
///
/// # Errors
/// Where `common::memory` cannot read it.
pub fn read() -> io::Result<u64> {
    common::memory::current().map(|m| m.peak_rss)
}
