//! Pinning a thread or the whole process to chosen CPUs (Linux only).
//!
//! Python: `os.sched_setaffinity(0, {0})` (or `taskset -c 0 python ...`).
//! Rust: [`nix::sched::sched_setaffinity`], wrapped so the previous mask
//! comes back when the returned [`Pinned`] guard is dropped, also when the
//! code in between panics.
//!
//! Pinning two busy threads to one CPU turns a multi-core machine into a
//! single-core one for them: the lesson of section 1.1 (multitasking is
//! switching, parallelism needs several cores).
//!
//! The affinity mask belongs to a *thread*; a new thread inherits the mask of
//! the thread that starts it. [`pin_thread`] changes the calling thread only;
//! [`pin_process`] changes every thread the process has at the time.

use std::io;

use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::{Pid, gettid};

/// The CPUs the calling thread may run on, in increasing order.
///
/// ```
/// let cpus = threads::affinity::allowed_cpus().unwrap();
/// assert!(!cpus.is_empty());
/// ```
pub fn allowed_cpus() -> io::Result<Vec<usize>> {
    Ok(cpus_in(
        &sched_getaffinity(gettid()).map_err(io::Error::from)?,
    ))
}

/// The CPUs in a mask, in increasing order.
fn cpus_in(set: &CpuSet) -> Vec<usize> {
    (0..CpuSet::count())
        .filter(|&cpu| set.is_set(cpu).unwrap_or(false))
        .collect()
}

/// A mask of exactly `cpus`, or a clear error for an empty or impossible list.
fn mask_of(cpus: &[usize]) -> io::Result<CpuSet> {
    if cpus.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "pin to which CPUs? the list is empty",
        ));
    }
    let mut set = CpuSet::new();
    for &cpu in cpus {
        set.set(cpu).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "CPU {cpu} cannot exist (a mask holds CPUs 0..{})",
                    CpuSet::count()
                ),
            )
        })?;
    }
    Ok(set)
}

/// Sets the mask of thread `tid`, explaining the kernel's terse `EINVAL`.
fn set_mask(tid: Pid, set: &CpuSet) -> io::Result<()> {
    sched_setaffinity(tid, set).map_err(|errno| {
        if errno == nix::Error::EINVAL {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "none of CPUs {:?} is online and allowed here (allowed: {:?})",
                    cpus_in(set),
                    allowed_cpus().unwrap_or_default()
                ),
            )
        } else {
            io::Error::from(errno)
        }
    })
}

/// Holds a pinning; dropping it restores each pinned thread's previous mask.
///
/// A thread that ended in the meantime is skipped. Threads started while the
/// pinning held keep the pinned mask they inherited.
#[derive(Debug)]
#[must_use = "dropping the guard at once undoes the pinning"]
pub struct Pinned {
    /// Each pinned thread with the mask it had before.
    saved: Vec<(Pid, CpuSet)>,
}

impl Pinned {
    /// The CPUs the pinned threads had before, as the first pinned thread saw them.
    pub fn previous_cpus(&self) -> Vec<usize> {
        self.saved
            .first()
            .map(|(_, set)| cpus_in(set))
            .unwrap_or_default()
    }

    /// Restores the previous masks now, reporting the first error (dropping
    /// the guard does the same but has to ignore errors).
    pub fn restore(mut self) -> io::Result<()> {
        self.restore_all()
    }

    fn restore_all(&mut self) -> io::Result<()> {
        let mut first_error = Ok(());
        for (tid, set) in self.saved.drain(..) {
            match sched_setaffinity(tid, &set) {
                // The thread has ended: there is nothing left to restore.
                Ok(()) | Err(nix::Error::ESRCH) => {}
                Err(e) => {
                    if first_error.is_ok() {
                        first_error = Err(io::Error::from(e));
                    }
                }
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
/// An empty list, a CPU number that cannot exist, or CPUs none of which is
/// online and allowed for this process (`taskset`, containers, cgroups).
///
/// ```
/// use threads::affinity::{allowed_cpus, pin_thread};
/// let before = allowed_cpus().unwrap();
/// {
///     let _pinned = pin_thread(&before[..1]).unwrap();
///     assert_eq!(allowed_cpus().unwrap(), &before[..1]);
/// }
/// assert_eq!(allowed_cpus().unwrap(), before);
/// assert!(pin_thread(&[]).is_err());
/// ```
pub fn pin_thread(cpus: &[usize]) -> io::Result<Pinned> {
    // ANCHOR: solution_pin_thread
    let set = mask_of(cpus)?;
    let tid = gettid();
    // Read the old mask before changing it: the guard gives it back on drop.
    let previous = sched_getaffinity(tid).map_err(io::Error::from)?;
    set_mask(tid, &set)?;
    Ok(Pinned {
        saved: vec![(tid, previous)],
    })
    // ANCHOR_END: solution_pin_thread
}

/// Pins every thread of the process to `cpus` until the guard is dropped
/// (the threads listed in `/proc/self/task` now; threads they start later
/// inherit the pinned mask). The calling thread is pinned first.
///
/// # Errors
/// As [`pin_thread`]; on an error, the threads already pinned are restored.
pub fn pin_process(cpus: &[usize]) -> io::Result<Pinned> {
    let set = mask_of(cpus)?;
    let me = gettid();
    let mut tids = vec![me];
    for entry in std::fs::read_dir("/proc/self/task")? {
        let tid: i32 = entry?
            .file_name()
            .to_string_lossy()
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "odd /proc/self/task"))?;
        if tid != me.as_raw() {
            tids.push(Pid::from_raw(tid));
        }
    }
    let mut pinned = Pinned { saved: Vec::new() };
    for tid in tids {
        let previous = match sched_getaffinity(tid) {
            Ok(previous) => previous,
            // Ended since we listed it.
            Err(nix::Error::ESRCH) => continue,
            Err(e) => return Err(e.into()),
        };
        match set_mask(tid, &set) {
            Ok(()) => pinned.saved.push((tid, previous)),
            Err(e) if e.raw_os_error() == Some(nix::libc::ESRCH) => continue,
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
        let err = pin_thread(&[CpuSet::count()]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("cannot exist"), "{err}");
        let err = pin_thread(&[]).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }
}
