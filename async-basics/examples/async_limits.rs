//! 5.3 Async limits: a `Semaphore` caps how many requests are in flight.
//!
//! Python: `gather` starts every request at once; `async with
//! asyncio.Semaphore(3):` around each lets at most three be in flight.
//! Rust: `join_all` of the requests; `tokio::sync::Semaphore::new(3)`, whose
//! permit, held until the request is done, goes back when it is dropped.
//!
//! Watch: 12 requests at once without a limit, never more than 3 with one.
//! Varies: nothing: one thread runs every task, and the asserts count, not time.
//! A low `ulimit -n` is raised, or the run stops and says why.
//!
//! Run: cargo run --release --example async_limits

use std::cell::Cell;
use std::time::Duration;

use async_basics::echo::{self, EchoServer};
use async_basics::open_files;
use common::report::refused;
use futures::FutureExt;
use futures::future::join_all;
use tokio::sync::Semaphore;

// One thread, one loop, as asyncio.run(main()): every run interleaves alike.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Two descriptors per request in flight: its socket and the server's end.
    if let Err(e) = open_files::room_for_all(REQUESTS, 2) {
        let what = format!("file descriptors for {REQUESTS} requests at once");
        refused(&what, &e, &e.hint());
    }
    all_requests_at_once().await;
    semaphore_limits_requests_in_flight().await;
}

const REQUESTS: usize = 12;
const LIMIT: usize = 3;

// ANCHOR: peak_in_flight
/// Sends `REQUESTS` requests to one echo server at once, each after
/// `permit` (which may wait), and returns the most that were in flight.
async fn peak_in_flight<P: Future>(permit: impl Fn() -> P) -> usize {
    let server = EchoServer::start(Duration::from_millis(20)).await;
    let server = server.expect("an echo server on 127.0.0.1");
    let (address, permit) = (server.local_addr(), &permit);
    let (now, most) = (&Cell::new(0), &Cell::new(0)); // one thread: no atomics needed
    let requests = (0..REQUESTS).map(|n| async move {
        let _permit = permit().await; // held until this request is done
        now.set(now.get() + 1);
        most.set(most.get().max(now.get()));
        let payload = echo::payload_for(n);
        let reply = echo::request(address, &payload).await;
        now.set(now.get() - 1);
        assert_eq!(reply.expect("an echo"), payload);
    });
    join_all(requests).await;
    assert_eq!(server.stop().await.expect("stop"), REQUESTS as u64);
    most.get()
}
// ANCHOR_END: peak_in_flight

// ANCHOR: all_requests_at_once
async fn all_requests_at_once() {
    println!("1. {REQUESTS} requests gathered at once, with no limit: all in flight together");
    let most = peak_in_flight(|| async {}).await;
    println!("   most in flight at once: {most}");
    assert_eq!(most, REQUESTS, "nothing held any request back");
}
// ANCHOR_END: all_requests_at_once

// ANCHOR: semaphore_limits_requests_in_flight
async fn semaphore_limits_requests_in_flight() {
    println!("\n2. Semaphore({LIMIT}) ≈ asyncio.Semaphore({LIMIT}): at most {LIMIT} in flight");
    let limit = Semaphore::new(LIMIT);
    // ≈ async with semaphore: the permit goes back when it is dropped.
    let most = peak_in_flight(|| limit.acquire().map(|p| p.expect("never closed"))).await;
    println!("   most in flight at once: {most}");
    assert!(most <= LIMIT, "the semaphore let {most} requests in");
}
// ANCHOR_END: semaphore_limits_requests_in_flight
