//! `os.fork()` and `os.waitpid()`: start a child process that runs a closure,
//! and collect how it ended.
//!
//! The child is a copy of the parent (Python's `fork` start method): it sees
//! the parent's memory as it was at the fork, and its own writes stay its own.
//! [`fork_child`] runs the closure in the child and ends the child with
//! `_exit`, whatever happens; see the crate docs for the fork-safety rules.

use std::fmt;
use std::io;
use std::os::fd::RawFd;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::libc;
use nix::sys::signal::Signal;
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid};

/// Set only in a forked child's copy of memory: its panics stay silent.
/// Relaxed everywhere: a forked child has one thread, which both sets and
/// reads it, and the parent's copy is never set (memory ordering: see the
/// 3.7 memory_ordering topic).
static IN_FORKED_CHILD: AtomicBool = AtomicBool::new(false);

/// The exit code of a child whose closure panicked (as a Rust `main` would).
pub const PANIC_EXIT_CODE: i32 = 101;

/// Installs, once per process and before any fork, a panic hook that stays
/// silent in forked children and defers to the previous hook everywhere else.
pub(crate) fn install_quiet_child_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            // In a child the default hook could block on a lock that another
            // parent thread held at fork time; the payload carries the message.
            if !IN_FORKED_CHILD.load(Ordering::Relaxed) {
                previous(info);
            }
        }));
    });
}

/// Whether this code runs in a child made by [`fork_child`].
///
/// ```
/// assert!(!processes::fork::in_forked_child());
/// ```
pub fn in_forked_child() -> bool {
    IN_FORKED_CHILD.load(Ordering::Relaxed)
}

/// A child started by [`fork_child`]; call [`ForkedChild::wait`] to reap it.
#[derive(Debug)]
#[must_use = "a child that is never waited for stays a zombie until the parent exits"]
pub struct ForkedChild {
    pid: Pid,
}

impl ForkedChild {
    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.pid.as_raw().unsigned_abs()
    }

    /// Blocks until the child ends and reaps it (`os.waitpid(pid, 0)`), so it
    /// leaves no zombie behind.
    pub fn wait(self) -> io::Result<ChildExit> {
        wait_for(self.pid)
    }
}

/// How a child process ended, as its parent sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildExit {
    /// It called `exit`/`_exit` with this code (Python: `os.WEXITSTATUS`).
    Exited(i32),
    /// A signal ended it (Python: `os.WTERMSIG`; `Popen.returncode` is
    /// minus the signal number).
    Signaled(Signal),
}

impl ChildExit {
    /// Whether it exited with code 0.
    pub fn success(self) -> bool {
        self == ChildExit::Exited(0)
    }
}

impl fmt::Display for ChildExit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChildExit::Exited(code) => write!(f, "exited with code {code}"),
            ChildExit::Signaled(signal) => write!(f, "killed by {signal}"),
        }
    }
}

/// `waitpid(pid, 0)` until the child has ended (stops are not reported
/// without `WUNTRACED`; an interrupted call is retried).
pub(crate) fn wait_for(pid: Pid) -> io::Result<ChildExit> {
    loop {
        match waitpid(pid, None) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(ChildExit::Exited(code)),
            Ok(WaitStatus::Signaled(_, signal, _)) => return Ok(ChildExit::Signaled(signal)),
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Forks; the child runs `child` and exits with the code it returns
/// ([`PANIC_EXIT_CODE`] if it panics). The parent gets the child's handle
/// right away; the closure (and whatever it owns) is dropped in the parent
/// without running, so moving one end of a pipe into it closes that end in
/// the parent.
///
/// ```
/// use processes::fork::{fork_child, ChildExit};
/// let mut seen_by_child = 1;
/// // SAFETY: the child only does arithmetic and returns: no lock, no output.
/// let child = unsafe {
///     fork_child(move || {
///         seen_by_child += 41; // the child's own copy
///         seen_by_child
///     })
/// }
/// .unwrap();
/// assert_eq!(child.wait().unwrap(), ChildExit::Exited(42));
/// ```
///
/// Unlike a pool worker, the child keeps every descriptor it inherited
/// (that is how a pipe end or a [`crate::pipe::QueueSender`] reaches it), so
/// while it runs it also holds any other pipe the parent had open, e.g. a
/// [`ProcessPool`](crate::ProcessPool)'s: whoever reads such a pipe sees its
/// end-of-file only once this child has ended too. Keep such children short,
/// or close what they do not need with `close_range(2)` first.
///
/// # Safety
/// If other threads exist when this is called, `child` must not take a lock
/// that one of them may hold at that moment, since no one will ever release
/// it in the child: no `print!`/`eprint!`, no `std::env`, no `Mutex` shared
/// with other threads, no panic hook changes. Allocation is fine on glibc and
/// musl (see the crate docs). With a single thread (a plain `main` before it
/// starts any) every closure is fine.
pub unsafe fn fork_child<F>(child: F) -> io::Result<ForkedChild>
where
    F: FnOnce() -> i32,
{
    install_quiet_child_panic_hook();
    // SAFETY: the child branch below runs only `child` (whose contract the
    // caller upholds) inside catch_unwind, then leaves with `_exit`; it never
    // returns into the caller's frames.
    match unsafe { nix::unistd::fork() }? {
        ForkResult::Parent { child: pid } => {
            drop(child);
            Ok(ForkedChild { pid })
        }
        ForkResult::Child => {
            IN_FORKED_CHILD.store(true, Ordering::Relaxed);
            let code = match panic::catch_unwind(AssertUnwindSafe(child)) {
                Ok(code) => code,
                Err(payload) => {
                    // Dropping a panic payload can panic again; leaking it
                    // costs nothing, the process ends on the next line.
                    std::mem::forget(payload);
                    PANIC_EXIT_CODE
                }
            };
            // SAFETY: `_exit` ends the process at once; it has no preconditions.
            unsafe { nix::libc::_exit(code) }
        }
    }
}

/// Closes every descriptor but 0, 1, 2 and `keep`, so that this worker holds
/// no other pool's or pipe's end open (its reader would never see
/// end-of-file). Called only in a freshly forked child.
pub(crate) fn close_inherited_fds(keep: &[RawFd]) {
    let mut keep: Vec<u32> = keep.iter().map(|&fd| fd.unsigned_abs()).collect();
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

/// `close_range(2)` (Linux 5.9), or one `close` per descriptor before that.
fn close_range(first: u32, last: u32) {
    // SAFETY: closing descriptors this process does not use; the kernel
    // checks the range. No Rust object owns them in the child (they belonged
    // to other parts of the parent).
    let done = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) } == 0;
    if !done {
        // SAFETY: sysconf has no preconditions.
        let open_max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
        let limit = u32::try_from(open_max).unwrap_or(1024);
        for fd in first..=last.min(limit.saturating_sub(1)) {
            // SAFETY: as above; EBADF for unused numbers is harmless.
            unsafe { libc::close(fd as RawFd) };
        }
    }
}

/// The message a panic carried: `panic!("...")` payloads are `&str` or `String`.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("a panic with a non-string payload")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_and_panics_reach_the_parent() {
        // SAFETY: the children return constants or panic (silently, see the
        // hook); they take no lock.
        let ok = unsafe { fork_child(|| 0) }.unwrap();
        let seven = unsafe { fork_child(|| 7) }.unwrap();
        let panics = unsafe { fork_child(|| panic!("boom in the child")) }.unwrap();
        assert!(ok.wait().unwrap().success());
        assert_eq!(seven.wait().unwrap(), ChildExit::Exited(7));
        assert_eq!(panics.wait().unwrap(), ChildExit::Exited(PANIC_EXIT_CODE));
    }

    #[test]
    fn signals_are_reported() {
        // SAFETY: abort takes no lock.
        let child = unsafe { fork_child(|| std::process::abort()) }.unwrap();
        assert_eq!(child.wait().unwrap(), ChildExit::Signaled(Signal::SIGABRT));
    }

    #[test]
    fn payload_messages() {
        let boxed: Box<dyn std::any::Any + Send> = Box::new(String::from("owned"));
        assert_eq!(panic_message(&*boxed), "owned");
        let boxed: Box<dyn std::any::Any + Send> = Box::new("static");
        assert_eq!(panic_message(&*boxed), "static");
        let boxed: Box<dyn std::any::Any + Send> = Box::new(3);
        assert_eq!(panic_message(&*boxed), "a panic with a non-string payload");
    }
}
