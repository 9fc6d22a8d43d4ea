//! The worker's side: the fork, the parent-death signal, the job loop, and
//! the wire format of jobs and replies.
//!
//! A job frame is two machine words, the addresses of the [`trampoline`]
//! (which knows the job's types) and of the job function, then the argument
//! as `postcard` bytes (the minimal pool, `minimal.rs`, sends the same). A reply frame is a tag byte ([`REPLY_OK`], [`REPLY_PANICKED`],
//! [`REPLY_CODEC`]) and the result or the error message.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::panic::{self, AssertUnwindSafe};

use nix::fcntl::OFlag;
use nix::sys::prctl;
use nix::sys::signal::Signal;
use nix::unistd::{Pid, getpid, getppid, pipe2};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::PoolError;
use crate::fork::{self, ForkedChild};
use crate::frame::{MAX_FRAME, read_frame, write_frame};

/// A reply's first byte: how the job ended in the worker.
pub(super) const REPLY_OK: u8 = 0;
pub(super) const REPLY_PANICKED: u8 = 1;
pub(super) const REPLY_CODEC: u8 = 2;

/// Runs a job in the worker: decodes the argument, calls the job function
/// (given by its address), encodes the reply. One [`trampoline`] instance
/// per `(T, R)`, taken in the parent, called through its address in the child.
type Trampoline = fn(job_fn: usize, arg: &[u8]) -> Vec<u8>;

const WORD: usize = std::mem::size_of::<usize>();

/// The parent's side of one worker.
pub(super) struct Worker {
    pub(super) pid: Pid,
    /// Jobs go out here; dropping it is the worker's signal to exit.
    pub(super) jobs: Option<File>,
    pub(super) replies: File,
}

/// The frame that asks a worker to run `job_fn(arg)`.
///
/// # Errors
/// [`PoolError::Codec`] if `arg` cannot be encoded or the frame would be
/// longer than [`MAX_FRAME`].
pub(super) fn job_frame<T, R>(job_fn: fn(T) -> R, arg: &T) -> Result<Vec<u8>, PoolError>
where
    T: Serialize + DeserializeOwned,
    R: Serialize,
{
    let arg = postcard::to_allocvec(arg)?;
    if 2 * WORD + arg.len() > MAX_FRAME {
        return Err(PoolError::Codec(format!(
            "the argument is {} bytes encoded; a job frame carries at most {} \
             (frame::MAX_FRAME, less {} bytes of header)",
            arg.len(),
            MAX_FRAME,
            2 * WORD
        )));
    }
    let mut frame = Vec::with_capacity(2 * WORD + arg.len());
    frame.extend_from_slice(&(trampoline::<T, R> as Trampoline as usize).to_ne_bytes());
    frame.extend_from_slice(&(job_fn as usize).to_ne_bytes());
    frame.extend_from_slice(&arg);
    Ok(frame)
}

/// Forks one worker with its two pipes; the parent keeps the other ends.
///
/// Call it from the thread that will reap the worker (its manager): the
/// parent-death signal follows the thread that forked.
pub(super) fn spawn() -> io::Result<Worker> {
    let (job_reader, job_writer) = pipe2(OFlag::O_CLOEXEC)?;
    let (reply_reader, reply_writer) = pipe2(OFlag::O_CLOEXEC)?;
    let parent = getpid();
    // SAFETY: the worker takes no lock: two `prctl` calls and `getppid` (plain
    // syscalls), then the worker loop, which closes descriptors, reads and
    // writes its pipes through `File` (plain syscalls), allocates (safe after
    // fork on glibc/musl, see the crate docs) and runs job functions under
    // catch_unwind with the quiet panic hook. It never prints. The job
    // functions are the caller's safe code: one that breaks the documented
    // rules (prints, takes a shared lock) can deadlock its own worker, which
    // the pool's deadlock watch reports, in a separate address space, so the
    // parent's memory is never at stake.
    let child: ForkedChild = unsafe {
        fork::fork_child(move || {
            // Die with the parent: the kernel sends SIGKILL when the thread
            // that forked this worker ends. If the parent died before this
            // call, nothing will be sent; then the parent is no longer ours.
            if prctl::set_pdeathsig(Signal::SIGKILL).is_err() || getppid() != parent {
                return 1;
            }
            // `ps` shows the worker under this name, not its manager's.
            let _ = prctl::set_name(c"pool-worker");
            worker_main(job_reader, reply_writer)
        })
    }?;
    // The closure (holding the child's pipe ends) was dropped in the parent.
    Ok(Worker {
        pid: Pid::from_raw(child.pid() as i32),
        jobs: Some(File::from(job_writer)),
        replies: File::from(reply_reader),
    })
}

/// The worker process: serve jobs until the job pipe closes.
fn worker_main(jobs: OwnedFd, replies: OwnedFd) -> i32 {
    fork::close_inherited_fds(&[jobs.as_raw_fd(), replies.as_raw_fd()]);
    let mut jobs = File::from(jobs);
    let mut replies = File::from(replies);
    loop {
        let frame = match read_frame(&mut jobs) {
            Ok(Some(frame)) => frame,
            Ok(None) => return 0, // the pool is shutting down
            Err(_) => return 2,
        };
        if frame.len() < 2 * WORD {
            return 3;
        }
        let trampoline = usize::from_ne_bytes(frame[..WORD].try_into().expect("one word"));
        let job_fn = usize::from_ne_bytes(frame[WORD..2 * WORD].try_into().expect("one word"));
        // SAFETY: `trampoline` is the address of a `trampoline::<T, R>` taken
        // in the parent, and this process is a fork of the parent: the same
        // executable is mapped at the same addresses, so it is that function.
        let trampoline = unsafe { std::mem::transmute::<usize, Trampoline>(trampoline) };
        let reply = trampoline(job_fn, &frame[2 * WORD..]);
        // The trampoline keeps every reply within a frame, so this fails only
        // when the parent has gone, and nobody wants the reply.
        if write_frame(&mut replies, &reply).is_err() {
            return 0;
        }
    }
}

/// Decodes the argument, runs `job_fn` (a `fn(T) -> R`) under
/// `catch_unwind`, and encodes the reply: [`REPLY_OK`] + result, or a tag +
/// message. A result too large for a frame becomes a [`REPLY_CODEC`] message.
fn trampoline<T, R>(job_fn: usize, arg: &[u8]) -> Vec<u8>
where
    T: DeserializeOwned,
    R: Serialize,
{
    let tagged = |tag: u8, body: &[u8]| {
        let mut reply = Vec::with_capacity(1 + body.len());
        reply.push(tag);
        reply.extend_from_slice(body);
        reply
    };
    // SAFETY: `job_fn` is the address of the `fn(T) -> R` that `submit` got,
    // sent together with this very instance of `trampoline`, in a fork of
    // the process that took it (same code at the same address).
    let job_fn = unsafe { std::mem::transmute::<usize, fn(T) -> R>(job_fn) };
    let arg: T = match postcard::from_bytes(arg) {
        Ok(arg) => arg,
        Err(e) => return tagged(REPLY_CODEC, e.to_string().as_bytes()),
    };
    match panic::catch_unwind(AssertUnwindSafe(|| job_fn(arg))) {
        Ok(result) => match postcard::to_allocvec(&result) {
            Ok(bytes) if 1 + bytes.len() > MAX_FRAME => {
                let message = format!(
                    "the job's result is {} bytes encoded; a reply frame carries at most {} \
                     (frame::MAX_FRAME, less 1 byte of tag)",
                    bytes.len(),
                    MAX_FRAME
                );
                tagged(REPLY_CODEC, message.as_bytes())
            }
            Ok(bytes) => tagged(REPLY_OK, &bytes),
            Err(e) => tagged(REPLY_CODEC, e.to_string().as_bytes()),
        },
        Err(payload) => {
            let message = fork::panic_message(&*payload);
            std::mem::forget(payload); // dropping it could panic again
            tagged(REPLY_PANICKED, message.as_bytes())
        }
    }
}
