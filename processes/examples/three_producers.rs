//! 4 multiprocessing.Queue: three producer processes, one consumer.
//!
//! Python: `Queue()`; each producer `put`s, the parent `get`s until every
//! producer is done.
//! Rust: `processes::pipe::queue()`, one OS pipe: each message goes out in
//! one `write(2)` of at most `PIPE_BUF` bytes, which the kernel never
//! interleaves with another producer's.
//!
//! Watch: each producer's messages arrive in its own order; `get` returns
//! `None` once every sender, the parent's own included, is closed.
//! Varies: how the producers' messages interleave. Needs `fork`: Linux and
//! macOS.
//!
//! Run: cargo run --release --example three_producers

use std::io;
use std::process::ExitCode;

use processes::fork::fork_child;
use processes::lesson::require_fork;
use processes::pipe::{QueueSender, queue};

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(queue_from_three_producers)
}

// ANCHOR: queue_from_three_producers
/// A producer's side: five messages, then exit (closing its sender).
fn produce(tx: &QueueSender, producer: u32) -> i32 {
    for n in 0..5u32 {
        if tx.put(&(producer, n)).is_err() {
            return 1; // the consumer has gone
        }
    }
    0
}

/// `Queue()`: three producers, one consumer, one pipe.
fn queue_from_three_producers() -> io::Result<()> {
    let (tx, rx) = queue()?;
    let mut producers = Vec::new();
    for producer in 0..3u32 {
        let tx = tx.try_clone()?;
        // SAFETY: single-threaded program; the child writes to its pipe only.
        let child = unsafe { fork_child(move || produce(&tx, producer)) }?;
        producers.push(child);
    }
    drop(tx); // our own sender must go too, or `get` would wait for us forever
    let mut received: Vec<(u32, u32)> = Vec::new();
    while let Some(message) = rx.get()? {
        received.push(message);
    }
    let arrival: Vec<String> = received.iter().map(|(p, n)| format!("{p}.{n}")).collect();
    println!(
        "Queue: {} messages (producer.message) in arrival order:",
        received.len()
    );
    println!("  {}", arrival.join(" "));
    for child in producers {
        assert!(child.wait()?.success(), "every producer put all five");
    }
    for producer in 0..3 {
        let mine: Vec<u32> = received
            .iter()
            .filter(|m| m.0 == producer)
            .map(|m| m.1)
            .collect();
        assert_eq!(mine, [0, 1, 2, 3, 4], "a pipe keeps each producer's order");
    }
    Ok(())
}
// ANCHOR_END: queue_from_three_producers
