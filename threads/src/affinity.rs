//! Pinning a thread to chosen CPUs, and giving it its old CPUs back.
//!
//! Python: `os.sched_setaffinity(0, {0})` (or `taskset -c 0 python ...`).
//! Rust: [`pin_thread`] returns a [`Pinned`] guard; dropping it restores the
//! previous mask, also when the code in between panics.
//!
//! Pinning two busy threads to one CPU turns a multi-core machine into a
//! single-core one for them: the lesson of section 1.1 (multitasking is
//! switching, parallelism needs several cores).
//!
//! The mask belongs to a *thread*; a new thread inherits the mask of the
//! thread that starts it. What each OS offers:
//!
//! - **Linux**: `sched_setaffinity` on a thread id (`affinity/linux.rs`).
//! - **Windows**: `SetThreadAffinityMask`, which returns the previous mask
//!   (`affinity/windows.rs`; the first 64 CPUs, one processor group).
//! - **macOS** has no call that pins a thread (its affinity "tags" are hints
//!   that Apple silicon ignores): [`allowed_cpus`] lists every CPU, and
//!   [`pin_thread`] returns an error of kind [`io::ErrorKind::Unsupported`]
//!   (`affinity/unsupported.rs`).

use std::io;

#[cfg_attr(target_os = "linux", path = "affinity/linux.rs")]
#[cfg_attr(windows, path = "affinity/windows.rs")]
#[cfg_attr(
    not(any(target_os = "linux", windows)),
    path = "affinity/unsupported.rs"
)]
mod os;

/// How many CPUs a mask can name on this OS: CPU numbers are `0..MASK_CPUS`.
pub const MASK_CPUS: usize = os::MASK_CPUS;

/// The CPUs the calling thread may run on, in increasing order.
///
/// ```
/// let cpus = threads::affinity::allowed_cpus().unwrap();
/// assert!(!cpus.is_empty());
/// ```
pub fn allowed_cpus() -> io::Result<Vec<usize>> {
    os::mask_of(os::this_thread())
}

/// A clear error for an empty list or a CPU number no mask can hold.
fn check(cpus: &[usize]) -> io::Result<()> {
    let invalid = |message: String| Err(io::Error::new(io::ErrorKind::InvalidInput, message));
    match cpus.iter().find(|&&cpu| cpu >= MASK_CPUS) {
        _ if cpus.is_empty() => invalid("pin to which CPUs? the list is empty".into()),
        Some(cpu) => invalid(format!(
            "CPU {cpu} cannot exist (a mask holds CPUs 0..{MASK_CPUS})"
        )),
        None => Ok(()),
    }
}

/// Holds a pinning; dropping it restores each pinned thread's previous mask.
///
/// A thread that ended in the meantime is skipped. Threads started while the
/// pinning held keep the pinned mask they inherited.
#[derive(Debug)]
#[must_use = "dropping the guard at once undoes the pinning"]
pub struct Pinned {
    /// Each pinned thread with the CPUs it had before.
    saved: Vec<(os::Tid, Vec<usize>)>,
}

impl Pinned {
    /// The CPUs the pinned threads had before, as the first pinned thread saw them.
    pub fn previous_cpus(&self) -> Vec<usize> {
        self.saved
            .first()
            .map(|(_, cpus)| cpus.clone())
            .unwrap_or_default()
    }

    /// Restores the previous masks now, reporting the first error (dropping
    /// the guard does the same but has to ignore errors).
    pub fn restore(mut self) -> io::Result<()> {
        self.restore_all()
    }

    fn restore_all(&mut self) -> io::Result<()> {
        let mut first_error = Ok(());
        for (tid, cpus) in self.saved.drain(..) {
            match os::set_mask(tid, &cpus) {
                // NotFound: the thread has ended, there is nothing left to restore.
                Err(e) if e.kind() != io::ErrorKind::NotFound && first_error.is_ok() => {
                    first_error = Err(e);
                }
                _ => {}
            }
        }
        first_error
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        let _ = self.restore_all();
    }
}

/// Pins the calling thread to `cpus` until the guard is dropped.
///
/// # Errors
/// An empty list, a CPU number that cannot exist, CPUs none of which is
/// online and allowed for this process (`taskset`, containers, cgroups), or
/// [`io::ErrorKind::Unsupported`] on an OS that cannot pin (macOS).
///
/// ```
/// use threads::affinity::{allowed_cpus, pin_thread};
/// let before = allowed_cpus().unwrap();
/// match pin_thread(&before[..1]) {
///     Ok(_pinned) => assert_eq!(allowed_cpus().unwrap(), &before[..1]),
///     Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::Unsupported), // macOS
/// }
/// assert_eq!(allowed_cpus().unwrap(), before); // the guard was dropped
/// assert!(pin_thread(&[]).is_err());
/// ```
pub fn pin_thread(cpus: &[usize]) -> io::Result<Pinned> {
    // ANCHOR: solution_pin_thread
    check(cpus)?;
    let me = os::this_thread();
    // Read the old mask before changing it: the guard gives it back on drop.
    let previous = os::mask_of(me)?;
    os::set_mask(me, cpus)?;
    Ok(Pinned {
        saved: vec![(me, previous)],
    })
    // ANCHOR_END: solution_pin_thread
}

/// Pins every thread of the process to `cpus` until the guard is dropped
/// (the threads it has now; threads they start later inherit the pinned
/// mask). The calling thread is pinned first.
///
/// # Errors
/// As [`pin_thread`]; on an error, the threads already pinned are restored.
/// Listing a process's threads needs Linux's `/proc/self/task`: elsewhere
/// this returns [`io::ErrorKind::Unsupported`].
pub fn pin_process(cpus: &[usize]) -> io::Result<Pinned> {
    check(cpus)?;
    let me = os::this_thread();
    let mut tids = vec![me];
    tids.extend(
        os::threads_of_this_process()?
            .into_iter()
            .filter(|&t| t != me),
    );
    let mut pinned = Pinned { saved: Vec::new() };
    for tid in tids {
        let previous = match os::mask_of(tid) {
            Ok(previous) => previous,
            // Ended since we listed it.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        match os::set_mask(tid, cpus) {
            Ok(()) => pinned.saved.push((tid, previous)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            // Dropping `pinned` restores the threads done so far.
            Err(e) => return Err(e),
        }
    }
    Ok(pinned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_cpus_are_clear_errors() {
        let err = pin_thread(&[MASK_CPUS]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("cannot exist"), "{err}");
        let err = pin_thread(&[]).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }
}
