//! A child and everything it starts, as one thing to wait for and to kill:
//! a process group on Unix, a job object on Windows (both from process-wrap),
//! and on Linux a parent-death signal.

use std::io;
use std::process::{ChildStderr, ChildStdout, Command, ExitStatus};
use std::time::Instant;

use process_wrap::std::CommandWrap;

pub(super) use imp::{Killer, ending};

/// A spawned child in a tree of its own.
pub(super) struct Tree {
    child: imp::Handle,
    killer: Killer,
    id: u32,
}

impl Tree {
    pub(super) fn spawn(mut command: Command) -> io::Result<Tree> {
        parent_death(&mut command);
        let mut command = CommandWrap::from(command);
        imp::wrap(&mut command);
        let child = command.spawn()?;
        let id = child.id();
        let (child, killer) = imp::handle(child);
        Ok(Tree { child, killer, id })
    }

    pub(super) fn id(&self) -> u32 {
        self.id
    }

    pub(super) fn stdout(&mut self) -> Option<ChildStdout> {
        imp::with(&mut self.child, |c| c.stdout().take())
    }

    pub(super) fn stderr(&mut self) -> Option<ChildStderr> {
        imp::with(&mut self.child, |c| c.stderr().take())
    }

    /// What kills the whole tree, from any thread.
    pub(super) fn killer(&self) -> Killer {
        self.killer.clone()
    }

    /// Waits for the child, killing the tree at `deadline` (if any); then
    /// kills what the child left running. Returns its status, whether the
    /// deadline killed it, and when it ended.
    pub(super) fn wait(
        &mut self,
        deadline: Option<Instant>,
    ) -> io::Result<(ExitStatus, bool, Instant)> {
        let waited = imp::wait(&mut self.child, &self.killer, deadline);
        let ended = Instant::now();
        self.killer.kill();
        waited.map(|(status, late)| (status, late, ended))
    }
}

/// Linux: the child is sent `SIGKILL` when its parent (the thread that
/// spawned it) ends, even by `SIGKILL`. No other OS has this.
#[cfg(target_os = "linux")]
fn parent_death(command: &mut Command) {
    use nix::sys::{prctl, signal::Signal};
    use nix::unistd::{Pid, getppid};
    use std::os::unix::process::CommandExt;
    let parent = Pid::this();
    // SAFETY: the closure runs in the child between fork and exec, where only
    // async-signal-safe calls are sound: `prctl` and `getppid` are single
    // system calls, with no allocation and no lock.
    unsafe {
        command.pre_exec(move || {
            prctl::set_pdeathsig(Signal::SIGKILL)?;
            // The parent may have ended before the request was made.
            if getppid() != parent {
                return Err(io::Error::other("the parent has gone"));
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn parent_death(_: &mut Command) {}

#[cfg(unix)]
mod imp {
    use std::io;
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;
    use std::sync::mpsc::{self, RecvTimeoutError};
    use std::time::Instant;

    use nix::sys::signal::{Signal, killpg};
    use nix::unistd::Pid;
    use process_wrap::std::{ChildWrapper, CommandWrap, ProcessGroup};

    use super::super::Ending;

    pub(crate) type Handle = Box<dyn ChildWrapper>;

    /// The child's process group.
    #[derive(Debug, Clone)]
    pub(crate) struct Killer(Pid);

    impl Killer {
        pub(crate) fn kill(&self) {
            // ESRCH: the group is already empty.
            let _ = killpg(self.0, Signal::SIGKILL);
        }
    }

    pub(super) fn wrap(command: &mut CommandWrap) {
        command.wrap(ProcessGroup::leader());
    }

    pub(super) fn handle(child: Handle) -> (Handle, Killer) {
        let group = Pid::from_raw(child.id() as i32);
        (child, Killer(group))
    }

    pub(super) fn with<R>(child: &mut Handle, f: impl FnOnce(&mut dyn ChildWrapper) -> R) -> R {
        f(child.as_mut())
    }

    /// Waits on this thread; a timer thread kills the group at the deadline.
    /// (The group outlives the wait: its leader is a zombie until reaped.)
    pub(super) fn wait(
        child: &mut Handle,
        killer: &Killer,
        deadline: Option<Instant>,
    ) -> io::Result<(ExitStatus, bool)> {
        let (done, ended) = mpsc::channel::<()>();
        let timer = deadline.map(|deadline| {
            let killer = killer.clone();
            std::thread::spawn(move || {
                let wait = deadline.saturating_duration_since(Instant::now());
                let late = ended.recv_timeout(wait) == Err(RecvTimeoutError::Timeout);
                if late {
                    killer.kill();
                }
                late
            })
        });
        let status = child.wait();
        drop(done);
        let late = timer.is_some_and(|t| t.join().unwrap_or(false));
        Ok((status?, late))
    }

    pub(crate) fn ending(status: ExitStatus) -> Ending {
        match status.signal() {
            Some(signal) => Ending::Signalled(signal),
            None => Ending::Exited(status.code().unwrap_or(-1)),
        }
    }
}

#[cfg(windows)]
mod imp {
    use std::io;
    use std::process::ExitStatus;
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
    use std::time::{Duration, Instant};

    use process_wrap::std::{ChildWrapper, CommandWrap, JobObject};

    use super::super::Ending;

    pub(crate) type Handle = Arc<Mutex<Box<dyn ChildWrapper>>>;

    /// The child's job object, through the child (process-wrap keeps its handle).
    #[derive(Debug, Clone)]
    pub(crate) struct Killer(Handle);

    impl Killer {
        pub(crate) fn kill(&self) {
            let _ = lock(&self.0).start_kill();
        }
    }

    pub(super) fn wrap(command: &mut CommandWrap) {
        command.wrap(JobObject);
    }

    pub(super) fn handle(child: Box<dyn ChildWrapper>) -> (Handle, Killer) {
        let child = Arc::new(Mutex::new(child));
        (child.clone(), Killer(child))
    }

    fn lock(child: &Handle) -> MutexGuard<'_, Box<dyn ChildWrapper>> {
        child.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn with<R>(child: &mut Handle, f: impl FnOnce(&mut dyn ChildWrapper) -> R) -> R {
        f(lock(child).as_mut())
    }

    /// Polls, so that the lock is free for a [`Killer`] in between (a
    /// blocking wait on a job waits for all of it).
    pub(super) fn wait(
        child: &mut Handle,
        killer: &Killer,
        deadline: Option<Instant>,
    ) -> io::Result<(ExitStatus, bool)> {
        loop {
            if let Some(status) = lock(child).try_wait()? {
                return Ok((status, false));
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                killer.kill();
                return lock(child).wait().map(|status| (status, true));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub(crate) fn ending(status: ExitStatus) -> Ending {
        Ending::Exited(status.code().unwrap_or(-1))
    }
}
