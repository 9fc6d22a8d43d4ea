//! 3.7 Channels: share memory by communicating; a bounded channel is backpressure.
//!
//! Python: `queue.Queue(maxsize=2)`: `put` blocks when full, a sentinel says
//! "no more", and `get(timeout=...)` raises `queue.Empty`.
//! Rust: crossbeam's `bounded(2)`: `send` blocks when full, dropping every
//! sender closes the channel (no sentinel), `recv_timeout` gives up.
//!
//! Watch: the producer never runs more than 2 ahead of the slow consumer;
//! all 8 jobs arrive before the close; the idle wait times out.
//! Varies: how far ahead the producer is at each job (at most 2).
//!
//! Run: cargo run --release --example channels

use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use crossbeam::channel::{self, RecvTimeoutError};

const JOBS: u64 = 8;

fn main() {
    backpressure(JOBS);
    recv_timeout_on_an_idle_channel();
}

// ANCHOR: backpressure
/// `bounded(2)`: a full channel makes the producer wait.
fn backpressure(jobs: u64) {
    let (tx, rx) = channel::bounded::<u64>(2);
    let sent = &AtomicU64::new(0);
    let (mut received, mut furthest_ahead) = (0, 0);
    thread::scope(|s| {
        // `move`: the thread must own `tx`, so that it is dropped when it ends.
        s.spawn(move || {
            for job in 1..=jobs {
                tx.send(job).unwrap(); // blocks while 2 are waiting
                // Relaxed is enough: a progress count, and the channel already
                // orders each send before its receive (memory ordering: see
                // the 3.7 memory_ordering topic).
                sent.fetch_add(1, Ordering::Relaxed);
            }
        }); // `tx` is dropped here: the channel closes once drained
        for job in &rx {
            thread::sleep(Duration::from_millis(5)); // a slow consumer
            received += 1;
            // Relaxed: as above; a stale count only looks less far ahead.
            let ahead = sent.load(Ordering::Relaxed).saturating_sub(received);
            furthest_ahead = furthest_ahead.max(ahead);
            println!("got job {job} (producer ahead by {ahead})");
        }
    });
    println!("channel closed: all {received} jobs received");
    assert_eq!(received, jobs, "every job arrived before the close");
    assert!(
        furthest_ahead <= 2,
        "the producer ran {furthest_ahead} ahead of a bound of 2"
    );
}
// ANCHOR_END: backpressure

// ANCHOR: recv_timeout_on_an_idle_channel
/// Python's `q.get(timeout=0.05)` raising `queue.Empty`.
fn recv_timeout_on_an_idle_channel() {
    let (_keep_open, idle) = channel::bounded::<u64>(1);
    let waited = idle.recv_timeout(Duration::from_millis(50));
    println!("recv_timeout(50 ms) on an idle channel: {waited:?}");
    // With every sender gone it would be Err(Disconnected), at once.
    assert_eq!(
        waited,
        Err(RecvTimeoutError::Timeout),
        "open and empty: a timeout"
    );
}
// ANCHOR_END: recv_timeout_on_an_idle_channel
