//! The checks of the pipes lesson: frames, and a counter in shared memory.

use std::io::{self, Read};
use std::thread;
use std::time::{Duration, Instant};

use processes::frame::{MAX_FRAME, read_frame, write_frame};
use processes::shared::SharedValue;

use crate::said;

/// A reader that hands out one byte per `read`, and fails every other call
/// with `Interrupted` (EINTR), as a pipe read may when a signal arrives.
struct Trickle<'a> {
    bytes: &'a [u8],
    interrupt: bool,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.interrupt = !self.interrupt;
        if self.interrupt {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = self.bytes.len().min(buf.len()).min(1);
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// A reader that gives a frame header claiming `len` bytes, then fails.
struct HeaderOnly(Option<u32>);

impl Read for HeaderOnly {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let len = self.0.take().ok_or_else(|| {
            io::Error::other("read on after a header over MAX_FRAME: refuse it before the payload")
        })?;
        buf[..4].copy_from_slice(&len.to_le_bytes());
        Ok(4)
    }
}

/// read_frame: whole frames from readers that hand out pieces, a clean end,
/// and clear errors for cut frames and impossible lengths.
pub fn read_frame_check() -> Result<(), String> {
    let payloads: [&[u8]; 3] = [b"hello", b"", &[7; 300]];
    let mut wire = Vec::new();
    for payload in payloads {
        write_frame(&mut wire, payload).map_err(said("write_frame"))?;
    }
    for (name, mut reader) in [
        ("a byte slice", Box::new(&wire[..]) as Box<dyn Read>),
        (
            "a reader that gives one byte at a time, and EINTR in between",
            Box::new(Trickle {
                bytes: &wire,
                interrupt: false,
            }),
        ),
    ] {
        for payload in payloads {
            let got = read_frame(&mut reader);
            if got.as_ref().ok() != Some(&Some(payload.to_vec())) {
                return Err(format!(
                    "from {name}, read_frame gave {got:.60?} instead of the {}-byte frame written: \
                     one read may return fewer bytes than asked for, and an interrupted read is \
                     retried (Python's Connection.recv does both)",
                    payload.len()
                ));
            }
        }
        if !matches!(read_frame(&mut reader), Ok(None)) {
            return Err(format!(
                "after the last frame, {name} is at its end: read_frame should return Ok(None), \
                 the clean end of stream (Connection.recv raises EOFError there)"
            ));
        }
    }
    let cut = [&wire[..2], &wire[..7]]; // inside the first header, inside "hello"
    for bytes in cut {
        let got = read_frame(&mut &bytes[..]);
        if !matches!(&got, Err(e) if e.kind() == io::ErrorKind::UnexpectedEof) {
            return Err(format!(
                "a stream that ends after {} bytes, inside a frame, gave {got:?}: that is \
                 UnexpectedEof (the writer died mid-message), not a message, nor a clean end",
                bytes.len()
            ));
        }
    }
    for len in [u32::MAX, MAX_FRAME as u32 + 1] {
        let got = read_frame(&mut HeaderOnly(Some(len)));
        if !matches!(&got, Err(e) if e.kind() == io::ErrorKind::InvalidData) {
            return Err(format!(
                "a header claiming {len} bytes (MAX_FRAME is {MAX_FRAME}) gave {got:.80?}: refuse it \
                 with InvalidData before allocating or reading anything, or a corrupt peer \
                 makes you allocate 4 GiB and wait for bytes that never come"
            ));
        }
    }
    // A real pipe: 200 KiB is more than the kernel's pipe buffer holds.
    let (mut reader, mut writer) = io::pipe().map_err(said("pipe"))?;
    let big = vec![0xAB; 200 * 1024];
    let got = thread::scope(|s| {
        s.spawn(|| write_frame(&mut writer, &big));
        read_frame(&mut reader)
    });
    if got.as_ref().ok() != Some(&Some(big.clone())) {
        return Err(
            "a 200 KiB frame written to an OS pipe did not come back whole: a pipe \
             holds 64 KiB, so the payload arrives over many reads"
                .into(),
        );
    }
    Ok(())
}

/// shared_fetch_add: concurrent adds from two processes lose nothing.
pub fn shared_fetch_add() -> Result<(), String> {
    let value = SharedValue::new(0).map_err(said("SharedValue::new"))?;
    let (first, second) = (value.fetch_add(5), value.fetch_add(2));
    if (first, second, value.load()) != (0, 5, 7) {
        return Err(format!(
            "from 0, fetch_add(5) then fetch_add(2) returned {first} and {second} and left {}: \
             each returns the value from before its add (0, then 5), and the value ends at 7",
            value.load()
        ));
    }
    // Each child adds for 20 ms of wall time: several time slices, so that
    // the two interleave even when they share one CPU. On two CPUs they run
    // at once and the first round loses thousands of updates; ten rounds in
    // case a busy machine keeps one child from running during a whole round.
    // On one CPU they only take turns, and an update is lost only when the
    // scheduler switches between a load and its store: count for longer.
    const COUNTING: Duration = Duration::from_millis(20);
    let one_cpu = thread::available_parallelism().map_or(true, |n| n.get() == 1);
    for _ in 0..if one_cpu { 100 } else { 10 } {
        let new = || SharedValue::new(0).map_err(said("SharedValue::new"));
        let (counter, ready, added) = (new()?, [new()?, new()?], [new()?, new()?]);
        let mut children = Vec::new();
        for i in 0..2 {
            let (ready, added, counter) = (&ready, &added, &counter);
            // SAFETY: the check runs on the process's only thread; the child
            // touches only shared atomics, reads the clock and yields.
            let child = unsafe {
                processes::fork::fork_child(move || {
                    ready[i].store(1); // a start line: both count at the same time
                    while ready[1 - i].load() == 0 {
                        thread::yield_now();
                    }
                    let (start, mut adds) = (Instant::now(), 0);
                    while start.elapsed() < COUNTING {
                        for _ in 0..1_000 {
                            counter.fetch_add(1);
                        }
                        adds += 1_000;
                    }
                    added[i].store(adds);
                    0
                })
            };
            children.push(child.map_err(said("fork"))?);
        }
        for child in children {
            child.wait().map_err(said("waitpid"))?;
        }
        let [a, b] = [added[0].load(), added[1].load()];
        let (got, expected) = (counter.load(), a + b);
        if got != expected {
            return Err(format!(
                "two processes did fetch_add(1) on one SharedValue {a} and {b} times, and it \
                 ended at {got}, not {expected}: {} updates were lost. Both read the same old \
                 value and wrote old + 1, as `value.value += 1` does on a multiprocessing.Value \
                 outside `with value.get_lock():`",
                expected.saturating_sub(got)
            ));
        }
    }
    Ok(())
}
