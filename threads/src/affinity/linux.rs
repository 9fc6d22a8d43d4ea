//! Linux: a thread's mask is read and set by its thread id (`gettid`), with
//! `sched_getaffinity` and `sched_setaffinity`.

use std::io;

use nix::errno::Errno;
use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::{Pid, gettid};

/// A thread, as the kernel names it.
pub type Tid = Pid;

/// `CPU_SETSIZE`: 1024 on glibc.
pub const MASK_CPUS: usize = CpuSet::count();

pub fn this_thread() -> Tid {
    gettid()
}

/// An error for thread `tid`: `NotFound` when it has ended (`ESRCH`).
fn error(errno: Errno) -> io::Error {
    match errno {
        Errno::ESRCH => io::Error::new(io::ErrorKind::NotFound, "the thread has ended"),
        other => io::Error::from(other),
    }
}

pub fn mask_of(tid: Tid) -> io::Result<Vec<usize>> {
    let set = sched_getaffinity(tid).map_err(error)?;
    Ok((0..MASK_CPUS)
        .filter(|&cpu| set.is_set(cpu).unwrap_or(false))
        .collect())
}

/// Sets the mask of `tid` to exactly `cpus` (checked by the caller),
/// explaining the kernel's terse `EINVAL`.
pub fn set_mask(tid: Tid, cpus: &[usize]) -> io::Result<()> {
    let mut set = CpuSet::new();
    for &cpu in cpus {
        set.set(cpu).map_err(io::Error::from)?;
    }
    sched_setaffinity(tid, &set).map_err(|errno| match errno {
        Errno::EINVAL => io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "none of CPUs {cpus:?} is online and allowed here (allowed: {:?})",
                mask_of(gettid()).unwrap_or_default()
            ),
        ),
        other => error(other),
    })
}

/// The threads listed in `/proc/self/task` now.
pub fn threads_of_this_process() -> io::Result<Vec<Tid>> {
    let mut tids = Vec::new();
    for entry in std::fs::read_dir("/proc/self/task")? {
        let name = entry?.file_name();
        let tid: i32 = name.to_string_lossy().parse().map_err(|_| {
            io::Error::new(io::ErrorKind::InvalidData, "odd name in /proc/self/task")
        })?;
        tids.push(Pid::from_raw(tid));
    }
    Ok(tids)
}
