//! Closing the descriptors a forked child inherited but does not own.
//!
//! A child of `fork` holds a copy of every descriptor the parent had open:
//! other pools' pipes, other children's pipes. As long as it holds the
//! writing end of some pipe, that pipe's reader never sees end-of-file, so a
//! pool would never learn that one of its workers died or finished. A pool
//! worker (and a [`fork_with_pipe`](crate::pipe::fork_with_pipe) child)
//! therefore closes everything but its own ends and 0, 1, 2, first thing.
//!
//! Linux (5.9 and later) and FreeBSD close a whole range in one call,
//! `close_range(2)`; macOS has no such call, so there it is one `close` per
//! possible descriptor number, up to the process's limit (`ulimit -n`, 256
//! by default on macOS). Windows has no `fork`, so nothing to close.

/// What a child may keep open: a pipe end, say.
#[cfg(unix)]
pub(crate) use std::os::fd::AsFd as Descriptor;
/// What a child may keep open: a pipe end, say.
#[cfg(windows)]
pub(crate) use std::os::windows::io::AsHandle as Descriptor;

/// Closes every descriptor but 0, 1, 2 and `keep`. Called only in a freshly
/// forked child, whose copies of the parent's descriptors no Rust object owns.
#[cfg(unix)]
pub(crate) fn close_inherited_fds(keep: &[&dyn Descriptor]) {
    use std::os::fd::AsRawFd;
    let mut keep: Vec<u32> = keep
        .iter()
        .map(|end| end.as_fd().as_raw_fd().unsigned_abs())
        .collect();
    keep.extend([0, 1, 2]);
    keep.sort_unstable();
    keep.dedup();
    let mut first = 0u32;
    for &fd in keep.iter().chain(std::iter::once(&u32::MAX)) {
        if fd > first {
            close_range(first, fd - 1);
        }
        first = fd.saturating_add(1);
    }
}

#[cfg(windows)]
pub(crate) fn close_inherited_fds(_keep: &[&dyn Descriptor]) {}

/// Closes `first..=last`: `close_range(2)` where the kernel has it, else one
/// `close` per number up to the descriptor limit.
#[cfg(unix)]
fn close_range(first: u32, last: u32) {
    use nix::libc;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: closing descriptors this process does not use; the kernel
    // checks the range.
    let done = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) } == 0;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let done = false;
    if !done {
        // SAFETY: sysconf has no preconditions.
        let open_max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
        // An unlimited or odd answer: the numbers a process usually gets.
        let limit = u32::try_from(open_max).unwrap_or(1024).min(1 << 16);
        for fd in first..=last.min(limit.saturating_sub(1)) {
            // SAFETY: as above; EBADF for unused numbers is harmless.
            unsafe { libc::close(fd as std::os::fd::RawFd) };
        }
    }
}
