//! 4 multiprocessing.Pipe and Queue: processes that talk through the kernel.
//!
//! Python: `Pipe()` gives two connected ends that `send`/`recv` pickled
//! objects; `Queue()` lets many processes `put` and one `get`.
//! Rust: `processes::pipe::fork_with_pipe` (a child and a Unix socket pair)
//! and `queue()` (one OS pipe), both sending serde values as length-prefixed postcard frames.
//!
//! Watch: a 300 KiB message arrives whole although the kernel moves at most
//! 64 KiB at a time (the length prefix restores the boundaries); the queue's
//! consumer knows that every producer is done when `get` returns `None`.
//! Varies: the order in which the producers' messages interleave in the queue.
//! Linux only (fork).
//!
//! Run: cargo run --release --example pipes

use serde::{Deserialize, Serialize};

use processes::fork::fork_child;
use processes::pipe::{fork_with_pipe, queue};

/// What the parent asks the child for.
#[derive(Debug, Serialize, Deserialize)]
enum Request {
    Square(u64),
    Blob(usize),
    Stop,
}

/// What the child answers.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Reply {
    Square(u64),
    Blob(Vec<u8>),
}

/// The child's side of the duplex pipe: answer until told to stop.
fn serve(conn: &mut processes::pipe::Connection) -> std::io::Result<()> {
    while let Some(request) = conn.recv::<Request>()? {
        match request {
            Request::Square(x) => conn.send(&Reply::Square(x * x))?,
            Request::Blob(len) => conn.send(&Reply::Blob(vec![0xAB; len]))?,
            Request::Stop => break,
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    // 1. Pipe(): request and reply with one child.
    // Like `Process(target=serve, args=(child_conn,)).start()`: each side
    // keeps one end and closes the other, so that closing means end-of-file.
    // SAFETY: single-threaded program; the child uses only its socket.
    let (child, mut parent_end) =
        unsafe { fork_with_pipe(|mut conn| i32::from(serve(&mut conn).is_err())) }?;

    let mut squares = Vec::new();
    for x in [3, 4, 5] {
        parent_end.send(&Request::Square(x))?;
        match parent_end.recv::<Reply>()? {
            Some(Reply::Square(y)) => squares.push(y),
            other => panic!("unexpected reply {other:?}"),
        }
    }
    println!("Pipe: squares from child {}: {squares:?}", child.pid());

    let blob_len = 300 * 1024;
    parent_end.send(&Request::Blob(blob_len))?;
    let blob = match parent_end.recv::<Reply>()? {
        Some(Reply::Blob(bytes)) => bytes,
        other => panic!("unexpected reply {other:?}"),
    };
    println!(
        "Pipe: one message of {} KiB arrived whole (the kernel moves at most 64 KiB at a time)",
        blob.len() / 1024
    );
    parent_end.send(&Request::Stop)?;
    let child_exit = child.wait()?;
    println!("Pipe: child {child_exit}");

    // 2. Queue(): three producers, one consumer, one pipe.
    let (tx, rx) = queue()?;
    let mut producers = Vec::new();
    for producer in 0..3u32 {
        let tx = tx.try_clone()?;
        // SAFETY: single-threaded program; the child writes to its pipe only.
        let child = unsafe {
            fork_child(move || {
                for n in 0..5u32 {
                    if tx.put(&(producer, n)).is_err() {
                        return 1;
                    }
                }
                0
            })
        }?;
        producers.push(child);
    }
    // Our own sender must go too, or `get` would wait for us forever.
    drop(tx);
    let mut received: Vec<(u32, u32)> = Vec::new();
    while let Some(message) = rx.get()? {
        received.push(message);
    }
    for child in producers {
        assert!(child.wait()?.success());
    }
    let arrival: Vec<String> = received.iter().map(|(p, n)| format!("{p}.{n}")).collect();
    println!();
    println!(
        "Queue: {} messages (producer.message) in arrival order:",
        received.len()
    );
    println!("  {}", arrival.join(" "));

    assert_eq!(squares, [9, 16, 25]);
    assert!(blob.len() == blob_len && blob.iter().all(|&b| b == 0xAB));
    assert!(child_exit.success());
    assert_eq!(received.len(), 15);
    for producer in 0..3 {
        // A pipe keeps each producer's own messages in the order it wrote them.
        let mine: Vec<u32> = received
            .iter()
            .filter(|(p, _)| *p == producer)
            .map(|&(_, n)| n)
            .collect();
        assert_eq!(mine, [0, 1, 2, 3, 4]);
    }
    Ok(())
}
