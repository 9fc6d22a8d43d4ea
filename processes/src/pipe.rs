//! `multiprocessing.Pipe` and `multiprocessing.Queue`: typed messages between
//! processes, as [`frame`](crate::frame)s of `postcard` bytes.
//!
//! - [`pipe`] gives two connected [`Connection`]s, each end able to send and
//!   receive (Python's duplex `Pipe()`): two OS pipes, one each way. (Python
//!   uses a socket pair on Unix; two pipes work on every OS and behave the
//!   same for framed messages.)
//! - [`queue`] gives a [`QueueSender`] and a [`QueueReceiver`] on one OS pipe:
//!   several forked producers, one consumer. Each message goes out in a single
//!   `write(2)` of at most [`PIPE_BUF`] bytes (4096 on Linux, 512 on macOS), which the kernel keeps
//!   whole even when producers write at the same moment; Python's `Queue`
//!   needs a lock for that, this one refuses bigger messages instead.
//!
//! The receiving side sees `None` once every sending end is closed: in the
//! parent, drop your own sender after forking the producers, or you will
//! wait for yourself. [`fork_with_pipe`] does that bookkeeping for a child
//! that talks to its parent.

use std::io::{self, PipeReader, PipeWriter, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::close_inherited::close_inherited_fds;
use crate::fork::{ForkedChild, fork_child};
use crate::frame::{encode_frame, read_frame, write_frame};

fn codec_error(e: postcard::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// One end of a duplex pipe: Python's `multiprocessing.connection.Connection`.
#[derive(Debug)]
pub struct Connection {
    incoming: PipeReader,
    outgoing: PipeWriter,
}

/// Two connected ends (Python: `parent_conn, child_conn = Pipe()`).
///
/// ```
/// let (mut a, mut b) = processes::pipe::pipe().unwrap();
/// a.send(&("ping", 1u32)).unwrap();
/// assert_eq!(b.recv::<(String, u32)>().unwrap(), Some(("ping".to_string(), 1)));
/// drop(a);
/// assert_eq!(b.recv::<u32>().unwrap(), None); // the other end is closed
/// ```
///
/// # Errors
/// If the OS refuses the pipes (`EMFILE` under `ulimit -n`).
pub fn pipe() -> io::Result<(Connection, Connection)> {
    // `std::io::pipe` sets close-on-exec on both ends on every OS, so a
    // program started with `Command` never inherits them.
    let (a_in, b_out) = io::pipe()?;
    let (b_in, a_out) = io::pipe()?;
    Ok((
        Connection {
            incoming: a_in,
            outgoing: a_out,
        },
        Connection {
            incoming: b_in,
            outgoing: b_out,
        },
    ))
}

impl Connection {
    /// Sends one message (Python: `conn.send(obj)`).
    ///
    /// # Errors
    /// `InvalidData` if it cannot be encoded; `InvalidInput` if it is longer
    /// than [`MAX_FRAME`](crate::frame::MAX_FRAME) encoded; `BrokenPipe` if
    /// the other end is closed.
    pub fn send<T: Serialize + ?Sized>(&mut self, message: &T) -> io::Result<()> {
        let bytes = postcard::to_allocvec(message).map_err(codec_error)?;
        write_frame(&mut self.outgoing, &bytes)
    }

    /// Receives one message, or `None` once the other end is closed (Python
    /// raises `EOFError`).
    ///
    /// # Errors
    /// `InvalidData` if the bytes are not a `T`, or if the frame claims more
    /// than [`MAX_FRAME`](crate::frame::MAX_FRAME) bytes (refused before
    /// anything is allocated; the stream is then out of step, drop it);
    /// `UnexpectedEof` if the other end closed in the middle of a message.
    pub fn recv<T: DeserializeOwned>(&mut self) -> io::Result<Option<T>> {
        match read_frame(&mut self.incoming)? {
            Some(bytes) => postcard::from_bytes(&bytes).map(Some).map_err(codec_error),
            None => Ok(None),
        }
    }
}

/// Forks a child that gets one end of a new duplex pipe; the parent gets the
/// other (Python: `Process(target=f, args=(child_conn,)).start()`).
///
/// Each side closes the end it does not use, which is what makes end-of-file
/// work: the child's `recv` returns `None` once the parent drops its end, and
/// not never (a child still holding the parent's end would wait for itself).
/// The child also closes every other inherited descriptor, so it cannot keep
/// some unrelated pipe of the parent open.
///
/// ```
/// use processes::pipe::fork_with_pipe;
/// # if cfg!(not(unix)) { return; }
/// // SAFETY: the child echoes through its ends of the pipes: no lock, no output.
/// let (child, mut conn) = unsafe {
///     fork_with_pipe(|mut conn| {
///         while let Ok(Some(n)) = conn.recv::<u32>() {
///             let _ = conn.send(&(n + 1));
///         }
///         0
///     })
/// }
/// .unwrap();
/// conn.send(&41u32).unwrap();
/// assert_eq!(conn.recv::<u32>().unwrap(), Some(42));
/// drop(conn); // end of stream for the child
/// assert!(child.wait().unwrap().success());
/// ```
///
/// # Safety
/// As [`fork_child`]: if other threads exist, `child` must take no lock
/// that one of them may hold.
///
/// # Errors
/// If the pipes or the process cannot be created (`ulimit -n`, `ulimit -u`;
/// on Windows, always: `Unsupported`).
pub unsafe fn fork_with_pipe<F>(child: F) -> io::Result<(ForkedChild, Connection)>
where
    F: FnOnce(Connection) -> i32,
{
    let (parent_end, child_end) = pipe()?;
    // SAFETY: the caller upholds `child`'s contract; the rest of the closure
    // only closes descriptors.
    let forked = unsafe {
        fork_child(move || {
            // This closes the child's copy of `parent_end` too; that copy is
            // never dropped (the child leaves through `_exit`), so this is the
            // only close its descriptors get.
            close_inherited_fds(&[&child_end.incoming, &child_end.outgoing]);
            child(child_end)
        })
    }?;
    Ok((forked, parent_end))
}

/// The writing end of a [`queue`]; [`QueueSender::try_clone`] for more producers.
#[derive(Debug)]
pub struct QueueSender {
    pipe: PipeWriter,
}

/// The reading end of a [`queue`].
#[derive(Debug)]
pub struct QueueReceiver {
    pipe: PipeReader,
}

/// A many-producer, one-consumer queue on an OS pipe (Python:
/// `multiprocessing.Queue()`).
///
/// ```
/// let (tx, rx) = processes::pipe::queue().unwrap();
/// tx.put(&"first").unwrap();
/// tx.put(&"second").unwrap();
/// drop(tx); // the last sender gone: the receiver sees the end
/// let all: Vec<String> = std::iter::from_fn(|| rx.get().unwrap()).collect();
/// assert_eq!(all, ["first", "second"]);
/// ```
///
/// # Errors
/// If the OS refuses the pipe (`EMFILE` under `ulimit -n`).
pub fn queue() -> io::Result<(QueueSender, QueueReceiver)> {
    let (read_end, write_end) = io::pipe()?; // close-on-exec, as `pipe`'s
    Ok((
        QueueSender { pipe: write_end },
        QueueReceiver { pipe: read_end },
    ))
}

/// The most bytes one `write(2)` to a pipe is guaranteed to deliver without
/// interleaving with other writers' data (POSIX `PIPE_BUF`: 4096 on Linux,
/// 512 on macOS, the POSIX minimum).
#[cfg(unix)]
pub const PIPE_BUF: usize = nix::libc::PIPE_BUF;
/// Windows pipes promise no such size; the POSIX minimum stands in.
#[cfg(not(unix))]
pub const PIPE_BUF: usize = 512;

impl QueueSender {
    /// Puts one message (Python: `queue.put(obj)`), in one atomic write.
    ///
    /// ```
    /// let (tx, _rx) = processes::pipe::queue().unwrap();
    /// let too_big = vec![0u8; 5000];
    /// let err = tx.put(&too_big).unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    /// ```
    ///
    /// # Errors
    /// `InvalidInput` if the framed message is longer than [`PIPE_BUF`];
    /// `BrokenPipe` if the receiver is gone.
    pub fn put<T: Serialize + ?Sized>(&self, message: &T) -> io::Result<()> {
        let bytes = postcard::to_allocvec(message).map_err(codec_error)?;
        let frame = encode_frame(&bytes)?;
        if frame.len() > PIPE_BUF {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "a queue message is at most {PIPE_BUF} bytes (framed), not {}: \
                     bigger writes could interleave with other producers'",
                    frame.len()
                ),
            ));
        }
        // A blocking pipe takes a write of <= PIPE_BUF bytes whole, or waits.
        (&self.pipe).write_all(&frame)
    }

    /// Another sender on the same pipe (`dup(2)`).
    ///
    /// # Errors
    /// If the descriptor cannot be duplicated.
    pub fn try_clone(&self) -> io::Result<QueueSender> {
        Ok(QueueSender {
            pipe: self.pipe.try_clone()?,
        })
    }
}

impl QueueReceiver {
    /// Takes the next message, blocking; `None` once every sender is closed
    /// and the pipe is drained.
    ///
    /// # Errors
    /// `InvalidData` if the bytes are not a `T`, or if the frame claims more
    /// than [`MAX_FRAME`](crate::frame::MAX_FRAME) bytes (refused before
    /// anything is allocated).
    pub fn get<T: DeserializeOwned>(&self) -> io::Result<Option<T>> {
        match read_frame(&mut &self.pipe)? {
            Some(bytes) => postcard::from_bytes(&bytes).map(Some).map_err(codec_error),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use common::testing::within;
    use std::time::Duration;

    /// Long enough for any honest `recv`; a hang fails the test instead.
    const LIMIT: Duration = Duration::from_secs(30);

    /// A header claiming 4 GiB, as a corrupt or hostile peer could send.
    fn hostile_header() -> [u8; 4] {
        u32::MAX.to_le_bytes()
    }

    #[test]
    fn a_connection_refuses_a_hostile_length_at_once() {
        let (mut evil, mut victim) = pipe().unwrap();
        evil.outgoing.write_all(&hostile_header()).unwrap();
        // `evil` stays open: believing the length would mean allocating
        // 4 GiB and then waiting forever for bytes that never come.
        // A hang here: recv believed the length and waited for 4 GiB.
        let err = within(LIMIT, move || victim.recv::<u8>().unwrap_err());
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
        drop(evil);
    }

    #[test]
    fn a_queue_refuses_a_hostile_length_at_once() {
        let (mut tx, rx) = queue().unwrap();
        tx.pipe.write_all(&hostile_header()).unwrap();
        // A hang here: get believed the length and waited for 4 GiB.
        let err = within(LIMIT, move || rx.get::<u8>().unwrap_err());
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
        drop(tx);
    }
}
