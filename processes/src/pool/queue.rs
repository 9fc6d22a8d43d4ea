//! The work items waiting for a worker (Python's pending work items), with a
//! [`Doorbell`] that rings while there are any.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::mpsc::Sender;

use super::doorbell::Doorbell;
use super::{PoolError, lock};

/// Where a job's reply goes: the bytes of its result, or why there is none.
pub(super) type ReplyTo = Sender<Result<Vec<u8>, PoolError>>;

/// One submitted job waiting in the parent (Python's `_WorkItem`): the frame
/// for a worker, and where its reply goes (the [`Future`](super::Future)).
pub(super) struct WorkItem {
    pub(super) frame: Vec<u8>,
    pub(super) reply_to: ReplyTo,
}

/// What a manager finds when the doorbell rang.
pub(super) enum Taken {
    /// A job for this manager.
    Work(WorkItem),
    /// The pool is shutting down and no job is left: the manager leaves.
    Closed,
    /// Another manager got there first.
    Nothing,
}

struct State {
    items: VecDeque<WorkItem>,
    closed: bool,
    /// Whether the doorbell rings: exactly while `items` is not empty or the
    /// queue is closed. Changed only together with them, under the lock.
    ringing: bool,
}

pub(super) struct Queue {
    state: Mutex<State>,
    doorbell: Doorbell,
}

impl Queue {
    /// An empty queue, its doorbell silent.
    ///
    /// # Errors
    /// If the OS refuses the doorbell's pipe (`ulimit -n`).
    pub(super) fn new() -> Result<Queue, PoolError> {
        Ok(Queue {
            state: Mutex::new(State {
                items: VecDeque::new(),
                closed: false,
                ringing: false,
            }),
            doorbell: Doorbell::new()?,
        })
    }

    /// What the idle managers poll.
    pub(super) fn doorbell(&self) -> &Doorbell {
        &self.doorbell
    }

    /// Queues a job; the doorbell rings if the queue was empty.
    pub(super) fn push(&self, item: WorkItem) -> Result<(), PoolError> {
        let mut state = lock(&self.state);
        if state.closed {
            return Err(PoolError::Shutdown);
        }
        if !state.ringing {
            self.doorbell.ring()?;
            state.ringing = true;
        }
        state.items.push_back(item);
        Ok(())
    }

    /// The next job, if any; the doorbell falls silent with the last one,
    /// unless the queue is closed (then it rings for good).
    pub(super) fn take(&self) -> Taken {
        let mut state = lock(&self.state);
        match state.items.pop_front() {
            Some(item) => {
                if state.items.is_empty() && !state.closed {
                    // The byte is there (it rang for this item), so the read
                    // cannot block; should it fail, managers only wake once
                    // more for nothing.
                    state.ringing = self.doorbell.silence().is_err();
                }
                Taken::Work(item)
            }
            None if state.closed => Taken::Closed,
            None => Taken::Nothing,
        }
    }

    /// No more jobs. The doorbell rings from now on, so every manager wakes,
    /// serves what is left, then finds the queue closed and leaves.
    pub(super) fn close(&self) {
        let mut state = lock(&self.state);
        state.closed = true;
        if !state.ringing {
            // A pipe always has room for one byte: this cannot fail.
            let _ = self.doorbell.ring();
            state.ringing = true;
        }
    }
}
