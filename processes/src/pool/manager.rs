//! The parent's side of one worker: its manager thread.
//!
//! A manager forks its worker, then loops: it waits (in one `poll`) for a job
//! or for its worker's death, writes the job to the worker, waits for the
//! reply (checking once a second that the worker is not deadlocked), and
//! relays it. It is the only one that reaps its worker, so its `kill` can
//! never hit a stranger that was given the pid of a reaped worker.

use std::io;
use std::os::fd::AsFd;
use std::sync::mpsc::Sender;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{Signal, kill};

use super::PoolError;
use super::deadlock_watch::{self, Verdict};
use super::job;
use super::queue::{Queue, Taken, WorkItem};
use super::status::Status;
use super::worker::{self, Worker};
use crate::fork;
use crate::frame::{read_frame, write_frame};

/// A manager thread. Forks its worker and reports the pid (or the error)
/// through `started`, then serves jobs until the queue closes. Returns
/// `Err` with a description if its worker did not end cleanly at shutdown
/// (a worker that died earlier is reported through [`Status`] instead).
pub(super) fn manage(
    queue: &Queue,
    status: &Status,
    started: Sender<io::Result<u32>>,
) -> Result<(), String> {
    let worker = match worker::spawn() {
        Ok(worker) => worker,
        Err(e) => {
            let _ = started.send(Err(e));
            return Ok(());
        }
    };
    if let Verdict::Unavailable(why) = deadlock_watch::check(worker.pid) {
        status.set_watch_unavailable(why);
    }
    let _ = started.send(Ok(worker.pid.as_raw().unsigned_abs()));
    drop(started); // so that `new` sees the end if another manager fails

    // `None` once the worker is reaped; the manager then only answers jobs
    // with the reason, until the queue closes.
    let mut alive = Some(worker);
    loop {
        if wait_for_work(queue, alive.as_ref()) == Woke::WorkerDied {
            // An idle worker never writes: this is end-of-file, its death.
            if let Some(dead) = alive.take() {
                status.set_broken(&bury(dead, None));
            }
            continue;
        }
        let item = match queue.take() {
            Taken::Work(item) => item,
            Taken::Nothing => continue,
            Taken::Closed => break,
        };
        let result = match (alive.as_mut(), status.broken()) {
            (Some(worker), None) => match round_trip(worker, &item, status) {
                Ok(reply) => job::decode_reply(reply),
                Err(error) => {
                    let reason = alive
                        .take()
                        .map(|w| bury(w, Some(error)))
                        .unwrap_or_default();
                    status.set_broken(&reason);
                    Err(PoolError::BrokenPool { reason })
                }
            },
            (_, reason) => Err(PoolError::BrokenPool {
                reason: reason.unwrap_or_default(),
            }),
        };
        let _ = item.reply_to.send(result);
        if status.broken().is_some() {
            // Python stops the whole pool once it is broken; so do we.
            if let Some(worker) = alive.take() {
                let _ = stop_worker(worker);
            }
        }
    }
    match alive.map(stop_worker) {
        Some((pid, Ok(exit))) if !exit.success() => Err(format!("worker {pid} {exit}")),
        Some((pid, Err(e))) => Err(format!("worker {pid} lost: {e}")),
        _ => Ok(()),
    }
}

#[derive(PartialEq)]
enum Woke {
    Doorbell,
    WorkerDied,
}

/// Blocks until the queue's doorbell rings or, while there is a worker, its
/// reply pipe becomes readable (between jobs that can only be end-of-file).
fn wait_for_work(queue: &Queue, worker: Option<&Worker>) -> Woke {
    // ANCHOR: solution_idle_worker_death
    loop {
        let mut fds = vec![PollFd::new(queue.doorbell().as_fd(), PollFlags::POLLIN)];
        if let Some(worker) = worker {
            fds.push(PollFd::new(worker.replies.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Err(Errno::EINTR) => continue,
            // Check the worker first: a job taken now would go to a dead one.
            Ok(_) if fds.get(1).is_some_and(|fd| fd.any() != Some(false)) => {
                return Woke::WorkerDied;
            }
            _ => return Woke::Doorbell,
        }
    }
    // ANCHOR_END: solution_idle_worker_death
}

// ANCHOR: omit_idle_worker_death
/// The buggy start of exercise `idle_worker_death` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code, unused_variables)]
mod idle_worker_death_bug {
    use super::*;

    fn wait_for_work_with_the_bug(queue: &Queue, worker: Option<&Worker>) -> Woke {
        // ANCHOR: bug_idle_worker_death
        // An idle worker has nothing to say: only a new job can wake us.
        // (A worker that dies during a job shows up in `round_trip`.)
        loop {
            let mut fds = [PollFd::new(queue.doorbell().as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, PollTimeout::NONE) {
                Err(Errno::EINTR) => continue,
                _ => return Woke::Doorbell,
            }
        }
        // ANCHOR_END: bug_idle_worker_death
    }
}
// ANCHOR_END: omit_idle_worker_death

/// Sends one job and reads its reply.
fn round_trip(worker: &mut Worker, item: &WorkItem, status: &Status) -> io::Result<Vec<u8>> {
    let jobs = worker.jobs.as_mut().ok_or(io::ErrorKind::BrokenPipe)?;
    write_frame(jobs, &item.frame)?;
    await_reply(worker, status)?;
    match read_frame(&mut worker.replies) {
        Ok(Some(reply)) => Ok(reply),
        Ok(None) => Err(io::ErrorKind::UnexpectedEof.into()),
        // A length over the frame cap: a worker that no longer speaks the
        // protocol (our own workers keep every reply within the cap).
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("sent an unreadable reply ({e})"),
        )),
        Err(e) => Err(e),
    }
}

/// How often a manager waiting for a reply asks the deadlock watch.
const DEADLOCK_CHECK_MS: u16 = 1000;

/// Waits until the worker's reply pipe has something to read (a reply, or
/// end-of-file if it died). Once a second it asks the watch whether the
/// worker is stuck for good; then the wait ends with an error of kind
/// `Deadlock`, and the worker is killed like one that died. Where the watch
/// cannot see, it notes that in `status` and keeps waiting.
fn await_reply(worker: &Worker, status: &Status) -> io::Result<()> {
    loop {
        let mut fds = [PollFd::new(worker.replies.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(DEADLOCK_CHECK_MS)) {
            Ok(0) => match deadlock_watch::check(worker.pid) {
                Verdict::Deadlocked => {
                    return Err(io::Error::new(
                        io::ErrorKind::Deadlock,
                        "deadlocked: its only thread waits on a lock nobody can release \
                         (did the job call std::process::exit? use nix::libc::_exit)",
                    ));
                }
                Verdict::Unavailable(why) => status.set_watch_unavailable(why),
                Verdict::NotStuck => {}
            },
            Err(Errno::EINTR) => {}
            Ok(_) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Kills (if need be) and reaps a worker that died or stopped making sense,
/// and says what happened: how it ended, or what it did wrong.
fn bury(worker: Worker, error: Option<io::Error>) -> String {
    let pid = worker.pid;
    // SIGKILL makes sure before waiting, so the wait cannot hang; it is not
    // yet reaped, so the pid cannot belong to anyone else.
    let _ = kill(pid, Signal::SIGKILL);
    let exit = fork::wait_for(pid.as_raw().unsigned_abs());
    match (error, exit) {
        // It was alive and had to be killed: the cause is the news.
        (Some(e), _)
            if matches!(
                e.kind(),
                io::ErrorKind::Deadlock | io::ErrorKind::InvalidData
            ) =>
        {
            format!("worker {pid} {e}")
        }
        (_, Ok(exit)) => format!("worker {pid} {exit}"),
        (_, Err(e)) => format!("worker {pid} lost: {e}"),
    }
}

/// Closes the worker's job pipe (it exits on end-of-file) and reaps it.
/// (Its lifeline is dropped with it, after the reaping.)
fn stop_worker(mut worker: Worker) -> (nix::unistd::Pid, io::Result<fork::ChildExit>) {
    drop(worker.jobs.take());
    (
        worker.pid,
        fork::wait_for(worker.pid.as_raw().unsigned_abs()),
    )
}
