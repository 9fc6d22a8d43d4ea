//! Framed messages: how bytes that cross a pipe keep their boundaries.
//!
//! A pipe is a byte stream: two writes of 10 bytes may arrive as one read of
//! 20, and one write of 200 KiB arrives in many reads (the kernel's pipe
//! buffer holds 64 KiB). Python's `Connection.send` therefore prefixes every
//! pickled message with its length; so does this module: a frame is a
//! little-endian `u32` length followed by that many bytes, at most
//! [`MAX_FRAME`] of them: a longer length is refused as corrupt, never
//! allocated.
//!
//! ```
//! use processes::frame::{read_frame, write_frame};
//! let mut wire = Vec::new();
//! write_frame(&mut wire, b"hello").unwrap();
//! write_frame(&mut wire, b"").unwrap();
//! let mut reader = &wire[..];
//! assert_eq!(read_frame(&mut reader).unwrap().as_deref(), Some(&b"hello"[..]));
//! assert_eq!(read_frame(&mut reader).unwrap().as_deref(), Some(&b""[..]));
//! assert_eq!(read_frame(&mut reader).unwrap(), None); // clean end of stream
//! ```

use std::io::{self, Read, Write};

/// Bytes of the length prefix.
pub const HEADER_LEN: usize = 4;

/// The largest payload one frame carries: 16 MiB.
///
/// The reader allocates a frame's payload whole, before reading it, so the
/// length prefix must not be believed blindly: a corrupt or hostile header
/// could otherwise make [`read_frame`] allocate 4 GiB and then wait for bytes
/// that never come. 16 MiB is far above any message of these lessons (the
/// largest is 2 MiB); bigger data belongs in a file or shared memory
/// ([`crate::shared`]), not in a pipe message.
pub const MAX_FRAME: usize = 16 << 20;

// The length prefix is a `u32`: every allowed length fits.
const _: () = assert!(MAX_FRAME <= u32::MAX as usize);

/// The frame (length prefix and payload) in one buffer, so that it can go out
/// in a single `write(2)`: small frames then never interleave with frames
/// that other processes write to the same pipe (see [`crate::pipe::queue`]).
///
/// ```
/// let too_big = vec![0u8; processes::frame::MAX_FRAME + 1];
/// let err = processes::frame::encode_frame(&too_big).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
/// ```
///
/// # Errors
/// `InvalidInput` if `payload` is longer than [`MAX_FRAME`].
pub fn encode_frame(payload: &[u8]) -> io::Result<Vec<u8>> {
    if payload.len() > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a frame holds at most {MAX_FRAME} bytes (frame::MAX_FRAME), not {}",
                payload.len()
            ),
        ));
    }
    let len = payload.len() as u32; // fits: at most MAX_FRAME
    let mut frame = Vec::with_capacity(HEADER_LEN + payload.len());
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(payload);
    Ok(frame)
}

/// Writes one frame.
///
/// # Errors
/// As [`encode_frame`], or the writer's error (`BrokenPipe` when the reader
/// has gone).
pub fn write_frame(writer: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    writer.write_all(&encode_frame(payload)?)?;
    writer.flush()
}

/// Reads one frame: `Ok(None)` at a clean end of stream (the writer closed
/// its end between frames).
///
/// # Errors
/// `InvalidData` if the length prefix is over [`MAX_FRAME`] (checked before
/// anything is allocated or read: the stream is then out of step and should
/// be dropped); `UnexpectedEof` if the stream ends inside a frame (the writer
/// died mid-message); or the reader's error.
pub fn read_frame(reader: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    // ANCHOR: solution_read_frame
    // One `read` may return fewer bytes than asked for, even of the header:
    // loop until it is whole, telling a clean end (no byte yet) from a cut one.
    let mut header = [0u8; HEADER_LEN];
    let mut filled = 0;
    while filled < HEADER_LEN {
        match reader.read(&mut header[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_le_bytes(header) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "a frame holds at most {MAX_FRAME} bytes (frame::MAX_FRAME); this one claims {len} \
                 (corrupt data, or not a frame at all)"
            ),
        ));
    }
    let mut payload = vec![0u8; len];
    reader.read_exact(&mut payload)?;
    Ok(Some(payload))
    // ANCHOR_END: solution_read_frame
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_frame_is_an_error_not_a_message() {
        let mut wire = encode_frame(b"abcdef").unwrap();
        wire.truncate(7);
        let err = read_frame(&mut &wire[..]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        let err = read_frame(&mut &wire[..2]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_reader_that_returns_one_byte_at_a_time_still_gets_whole_frames() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(1);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut wire = Vec::new();
        write_frame(&mut wire, &[7; 300]).unwrap();
        let frame = read_frame(&mut Trickle(&wire)).unwrap().unwrap();
        assert_eq!(frame, vec![7; 300]);
    }

    #[test]
    fn a_length_over_the_cap_is_refused_before_reading_the_payload() {
        // A hand-made header that claims 4 GiB, followed by a few bytes.
        let mut wire = u32::MAX.to_le_bytes().to_vec();
        wire.extend_from_slice(b"not 4 GiB");
        let err = read_frame(&mut &wire[..]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
        assert!(err.to_string().contains(&MAX_FRAME.to_string()), "{err}");
    }
}
