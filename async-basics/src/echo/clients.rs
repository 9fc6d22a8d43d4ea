//! Many clients of one echo server, three ways: one after another, as tokio
//! tasks, as OS threads. The summary's `io_bound` times them side by side,
//! and `cargo run --release -- --compare io` times them beside Python's.
//!
//! Client `n` sends [`payload_for`]`(n)`; each way returns how many clients
//! got exactly their own bytes back, or the first client whose request
//! failed. A failure may be the OS refusing a socket or a thread
//! ([`ClientError::is_refusal`]: a limit of the machine, not a bug).
//!
//! ```
//! use std::time::Duration;
//! use async_basics::echo::{EchoServer, clients};
//!
//! # tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async {
//! let server = EchoServer::start(Duration::from_millis(2)).await.unwrap();
//! assert_eq!(clients::tasks(server.local_addr(), 20).await.unwrap(), 20);
//! # server.stop().await.unwrap();
//! # });
//! ```

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::thread;

use tokio::task::JoinSet;

use super::{payload_for, request, request_blocking};
use crate::os_errors;

/// The request of client `n` failed, or the OS refused what it needed.
#[derive(Debug)]
pub struct ClientError {
    /// Which client (`0..clients`).
    pub client: usize,
    /// What went wrong.
    pub error: io::Error,
}

impl ClientError {
    /// Whether the OS refused a descriptor, a port, memory or a thread:
    /// a limit of this machine (`ulimit -n`, `ulimit -u`), not a bug.
    pub fn is_refusal(&self) -> bool {
        os_errors::is_shortage(&self.error)
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client {}: {}", self.client, self.error)
    }
}

impl std::error::Error for ClientError {}

/// Whether client `n` got its own bytes back (a blocking request).
fn served_right(server: SocketAddr, n: usize) -> Result<bool, ClientError> {
    let payload = payload_for(n);
    let reply = request_blocking(server, &payload);
    let reply = reply.map_err(|error| ClientError { client: n, error })?;
    Ok(reply == payload)
}

// ANCHOR: one_after_another
/// `clients` blocking requests in a loop, each waiting for its reply before
/// the next starts: how many got their own bytes back.
///
/// # Errors
/// The first request that failed.
pub fn one_after_another(server: SocketAddr, clients: usize) -> Result<usize, ClientError> {
    let mut correct = 0;
    for n in 0..clients {
        correct += usize::from(served_right(server, n)?);
    }
    Ok(correct)
}
// ANCHOR_END: one_after_another

// ANCHOR: tasks
/// One tokio task per client, all in flight at once on the current runtime
/// (≈ `asyncio.gather` of `clients` coroutines): how many got their own
/// bytes back.
///
/// # Errors
/// The first request that failed, once every task has ended.
///
/// # Panics
/// Outside a tokio runtime.
pub async fn tasks(server: SocketAddr, clients: usize) -> Result<usize, ClientError> {
    let mut set = JoinSet::new();
    for n in 0..clients {
        set.spawn(async move {
            let payload = payload_for(n);
            let reply = request(server, &payload).await;
            let reply = reply.map_err(|error| ClientError { client: n, error })?;
            Ok(reply == payload)
        });
    }
    let mut outcomes = Vec::with_capacity(clients);
    while let Some(joined) = set.join_next().await {
        // A request does not panic; if one did, its panic goes on here.
        outcomes.push(joined.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())));
    }
    count_correct(outcomes)
}
// ANCHOR_END: tasks

// ANCHOR: threads
/// One OS thread per client, each making a blocking request, then a `join`
/// of all (≈ a `threading.Thread` per client): how many got their own bytes
/// back.
///
/// # Errors
/// The first request that failed, or the OS refusing thread number
/// `client` (after the threads already started have ended).
pub fn threads(server: SocketAddr, clients: usize) -> Result<usize, ClientError> {
    let mut started = Vec::with_capacity(clients);
    let mut refused = None;
    for n in 0..clients {
        match thread::Builder::new().spawn(move || served_right(server, n)) {
            Ok(thread) => started.push(thread),
            Err(error) => {
                refused = Some(ClientError { client: n, error });
                break;
            }
        }
    }
    let outcomes = started.into_iter().map(|thread| {
        thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let correct = count_correct(outcomes.collect());
    refused.map_or(correct, Err)
}
// ANCHOR_END: threads

/// The number of `true`s, or the first error.
fn count_correct(outcomes: Vec<Result<bool, ClientError>>) -> Result<usize, ClientError> {
    let mut correct = 0;
    for outcome in outcomes {
        correct += usize::from(outcome?);
    }
    Ok(correct)
}
