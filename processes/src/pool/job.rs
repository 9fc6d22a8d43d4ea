//! A job on the wire: the frame that asks a worker to run `job_fn(arg)`, and
//! the reply frame that comes back.
//!
//! A job frame is two machine words, the addresses of the [`trampoline`]
//! (which knows the job's types) and of the job function, then the argument
//! as `postcard` bytes (the minimal pool, `minimal.rs`, sends the same).
//! A reply frame is a tag byte ([`REPLY_OK`], [`REPLY_PANICKED`],
//! [`REPLY_CODEC`]) and the result or the error message.

use std::panic::{self, AssertUnwindSafe};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::PoolError;
use crate::fork;
use crate::frame::MAX_FRAME;

/// A reply's first byte: how the job ended in the worker.
const REPLY_OK: u8 = 0;
const REPLY_PANICKED: u8 = 1;
const REPLY_CODEC: u8 = 2;

/// Runs a job in the worker: decodes the argument, calls the job function
/// (given by its address), encodes the reply. One [`trampoline`] instance
/// per `(T, R)`, taken in the parent, called through its address in the child.
type Trampoline = fn(job_fn: usize, arg: &[u8]) -> Vec<u8>;

const WORD: usize = size_of::<usize>();

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

/// In the worker: runs the job a frame asks for and returns the reply frame,
/// or `None` for a frame too short to be a job.
#[cfg_attr(not(unix), allow(dead_code))] // only a forked worker runs jobs
pub(super) fn run(frame: &[u8]) -> Option<Vec<u8>> {
    let word = |i: usize| {
        let bytes = frame.get(i * WORD..(i + 1) * WORD)?;
        Some(usize::from_ne_bytes(bytes.try_into().ok()?))
    };
    let (trampoline, job_fn) = (word(0)?, word(1)?);
    // SAFETY: word 0 is the address of a `trampoline::<T, R>` taken in the
    // parent by `job_frame`, and this process is a fork of the parent: the
    // same executable is mapped at the same addresses, so it is that function.
    let trampoline = unsafe { std::mem::transmute::<usize, Trampoline>(trampoline) };
    Some(trampoline(job_fn, &frame[2 * WORD..]))
}

/// Decodes the argument, runs `job_fn` (a `fn(T) -> R`) under
/// `catch_unwind`, and encodes the reply: [`REPLY_OK`] + result, or a tag +
/// message. A result too large for a frame becomes a [`REPLY_CODEC`] message.
fn trampoline<T, R>(job_fn: usize, arg: &[u8]) -> Vec<u8>
where
    T: DeserializeOwned,
    R: Serialize,
{
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

fn tagged(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut reply = Vec::with_capacity(1 + body.len());
    reply.push(tag);
    reply.extend_from_slice(body);
    reply
}

/// In the parent: the result bytes a reply frame carries, or the job's error.
pub(super) fn decode_reply(mut reply: Vec<u8>) -> Result<Vec<u8>, PoolError> {
    let text = |body: &[u8]| String::from_utf8_lossy(body).into_owned();
    match reply.first() {
        Some(&REPLY_OK) => {
            reply.remove(0);
            Ok(reply)
        }
        Some(&REPLY_PANICKED) => Err(PoolError::JobPanicked {
            message: text(&reply[1..]),
        }),
        Some(&REPLY_CODEC) => Err(PoolError::Codec(text(&reply[1..]))),
        _ => Err(PoolError::Codec(String::from(
            "malformed reply from a worker",
        ))),
    }
}
