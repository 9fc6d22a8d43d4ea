//! 5.4 `asyncio.gather()`: run awaitables together, results in argument order.
//!
//! Python: `gather(a(), b(), c())` returns `[a, b, c]` whatever order they end
//! in; the first exception propagates unless `return_exceptions=True`.
//! Rust: `tokio::join!`, `futures::future::join_all`; `try_join!` (drops the rest
//! at the first `Err`); joined `Result`s, one per future.
//!
//! Watch: results come back as a, b, c although c ends first, and the gather
//! takes as long as the slowest (300 ms), not the sum (600 ms).
//! Varies: the times, by a few milliseconds.
//!
//! Run: cargo run --release --example gather

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::report::claim;
use common::timing::{Stopwatch, format_duration};
use futures::future::join_all;

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    join_keeps_argument_order().await;
    join_all_gathers_a_vec().await;
    try_join_stops_at_the_first_error().await;
    joining_results_keeps_every_outcome().await;
}

type Log = Arc<Mutex<Vec<String>>>;

async fn fetch(name: &'static str, millis: u64, log: Log) -> &'static str {
    log.lock().unwrap().push(format!("start {name}"));
    tokio::time::sleep(Duration::from_millis(millis)).await;
    log.lock().unwrap().push(format!("end {name}"));
    name
}

async fn maybe_fail(name: &'static str, millis: u64) -> Result<&'static str, String> {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    if name.starts_with("bad") {
        Err(format!("{name} failed"))
    } else {
        Ok(name)
    }
}

// ANCHOR: join_keeps_argument_order
async fn join_keeps_argument_order() {
    println!("1. tokio::join! ≈ asyncio.gather(a(), b(), c())");
    let log = Log::default();
    let watch = Stopwatch::start();
    let results = tokio::join!(
        fetch("a", 300, Arc::clone(&log)),
        fetch("b", 200, Arc::clone(&log)),
        fetch("c", 100, Arc::clone(&log)),
    );
    let took = watch.elapsed();
    let events = log.lock().unwrap().clone();
    println!("   events:  {}", events.join(", "));
    println!(
        "   results: {results:?} after {} (the sum would be 600 ms)",
        format_duration(took)
    );
    assert_eq!(
        results,
        ("a", "b", "c"),
        "argument order, not finishing order"
    );
    assert!(
        events[..3].iter().all(|e| e.starts_with("start")),
        "all three started before any ended: {events:?}"
    );
    assert!(took >= Duration::from_millis(300), "a sleep ended early");
    let detail = format_duration(took);
    let holds = took < Duration::from_millis(600);
    claim(
        "the gather takes as long as the slowest, not the sum",
        holds,
        &detail,
    );
}
// ANCHOR_END: join_keeps_argument_order

// ANCHOR: join_all_gathers_a_vec
async fn join_all_gathers_a_vec() {
    println!();
    println!("2. join_all(vec) ≈ asyncio.gather(*coroutines)");
    let log = Log::default();
    let names = ["v", "w", "x", "y", "z"];
    let delays = [50, 40, 30, 20, 10]; // the last finishes first
    let coroutines = names
        .into_iter()
        .zip(delays)
        .map(|(name, ms)| fetch(name, ms, Arc::clone(&log)));
    let many = join_all(coroutines).await;
    println!("   results: {many:?}");
    assert_eq!(many, names, "the Vec is in argument order too");
}
// ANCHOR_END: join_all_gathers_a_vec

// ANCHOR: try_join_stops_at_the_first_error
async fn try_join_stops_at_the_first_error() {
    println!();
    println!("3. try_join! ≈ gather without return_exceptions: the first error wins");
    let watch = Stopwatch::start();
    let first_error = tokio::try_join!(
        maybe_fail("ok 1", 300),
        maybe_fail("bad 2", 50),
        maybe_fail("ok 3", 300)
    );
    println!(
        "   {first_error:?} after {}: the two others were dropped, not left running",
        format_duration(watch.elapsed())
    );
    assert_eq!(first_error, Err("bad 2 failed".to_string()));
}
// ANCHOR_END: try_join_stops_at_the_first_error

// ANCHOR: joining_results_keeps_every_outcome
async fn joining_results_keeps_every_outcome() {
    println!();
    println!("4. joining Results ≈ gather(..., return_exceptions=True)");
    let all: Vec<Result<&str, String>> = join_all([
        maybe_fail("ok 1", 30),
        maybe_fail("bad 2", 20),
        maybe_fail("ok 3", 10),
    ])
    .await;
    println!("   {all:?}");
    assert_eq!(
        all,
        [Ok("ok 1"), Err("bad 2 failed".to_string()), Ok("ok 3")],
        "every outcome, errors included, in argument order"
    );
}
// ANCHOR_END: joining_results_keeps_every_outcome
