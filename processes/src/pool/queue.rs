//! The jobs waiting for a worker, with a doorbell the idle managers can
//! `poll(2)`.
//!
//! A manager must wait for two things at once: a new job, and its worker's
//! death (end-of-file on the reply pipe). A channel or a condition variable
//! cannot be waited on together with a pipe; a descriptor can. So the queue
//! rings an `eventfd` in semaphore mode: every queued job adds one to its
//! counter, every read takes exactly one (or fails with `EAGAIN` at zero,
//! the descriptor being non-blocking), and `poll` reports it readable while
//! the counter is above zero. Every idle manager wakes on a ring; the one
//! whose read succeeds takes the job, the others go back to waiting.

use std::collections::VecDeque;
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::Mutex;
use std::sync::mpsc::Sender;

use nix::sys::eventfd::{EfdFlags, EventFd};

use super::{PoolError, lock};

/// One job: the frame for the worker, and where its reply goes.
pub(super) struct Task {
    pub(super) frame: Vec<u8>,
    pub(super) reply: Sender<Result<Vec<u8>, PoolError>>,
}

/// What a manager finds when the doorbell rang.
pub(super) enum Taken {
    /// A job for this manager.
    Task(Task),
    /// The pool is shutting down and no job is left: the manager leaves.
    Closed,
    /// Another manager got there first.
    Nothing,
}

struct State {
    tasks: VecDeque<Task>,
    closed: bool,
}

pub(super) struct Queue {
    state: Mutex<State>,
    /// One unit per queued job, plus one per manager once closed.
    doorbell: EventFd,
}

impl Queue {
    pub(super) fn new() -> io::Result<Queue> {
        let flags = EfdFlags::EFD_SEMAPHORE | EfdFlags::EFD_NONBLOCK | EfdFlags::EFD_CLOEXEC;
        Ok(Queue {
            state: Mutex::new(State {
                tasks: VecDeque::new(),
                closed: false,
            }),
            doorbell: EventFd::from_value_and_flags(0, flags)?,
        })
    }

    /// What the idle managers poll: readable while a job (or the shutdown)
    /// waits for them.
    pub(super) fn doorbell(&self) -> BorrowedFd<'_> {
        self.doorbell.as_fd()
    }

    /// Queues a job and rings once, so one manager takes it.
    pub(super) fn push(&self, task: Task) -> Result<(), PoolError> {
        let mut state = lock(&self.state);
        if state.closed {
            return Err(PoolError::Shutdown);
        }
        // Ring while holding the lock: a unit on the doorbell then always
        // has its job in the queue.
        self.doorbell.write(1)?;
        state.tasks.push_back(task);
        Ok(())
    }

    /// Takes one unit from the doorbell, and with it the next job.
    pub(super) fn try_take(&self) -> Taken {
        if self.doorbell.read().is_err() {
            return Taken::Nothing; // EAGAIN: the counter was zero
        }
        let mut state = lock(&self.state);
        match state.tasks.pop_front() {
            Some(task) => Taken::Task(task),
            None if state.closed => Taken::Closed,
            None => Taken::Nothing,
        }
    }

    /// No more jobs: rings once for each of the `managers`. Each manager
    /// leaves the first time it takes a unit and finds no job, so the queued
    /// jobs are still served first, and every manager gets its unit.
    pub(super) fn close(&self, managers: usize) {
        let mut state = lock(&self.state);
        if !state.closed {
            state.closed = true;
            let _ = self.doorbell.write(managers as u64);
        }
    }
}
