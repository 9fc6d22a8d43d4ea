//! 4 multiprocessing.Pipe: a parent and a child that talk through the kernel.
//!
//! Python: `Pipe()` gives two connected ends that `send`/`recv` pickled
//! objects; the parent keeps one, a `Process` gets the other.
//! Rust: `processes::pipe::fork_with_pipe` (a forked child and two OS pipes,
//! one each way), sending serde values as postcard frames.
//!
//! Watch: one reply per request, in order; a 300 KiB message arrives whole
//! though it is more than a pipe holds at once (the length prefix restores
//! the boundaries).
//! Varies: the child's pid. Needs `fork`: Linux and macOS.
//!
//! Run: cargo run --release --example pipes

use std::io;
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

use processes::lesson::require_fork;
use processes::pipe::{Connection, fork_with_pipe};

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(pipe_to_a_child)
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
    // SAFETY: single-threaded program; the child uses only its ends of the two pipes.
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
        "Pipe: one message of {} KiB arrived whole (more than a pipe holds at once)",
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
