//! Windows: `SetThreadAffinityMask` sets a thread's mask and returns the one
//! it replaces. A mask is one `usize` bit per CPU, in the process's processor
//! group: the first 64 CPUs (a machine with more has several groups).

use std::io;

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetCurrentThreadId, GetProcessAffinityMask, OpenThread,
    SetThreadAffinityMask, THREAD_QUERY_INFORMATION, THREAD_SET_INFORMATION,
};

/// A thread, as `GetCurrentThreadId` names it.
pub type Tid = u32;

pub const MASK_CPUS: usize = usize::BITS as usize;

pub fn this_thread() -> Tid {
    // SAFETY: no arguments, no preconditions.
    unsafe { GetCurrentThreadId() }
}

fn cpus_in(mask: usize) -> Vec<usize> {
    (0..MASK_CPUS)
        .filter(|cpu| mask & (1 << cpu) != 0)
        .collect()
}

/// The process's mask: every thread's mask is a subset of it.
fn process_mask() -> io::Result<usize> {
    let (mut process, mut system) = (0, 0);
    // SAFETY: the pseudo-handle of this process, and two valid out-pointers.
    let ok = unsafe { GetProcessAffinityMask(GetCurrentProcess(), &mut process, &mut system) };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(process)
}

/// Sets `mask` on thread `tid`, returning the mask it had (`NotFound` if
/// the thread has ended).
fn swap_mask(tid: Tid, mask: usize) -> io::Result<usize> {
    // SAFETY: OpenThread takes plain values and returns a handle or null.
    let thread: HANDLE =
        unsafe { OpenThread(THREAD_SET_INFORMATION | THREAD_QUERY_INFORMATION, 0, tid) };
    if thread.is_null() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "the thread has ended",
        ));
    }
    // SAFETY: `thread` is a valid handle, closed once, right after its use.
    let previous = unsafe { SetThreadAffinityMask(thread, mask) };
    let error = io::Error::last_os_error();
    // SAFETY: as above.
    unsafe { CloseHandle(thread) };
    if previous == 0 {
        return Err(error);
    }
    Ok(previous)
}

/// Windows cannot read a thread's mask without setting one: set the
/// process's (always allowed), then put the old one back.
pub fn mask_of(tid: Tid) -> io::Result<Vec<usize>> {
    let previous = swap_mask(tid, process_mask()?)?;
    swap_mask(tid, previous)?;
    Ok(cpus_in(previous))
}

pub fn set_mask(tid: Tid, cpus: &[usize]) -> io::Result<()> {
    let mask = cpus.iter().fold(0usize, |mask, cpu| mask | 1 << cpu);
    match swap_mask(tid, mask) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "none of CPUs {cpus:?} is allowed here (allowed: {:?}): {e}",
                process_mask().map(cpus_in).unwrap_or_default()
            ),
        )),
        other => other.map(drop),
    }
}

pub fn threads_of_this_process() -> io::Result<Vec<Tid>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "listing a process's threads needs Linux's /proc/self/task",
    ))
}
