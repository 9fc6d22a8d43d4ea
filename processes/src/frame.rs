//! Framed messages: how bytes that cross a pipe keep their boundaries.
//!
//! A pipe is a byte stream: two writes of 10 bytes may arrive as one read of
//! 20, and one write of 200 KiB arrives in many reads (the kernel's pipe
//! buffer holds 64 KiB). Python's `Connection.send` therefore prefixes every
//! pickled message with its length; so does this module: a frame is a
//! little-endian `u32` length followed by that many bytes.
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

/// The largest payload one frame can carry.
pub const MAX_FRAME: usize = u32::MAX as usize;

/// The frame (length prefix and payload) in one buffer, so that it can go out
/// in a single `write(2)`: small frames then never interleave with frames
/// that other processes write to the same pipe (see [`crate::pipe::queue`]).
///
/// # Errors
/// `InvalidInput` if `payload` is longer than [`MAX_FRAME`].
pub fn encode_frame(payload: &[u8]) -> io::Result<Vec<u8>> {
    let len = u32::try_from(payload.len()).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a frame holds at most {MAX_FRAME} bytes, not {}",
                payload.len()
            ),
        )
    })?;
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
/// `UnexpectedEof` if the stream ends inside a frame (the writer died
/// mid-message), or the reader's error.
pub fn read_frame(reader: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
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
    let mut payload = vec![0u8; len];
    reader.read_exact(&mut payload)?;
    Ok(Some(payload))
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
}
