//! Workers die with their parent, even one killed with `SIGKILL`, which runs
//! no destructor and so never shuts its pool down.
//!
//! - **Linux**: right after the fork, the worker asks the kernel for
//!   `SIGKILL` when its parent goes (`prctl(PR_SET_PDEATHSIG)`). The kernel
//!   sends it when the *thread* that forked the worker ends, not the
//!   process; so each worker is forked by its own manager thread, which ends
//!   only after it has reaped its worker.
//! - **Elsewhere (macOS)**: no such call exists. The parent keeps the
//!   writing end of a *lifeline*, a pipe it never writes to; the worker
//!   starts a thread that blocks reading the other end. When the parent
//!   dies, the kernel closes every descriptor it had, the read returns
//!   end-of-file, and that thread kills its own process with `SIGKILL`. (On
//!   Linux the lifeline is compiled too, and tested, but not used: the
//!   deadlock watch expects a worker with a single thread.)
//!
//! Either way the worker then checks that its parent is still the process
//! that forked it, in case the parent died before the watch was set up.

use std::io::{self, PipeReader, PipeWriter};

use nix::unistd::{Pid, getppid};

use crate::close_inherited::Descriptor;

/// The parent's end of a worker's lifeline: keep it until the worker is
/// reaped. (Empty on Linux, where the kernel watches instead.)
#[derive(Debug)]
pub(super) struct Lifeline {
    _held: Option<PipeWriter>,
}

/// The worker's end of its lifeline.
#[derive(Debug)]
pub(super) struct WorkerEnd {
    watched: Option<PipeReader>,
}

impl WorkerEnd {
    /// What the worker must keep open when it closes the others.
    pub(super) fn end(&self) -> Option<&dyn Descriptor> {
        self.watched.as_ref().map(|end| end as &dyn Descriptor)
    }
}

/// A lifeline for one worker, made before the fork.
///
/// # Errors
/// If the OS refuses the pipe (`ulimit -n`).
pub(super) fn lifeline() -> io::Result<(Lifeline, WorkerEnd)> {
    if cfg!(target_os = "linux") {
        return Ok((Lifeline { _held: None }, WorkerEnd { watched: None }));
    }
    let (watched, held) = io::pipe()?;
    Ok((
        Lifeline { _held: Some(held) },
        WorkerEnd {
            watched: Some(watched),
        },
    ))
}

/// In the worker, right after the fork (its other inherited descriptors,
/// the lifeline's writing end among them, already closed): arrange to be
/// killed when `parent` dies. `false` if `parent` is already gone.
pub(super) fn die_with(parent: Pid, end: WorkerEnd) -> bool {
    #[cfg(target_os = "linux")]
    let watching = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL).is_ok();
    #[cfg(not(target_os = "linux"))]
    let watching = end.watched.is_some_and(|end| watch_lifeline(end).is_ok());
    #[cfg(target_os = "linux")]
    drop(end);
    // Orphans get a new parent (pid 1 or a subreaper): ours died first.
    watching && getppid() == parent
}

/// Starts a thread that kills this process once `end` reads end-of-file.
///
/// A raw `pthread_create`, not `std::thread::spawn`: std's spawn takes locks
/// that another thread of the parent may have held at the fork (see the
/// crate docs). This thread only reads and, at the end, calls `kill`.
#[cfg(any(test, not(target_os = "linux")))]
pub(super) fn watch_lifeline(end: PipeReader) -> io::Result<()> {
    use std::os::fd::IntoRawFd;

    use nix::libc;

    extern "C" fn watch(fd: *mut libc::c_void) -> *mut libc::c_void {
        let fd = fd as usize as std::os::fd::RawFd;
        let mut byte = 0u8;
        loop {
            // SAFETY: a one-byte buffer that lives across the call.
            let n = unsafe { libc::read(fd, (&raw mut byte).cast(), 1) };
            let interrupted =
                n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted;
            if n <= 0 && !interrupted {
                // SAFETY: kill(2) on our own pid; SIGKILL ends the process.
                unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
            }
        }
    }

    let fd = end.into_raw_fd(); // the thread owns it until the process ends
    let mut thread = std::mem::MaybeUninit::<libc::pthread_t>::uninit();
    // SAFETY: `watch` has the signature pthread_create expects, and its
    // argument is a plain number, valid for as long as the thread runs.
    let created = unsafe {
        libc::pthread_create(
            thread.as_mut_ptr(),
            std::ptr::null(),
            watch,
            fd as usize as *mut _,
        )
    };
    if created != 0 {
        return Err(io::Error::from_raw_os_error(created));
    }
    // SAFETY: pthread_create succeeded, so it wrote the thread's id; the
    // thread is never joined.
    unsafe { libc::pthread_detach(thread.assume_init()) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use common::testing::within;

    use crate::fork::{ChildExit, Signal, fork_child};

    /// The lifeline that macOS relies on, tested here on every Unix: a
    /// child watching it dies with `SIGKILL` once its writing end closes.
    #[test]
    fn a_closed_lifeline_kills_the_watching_process() {
        let (watched, held) = std::io::pipe().unwrap();
        // SAFETY: the child closes descriptors, starts a raw thread (no
        // std lock, see watch_lifeline) and waits in pause(2).
        let child = unsafe {
            fork_child(move || {
                crate::close_inherited::close_inherited_fds(&[&watched]);
                if super::watch_lifeline(watched).is_err() {
                    return 1;
                }
                loop {
                    nix::unistd::pause();
                }
            })
        }
        .unwrap();
        drop(held);
        let exit = within(Duration::from_secs(60), move || child.wait().unwrap());
        assert_eq!(exit, ChildExit::Signaled(Signal::SIGKILL));
    }
}
