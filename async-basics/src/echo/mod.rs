//! A TCP echo server on loopback, and its clients: real IO-bound work.
//!
//! Each request is one connection: the client sends its bytes and closes its
//! writing half; the server reads them to the end, waits a fixed "think
//! time" (standing in for a slow database or remote service behind it), sends
//! the same bytes back and closes. While one request waits, the server serves
//! the others: that waiting is what async is for.
//!
//! The server binds `127.0.0.1:0`, so the OS picks a free port, and it stops
//! when told to ([`EchoServer::stop`]): nothing outlives the program.
//!
//! A failed `accept()` does not stop it. Running out of file descriptors
//! (EMFILE, ENFILE) or memory, or a client that hung up before we took its
//! connection (ECONNABORTED), passes: the server counts the failure
//! ([`EchoServer::accept_errors`]), pauses briefly and accepts again, and the
//! requests in flight go on meanwhile. Only an error about the listening
//! socket itself ends it, and [`EchoServer::stop`] returns that error.
//!
//! One client is [`request`] (async) or [`request_blocking`]; a thousand,
//! one after another, as tasks or as threads, are in [`clients`].
//!
//! ```
//! use std::time::Duration;
//! use async_basics::echo::{EchoServer, request};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let server = EchoServer::start(Duration::ZERO).await.unwrap();
//! let reply = request(server.local_addr(), b"hello").await.unwrap();
//! assert_eq!(reply, b"hello");
//! assert_eq!(server.stop().await.unwrap(), 1); // one connection served
//! # });
//! ```

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::os_errors;

pub mod clients;

/// How long any one request may take before a client gives up with an error
/// (a bound, so a broken run fails instead of hanging).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The pause after a failed `accept()`. It doubles with each failure in a row,
/// up to [`MAX_ACCEPT_PAUSE`], and starts over after a success: the backoff
/// Go's `net/http` server uses.
const FIRST_ACCEPT_PAUSE: Duration = Duration::from_millis(5);
/// The longest pause between two `accept()` attempts that failed.
const MAX_ACCEPT_PAUSE: Duration = Duration::from_secs(1);

/// A running echo server (≈ `asyncio.start_server` with an echo handler).
#[derive(Debug)]
pub struct EchoServer {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<u64>>,
    counts: Arc<Counts>,
}

/// What the server has done so far, shared between its task and its handle.
/// Plain counters: nothing else is synchronised through them, so `Relaxed`
/// ordering is enough.
#[derive(Debug, Default)]
struct Counts {
    accepted: AtomicU64,
    accept_errors: AtomicU64,
}

impl EchoServer {
    /// Binds `127.0.0.1:0` and starts serving on the current tokio runtime;
    /// each request waits `think_time` before its reply.
    ///
    /// The listen backlog is 4096, so a burst of a thousand connects is queued
    /// rather than refused (the kernel may still cap it at `net.core.somaxconn`).
    pub async fn start(think_time: Duration) -> io::Result<EchoServer> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let listener = socket.listen(4096)?;
        let address = listener.local_addr()?;
        let (stop, mut stopped) = oneshot::channel();
        let counts = Arc::new(Counts::default());
        let task_counts = Arc::clone(&counts);
        let task = tokio::spawn(async move {
            let counts = task_counts;
            let mut connections = JoinSet::new();
            let mut pause = FIRST_ACCEPT_PAUSE;
            let outcome = loop {
                tokio::select! {
                    _ = &mut stopped => break Ok(()),
                    accepted = listener.accept() => match accepted {
                        Ok((stream, _)) => {
                            counts.accepted.fetch_add(1, Ordering::Relaxed);
                            pause = FIRST_ACCEPT_PAUSE;
                            connections.spawn(echo(stream, think_time));
                        }
                        Err(e) if os_errors::is_about_the_listener(&e) => break Err(e),
                        // A client we could not take is still queued, so the
                        // listener still reads as ready: retrying at once
                        // would spin on the same error. Pause instead (still
                        // listening for `stop`); requests in flight run on
                        // their own tasks meanwhile.
                        Err(_) => {
                            counts.accept_errors.fetch_add(1, Ordering::Relaxed);
                            tokio::select! {
                                _ = &mut stopped => break Ok(()),
                                _ = tokio::time::sleep(pause) => {}
                            }
                            pause = (pause * 2).min(MAX_ACCEPT_PAUSE);
                        }
                    },
                    // Reap finished connections as we go, keeping the set small.
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            };
            // Let requests in flight finish their reply before we report,
            // even when a broken listener ended the loop.
            while connections.join_next().await.is_some() {}
            outcome.map(|()| counts.accepted.load(Ordering::Relaxed))
        });
        Ok(EchoServer {
            address,
            stop,
            task,
            counts,
        })
    }

    /// The address the OS gave the server.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// How many connections the server has accepted so far.
    pub fn accepted(&self) -> u64 {
        self.counts.accepted.load(Ordering::Relaxed)
    }

    /// How many `accept()` calls have failed so far and been retried after a
    /// pause (EMFILE, ENFILE, ECONNABORTED, ..): a failure count, not a
    /// client count, since one queued client can fail several attempts
    /// while descriptors are short. A production server would log these too.
    pub fn accept_errors(&self) -> u64 {
        self.counts.accept_errors.load(Ordering::Relaxed)
    }

    /// Stops accepting, waits for the requests in flight, and returns how many
    /// connections it accepted.
    ///
    /// # Errors
    /// The error that ended the server early, if the listening socket itself
    /// broke (failed `accept()` calls it retried are counted in
    /// [`EchoServer::accept_errors`], not returned); or an error if the
    /// server's task panicked.
    pub async fn stop(self) -> io::Result<u64> {
        let _ = self.stop.send(());
        self.task.await.map_err(io::Error::other)?
    }
}

/// One request on the server's side: read all, think, write all back.
async fn echo(mut stream: TcpStream, think_time: Duration) -> io::Result<()> {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await?;
    if !think_time.is_zero() {
        tokio::time::sleep(think_time).await;
    }
    stream.write_all(&bytes).await?;
    stream.shutdown().await
}

/// One request from an async client: connect, send `payload`, return the reply.
///
/// # Errors
/// Any IO error, or `TimedOut` after [`REQUEST_TIMEOUT`].
pub async fn request(server: SocketAddr, payload: &[u8]) -> io::Result<Vec<u8>> {
    let exchange = async {
        let mut stream = TcpStream::connect(server).await?;
        stream.write_all(payload).await?;
        stream.shutdown().await?; // the server reads until this end-of-file
        let mut reply = Vec::with_capacity(payload.len());
        stream.read_to_end(&mut reply).await?;
        Ok(reply)
    };
    tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "echo request timed out"))?
}

/// The same request from blocking code (a plain thread), with `std::net`.
///
/// # Errors
/// Any IO error, or a timeout after [`REQUEST_TIMEOUT`] per read or write.
pub fn request_blocking(server: SocketAddr, payload: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = std::net::TcpStream::connect_timeout(&server, REQUEST_TIMEOUT)?;
    stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
    stream.set_write_timeout(Some(REQUEST_TIMEOUT))?;
    stream.write_all(payload)?;
    stream.shutdown(Shutdown::Write)?;
    let mut reply = Vec::with_capacity(payload.len());
    stream.read_to_end(&mut reply)?;
    Ok(reply)
}

/// The payload client number `n` sends: distinct per client, so a reply that
/// went to the wrong client would not match.
///
/// ```
/// let p = async_basics::echo::payload_for(7);
/// assert!(p.starts_with(b"client 7:"));
/// assert_ne!(p, async_basics::echo::payload_for(8));
/// ```
pub fn payload_for(n: usize) -> Vec<u8> {
    format!("client {n}: {}\n", "0123456789".repeat(10)).into_bytes()
}
