//! 4 multiprocessing.Pipe and Queue: processes that talk through the kernel.
//!
//! Python: `Pipe()` gives two connected ends that `send`/`recv` pickled
//! objects; `Queue()` lets many processes `put` and one `get`.
//! Rust: `processes::pipe::fork_with_pipe` (a child and a Unix socket pair)
//! and `queue()` (one OS pipe), sending serde values as postcard frames.
//!
//! Watch: a 300 KiB message arrives whole though it is more than the socket's
//! buffer holds (the length prefix restores the boundaries); the queue's
//! consumer knows that every producer is done when `get` returns `None`.
//! Varies: the order in which the producers' messages interleave in the queue.
//! Linux only (fork).
//!
//! Run: cargo run --release --example pipes

use std::io;

use serde::{Deserialize, Serialize};

use processes::fork::fork_child;
use processes::pipe::{Connection, QueueSender, fork_with_pipe, queue};

fn main() -> io::Result<()> {
    pipe_to_a_child()?;
    queue_from_three_producers()
}

// ANCHOR: child_serves_requests
/// What the parent asks the child for.
#[derive(Debug, Serialize, Deserialize)]
enum Request {
    Square(u64),
    Blob(usize),
    Stop,
}

/// What the child answers.
#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    Square(u64),
    Blob(Vec<u8>),
}

/// The child's side of the duplex pipe: answer until told to stop.
fn serve(conn: &mut Connection) -> io::Result<()> {
    while let Some(request) = conn.recv::<Request>()? {
        match request {
            Request::Square(x) => conn.send(&Reply::Square(x * x))?,
            Request::Blob(len) => conn.send(&Reply::Blob(vec![0xAB; len]))?,
            Request::Stop => break,
        }
    }
    Ok(())
}
// ANCHOR_END: child_serves_requests

// ANCHOR: pipe_to_a_child
/// `Pipe()` and `Process(target=serve, args=(child_conn,)).start()`: each
/// side keeps one end and closes the other, so that closing means end-of-file.
fn pipe_to_a_child() -> io::Result<()> {
    // SAFETY: single-threaded program; the child uses only its socket.
    let (child, mut conn) =
        unsafe { fork_with_pipe(|mut conn| i32::from(serve(&mut conn).is_err())) }?;
    println!("Pipe: talking to child {}", child.pid());
    squares_from_the_child(&mut conn)?;
    one_big_message(&mut conn)?;
    conn.send(&Request::Stop)?;
    let exit = child.wait()?;
    println!("Pipe: child {exit}");
    assert!(exit.success(), "the child left its loop on Stop and exited");
    Ok(())
}
// ANCHOR_END: pipe_to_a_child

// ANCHOR: squares_from_the_child
fn squares_from_the_child(conn: &mut Connection) -> io::Result<()> {
    let mut squares = Vec::new();
    for x in [3, 4, 5] {
        conn.send(&Request::Square(x))?;
        match conn.recv::<Reply>()? {
            Some(Reply::Square(y)) => squares.push(y),
            other => panic!("unexpected reply {other:?}"),
        }
    }
    println!("Pipe: squares from the child: {squares:?}");
    assert_eq!(squares, [9, 16, 25], "one reply per request, in order");
    Ok(())
}
// ANCHOR_END: squares_from_the_child

// ANCHOR: one_big_message
fn one_big_message(conn: &mut Connection) -> io::Result<()> {
    let len = 300 * 1024;
    conn.send(&Request::Blob(len))?;
    let Some(Reply::Blob(blob)) = conn.recv::<Reply>()? else {
        panic!("the child did not answer with a blob");
    };
    println!(
        "Pipe: one message of {} KiB arrived whole (more than the socket's buffer holds at once)",
        blob.len() / 1024
    );
    let whole = blob.len() == len && blob.iter().all(|&b| b == 0xAB);
    assert!(
        whole,
        "the frame's length prefix put the pieces back together"
    );
    Ok(())
}
// ANCHOR_END: one_big_message

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
        "\nQueue: {} messages (producer.message) in arrival order:",
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
