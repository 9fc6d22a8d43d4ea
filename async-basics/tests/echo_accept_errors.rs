//! The echo server survives a failed `accept()`: here, running out of file
//! descriptors (EMFILE) while requests are in flight.
//!
//! Lowering `RLIMIT_NOFILE` affects the whole process, so this test lives in
//! a test binary of its own, holds the only test of it, and puts the limit
//! back when it ends (even if it fails).
//!
//! Unix only: `RLIMIT_NOFILE` is how Linux and macOS limit descriptors;
//! Windows has no such limit on sockets.
#![cfg(unix)]

use std::fs::File;
use std::future::Future;
use std::io;
use std::time::Duration;

use async_basics::echo::{EchoServer, payload_for, request};
use nix::errno::Errno;
use nix::sys::resource::{Resource, getrlimit, setrlimit};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// The bound on every wait in this test: a hang becomes a failure.
const LIMIT: Duration = Duration::from_secs(10);

/// `future`, or a test failure naming `what` if it takes longer than [`LIMIT`].
async fn bounded<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, future)
        .await
        .unwrap_or_else(|_| panic!("hung: {what} not done within {LIMIT:?}"))
}

/// Waits (bounded) until `condition` holds, letting other tasks run meanwhile.
async fn until(what: &str, condition: impl Fn() -> bool) {
    bounded(what, async {
        while !condition() {
            tokio::task::yield_now().await;
        }
    })
    .await;
}

/// Puts the open-file soft limit back when dropped.
struct RestoreLimit {
    soft: u64,
    hard: u64,
}

impl Drop for RestoreLimit {
    fn drop(&mut self) {
        // Raising the soft limit back up to (at most) the hard one is always allowed.
        setrlimit(Resource::RLIMIT_NOFILE, self.soft, self.hard)
            .expect("restore the open-file limit");
    }
}

/// Lowers the open-file soft limit a little above what is open now, then
/// opens `/dev/null` until the process has no descriptor left; the files
/// returned hold them.
fn use_up_descriptors() -> (RestoreLimit, Vec<File>) {
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).expect("read the open-file limit");
    let restore = RestoreLimit { soft, hard };
    let open_now = std::fs::read_dir("/proc/self/fd")
        .expect("list /proc/self/fd")
        .count() as u64;
    let lowered = (open_now + 32).min(soft);
    setrlimit(Resource::RLIMIT_NOFILE, lowered, hard).expect("lower the open-file limit");
    let mut files = Vec::new();
    loop {
        match File::open("/dev/null") {
            Ok(file) => files.push(file),
            Err(e) if e.raw_os_error() == Some(Errno::EMFILE as i32) => break,
            Err(e) => panic!("open /dev/null: {e}"),
        }
        assert!(files.len() as u64 <= lowered, "EMFILE never came");
    }
    (restore, files)
}

/// Sends the rest of a request and reads the whole reply.
async fn finish(mut stream: TcpStream, rest: &[u8]) -> io::Result<Vec<u8>> {
    stream.write_all(rest).await?;
    stream.shutdown().await?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await?;
    Ok(reply)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_out_of_descriptors_does_not_stop_the_server() {
    let server = EchoServer::start(Duration::ZERO).await.unwrap();
    let address = server.local_addr();

    // Three requests in flight: connected and accepted, the first half of
    // each payload sent, the server reading on and waiting for the rest.
    let payloads: Vec<Vec<u8>> = (0..3).map(payload_for).collect();
    let mut in_flight = Vec::new();
    for payload in &payloads {
        let mut stream = bounded("connect", TcpStream::connect(address))
            .await
            .unwrap();
        let (first, rest) = payload.split_at(payload.len() / 2);
        bounded("send half", stream.write_all(first)).await.unwrap();
        in_flight.push((stream, rest));
    }
    until("the server accepts the three", || server.accepted() == 3).await;

    // One more client whose socket exists before the descriptors run out, so
    // it can still connect; the kernel queues it, and the server's `accept`
    // fails with EMFILE: no descriptor is left for the accepted socket.
    let late_client = TcpSocket::new_v4().unwrap();
    let (restore, files) = use_up_descriptors();
    // (Checked below: a reset here means the listener was closed.)
    let late = bounded(
        "connect while out of descriptors",
        late_client.connect(address),
    )
    .await;
    until("an accept error", || server.accept_errors() > 0).await;

    // The requests in flight go on, descriptors or not.
    for ((stream, rest), payload) in in_flight.into_iter().zip(&payloads) {
        let reply = bounded("an in-flight request", finish(stream, rest)).await;
        let reply = reply.expect("in-flight request while out of descriptors");
        assert_eq!(
            String::from_utf8_lossy(&reply),
            String::from_utf8_lossy(payload),
            "an in-flight request lost its reply"
        );
    }

    // Descriptors back: the queued client and a new one are served.
    drop(files);
    drop(restore);
    let late = late.expect("queued connect, out of descriptors");
    let reply = bounded("the queued client", finish(late, b"late")).await;
    assert_eq!(
        reply.expect("queued client after descriptors came back"),
        b"late"
    );
    let reply = bounded("a new client", request(address, b"new")).await;
    assert_eq!(
        reply.expect("new client after descriptors came back"),
        b"new"
    );

    assert!(server.accept_errors() > 0);
    assert_eq!(bounded("stop", server.stop()).await.unwrap(), 5);
}
