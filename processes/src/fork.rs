//! `os.fork()` and `os.waitpid()`: start a child process that runs a closure,
//! and collect how it ended.
//!
//! The child is a copy of the parent (Python's `fork` start method): it sees
//! the parent's memory as it was at the fork, and its own writes stay its own.
//! [`fork_child`] runs the closure in the child and ends the child with
//! `_exit`, whatever happens; see the crate docs for the fork-safety rules.
//!
//! Linux and macOS have `fork(2)`; Windows does not (a new process there
//! always starts a program from scratch). On Windows [`fork_child`] returns
//! an `Unsupported` error, and [`require_fork`](crate::lesson::require_fork)
//! ends an example with one line that says so.

use std::fmt;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// A signal that ended a child (Unix); see [`ChildExit::Signaled`].
#[cfg(unix)]
pub use nix::sys::signal::Signal;

/// Windows ends no process by a Unix signal. This stands in for the Unix
/// type, with the names the lessons use, so that [`ChildExit`] and the code
/// that matches on it are the same on every OS.
#[cfg(not(unix))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal(&'static str);

#[cfg(not(unix))]
impl Signal {
    /// `abort()`'s signal.
    pub const SIGABRT: Signal = Signal("SIGABRT");
    /// The signal no process can catch.
    pub const SIGKILL: Signal = Signal("SIGKILL");
}

#[cfg(not(unix))]
impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Set only in a forked child's copy of memory: its panics stay silent.
/// Relaxed everywhere: a forked child has one thread, which both sets and
/// reads it, and the parent's copy is never set (memory ordering: see the
/// 3.7 memory_ordering topic).
static IN_FORKED_CHILD: AtomicBool = AtomicBool::new(false);

/// The exit code of a child whose closure panicked (as a Rust `main` would).
pub const PANIC_EXIT_CODE: i32 = 101;

/// The error of everything that would fork, on an OS without `fork(2)`.
pub fn unsupported() -> io::Error {
    use crate::lesson::{INSTEAD, NEEDS};
    io::Error::new(
        io::ErrorKind::Unsupported,
        format!("this needs {NEEDS}; {INSTEAD}"),
    )
}

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
    pid: u32,
}

impl ForkedChild {
    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Blocks until the child ends and reaps it (`os.waitpid(pid, 0)`), so it
    /// leaves no zombie behind.
    ///
    /// # Errors
    /// If `waitpid` fails (the child was reaped elsewhere).
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
#[cfg(unix)]
pub(crate) fn wait_for(pid: u32) -> io::Result<ChildExit> {
    use nix::sys::wait::{WaitStatus, waitpid};
    let pid = nix::unistd::Pid::from_raw(pid as i32);
    loop {
        match waitpid(pid, None) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(ChildExit::Exited(code)),
            Ok(WaitStatus::Signaled(_, signal, _)) => return Ok(ChildExit::Signaled(signal)),
            Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

#[cfg(not(unix))]
pub(crate) fn wait_for(_pid: u32) -> io::Result<ChildExit> {
    Err(unsupported())
}

/// Forks; the child runs `child` and exits with the code it returns
/// ([`PANIC_EXIT_CODE`] if it panics). The parent gets the child's handle
/// right away; the closure (and whatever it owns) is dropped in the parent
/// without running, so moving one end of a pipe into it closes that end in
/// the parent.
///
/// ```
/// use processes::fork::{fork_child, ChildExit};
/// # if cfg!(not(unix)) { return; }
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
/// end-of-file only once this child has ended too. Keep such children short.
///
/// # Safety
/// If other threads exist when this is called, `child` must not take a lock
/// that one of them may hold at that moment, since no one will ever release
/// it in the child: no `print!`/`eprint!`, no `std::env`, no `Mutex` shared
/// with other threads, no panic hook changes. Allocation is fine on glibc,
/// musl and macOS (see the crate docs). With a single thread (a plain `main`
/// before it starts any) every closure is fine.
///
/// # Errors
/// If the OS refuses a new process (`EAGAIN` under `ulimit -u`), or, on
/// Windows, always (`Unsupported`: there is no `fork`).
pub unsafe fn fork_child<F>(child: F) -> io::Result<ForkedChild>
where
    F: FnOnce() -> i32,
{
    install_quiet_child_panic_hook();
    // SAFETY: the caller upholds `child`'s contract, which is `fork`'s; the
    // child leaves through `exit_now` below, never returning from here.
    if let Some(pid) = unsafe { fork() }? {
        drop(child);
        return Ok(ForkedChild { pid });
    }
    IN_FORKED_CHILD.store(true, Ordering::Relaxed);
    let code = match panic::catch_unwind(AssertUnwindSafe(child)) {
        Ok(code) => code,
        Err(payload) => {
            // Dropping a panic payload can panic again; leaking it costs
            // nothing, the process ends on the next line.
            std::mem::forget(payload);
            PANIC_EXIT_CODE
        }
    };
    exit_now(code)
}

/// `fork(2)`: the child's pid in the parent, `None` in the child.
///
/// # Safety
/// As [`fork_child`]: the child runs only code that takes no lock another
/// thread may hold, and leaves through [`exit_now`].
#[cfg(unix)]
unsafe fn fork() -> io::Result<Option<u32>> {
    use nix::unistd::ForkResult;
    // SAFETY: the caller keeps the child's code fork-safe.
    match unsafe { nix::unistd::fork() }? {
        ForkResult::Parent { child } => Ok(Some(child.as_raw().unsigned_abs())),
        ForkResult::Child => Ok(None),
    }
}

#[cfg(not(unix))]
unsafe fn fork() -> io::Result<Option<u32>> {
    Err(unsupported())
}

/// `_exit(2)`: ends this process at once, with no clean-up at all.
pub(crate) fn exit_now(code: i32) -> ! {
    #[cfg(unix)]
    // SAFETY: `_exit` has no preconditions; it never returns.
    unsafe {
        nix::libc::_exit(code)
    }
    #[cfg(not(unix))]
    std::process::exit(code)
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

#[cfg(all(test, unix))]
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
}

#[cfg(test)]
mod payload_tests {
    use super::*;

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
