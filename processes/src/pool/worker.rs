//! The worker's side: the fork, the watch on the parent, and the job loop.

use std::io::{self, PipeReader, PipeWriter};

use nix::unistd::{Pid, getpid};

use super::job;
use super::parent_death::{self, Lifeline, WorkerEnd};
use crate::close_inherited::{Descriptor, close_inherited_fds};
use crate::fork::{self, ForkedChild};
use crate::frame::{read_frame, write_frame};

/// The parent's side of one worker.
pub(super) struct Worker {
    pub(super) pid: Pid,
    /// Jobs go out here; dropping it is the worker's signal to exit.
    pub(super) jobs: Option<PipeWriter>,
    pub(super) replies: PipeReader,
    /// Held until the worker is reaped (see `parent_death`).
    pub(super) _lifeline: Lifeline,
}

/// Forks one worker with its two pipes; the parent keeps the other ends.
///
/// Call it from the thread that will reap the worker (its manager): on
/// Linux the parent-death signal follows the thread that forked.
pub(super) fn spawn() -> io::Result<Worker> {
    let (job_reader, job_writer) = io::pipe()?; // close-on-exec
    let (reply_reader, reply_writer) = io::pipe()?;
    let (lifeline, worker_end) = parent_death::lifeline()?;
    let parent = getpid();
    // SAFETY: the worker takes no lock: it closes descriptors, sets up its
    // parent-death watch (plain syscalls, a raw thread on macOS), then runs
    // the job loop, which reads and writes its pipes (plain syscalls),
    // allocates (safe after fork, see the crate docs) and runs job functions
    // under catch_unwind with the quiet panic hook. It never prints. The job
    // functions are the caller's safe code: one that breaks the documented
    // rules (prints, takes a shared lock) can deadlock its own worker, which
    // the pool's deadlock watch reports, in a separate address space, so the
    // parent's memory is never at stake.
    let child: ForkedChild = unsafe {
        fork::fork_child(move || worker_main(job_reader, reply_writer, worker_end, parent))
    }?;
    // The closure (holding the child's ends) was dropped in the parent.
    Ok(Worker {
        pid: Pid::from_raw(child.pid() as i32),
        jobs: Some(job_writer),
        replies: reply_reader,
        _lifeline: lifeline,
    })
}

/// The worker process: set up, then serve jobs until the job pipe closes.
fn worker_main(
    mut jobs: PipeReader,
    mut replies: PipeWriter,
    parent_end: WorkerEnd,
    parent: Pid,
) -> i32 {
    let mut keep: Vec<&dyn Descriptor> = vec![&jobs, &replies];
    keep.extend(parent_end.end());
    close_inherited_fds(&keep);
    if !parent_death::die_with(parent, parent_end) {
        return 1; // the parent is gone already
    }
    #[cfg(target_os = "linux")]
    // `ps` shows the worker under this name, not its manager's.
    let _ = nix::sys::prctl::set_name(c"pool-worker");
    loop {
        let frame = match read_frame(&mut jobs) {
            Ok(Some(frame)) => frame,
            Ok(None) => return 0, // the pool is shutting down
            Err(_) => return 2,
        };
        let Some(reply) = job::run(&frame) else {
            return 3; // not a job frame
        };
        // Every reply fits in a frame (see `job`), so this fails only when
        // the parent has gone, and nobody wants the reply.
        if write_frame(&mut replies, &reply).is_err() {
            return 0;
        }
    }
}
