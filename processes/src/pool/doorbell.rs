//! The doorbell: a descriptor that is readable while the queue has work (or
//! has closed), so that an idle manager can wait for a job and for its
//! worker's death in one `poll(2)`.
//!
//! A channel or a condition variable cannot be waited on together with a
//! pipe; a descriptor can. The doorbell is a pipe holding one byte while it
//! rings and none while it is silent. [`Queue`](super::queue::Queue) rings
//! it when the first job arrives and silences it when it hands out the last,
//! always under its lock, so the byte and the queue agree. Every idle manager
//! wakes on a ring; whoever takes the job first gets it, the others find the
//! queue empty and wait again.
//!
//! Python's executor wakes its manager thread the same way, with a pipe
//! (`_ThreadWakeup`). Linux also has `eventfd(2)`, a counter behind a
//! descriptor; a pipe works on every Unix, macOS included.

use std::io::{self, PipeReader, PipeWriter, Read, Write};

/// A pipe that holds one byte while ringing. Whether it rings is kept by its
/// owner, under the lock that also guards what the ring announces.
#[derive(Debug)]
pub(super) struct Doorbell {
    reader: PipeReader,
    writer: PipeWriter,
}

impl Doorbell {
    /// A silent doorbell.
    ///
    /// # Errors
    /// If the OS refuses the pipe (`ulimit -n`).
    pub(super) fn new() -> io::Result<Doorbell> {
        let (reader, writer) = io::pipe()?; // close-on-exec
        Ok(Doorbell { reader, writer })
    }

    /// Starts ringing: the pipe gets its byte. Call it only while silent.
    pub(super) fn ring(&self) -> io::Result<()> {
        (&self.writer).write_all(&[1])
    }

    /// Stops ringing: the byte is read back, at once since it is there.
    /// Call it only while ringing.
    pub(super) fn silence(&self) -> io::Result<()> {
        (&self.reader).read_exact(&mut [0])
    }

    /// What the idle managers `poll` for readability.
    #[cfg(unix)]
    pub(super) fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        std::os::fd::AsFd::as_fd(&self.reader)
    }
}
