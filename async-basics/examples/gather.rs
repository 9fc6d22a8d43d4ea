//! 5.4 `asyncio.gather()`: run awaitables together, results in argument order.
//!
//! Python: `await asyncio.gather(a(), b(), c())` returns `[a, b, c]` whatever
//! order they finish in; the first exception propagates unless
//! `return_exceptions=True`; `asyncio.as_completed` yields in finishing order;
//! `asyncio.wait_for(aw, timeout)` gives up with `TimeoutError`.
//! Rust: `tokio::join!(a(), b(), c())` returns the tuple `(a, b, c)`;
//! `futures::future::join_all(vec)` does the same for a `Vec`;
//! `tokio::try_join!` stops at the first `Err` (and drops the rest, where
//! `gather` lets them run on); joining futures that return `Result` collects
//! every outcome, as `return_exceptions=True` does; `JoinSet::join_next` hands
//! back tasks as they finish; `tokio::time::timeout` is `wait_for`.
//!
//! Watch: the results come back as a, b, c although c finishes first, and the
//! whole gather takes about as long as the slowest (0.3 s), not the sum (0.6 s).
//! Varies: the elapsed times by a few milliseconds, and in principle the
//! finishing order if the machine stalls for longer than the gaps (100 ms)
//! between the deadlines.
//!
//! Run: cargo run --release --example gather

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::timing::{Stopwatch, format_duration};
use futures::future::join_all;
use tokio::task::JoinSet;

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

async fn lesson() {
    println!("1. tokio::join! ≈ asyncio.gather(a(), b(), c())");
    let log: Log = Arc::default();
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

    println!();
    println!("2. join_all(vec) ≈ asyncio.gather(*coroutines)");
    let log: Log = Arc::default();
    let names = ["v", "w", "x", "y", "z"];
    let delays = [50, 40, 30, 20, 10]; // the last finishes first
    let coroutines = names
        .into_iter()
        .zip(delays)
        .map(|(name, ms)| fetch(name, ms, Arc::clone(&log)));
    let many = join_all(coroutines).await;
    println!("   results: {many:?}");

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

    println!();
    println!("4. joining Results ≈ gather(..., return_exceptions=True)");
    let all: Vec<Result<&str, String>> = join_all([
        maybe_fail("ok 1", 30),
        maybe_fail("bad 2", 20),
        maybe_fail("ok 3", 10),
    ])
    .await;
    println!("   {all:?}");

    println!();
    println!("5. JoinSet::join_next ≈ asyncio.as_completed: in finishing order");
    let mut set = JoinSet::new();
    for (name, millis) in [("slow", 300), ("medium", 200), ("fast", 100)] {
        set.spawn(async move {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            name
        });
    }
    let mut completed = Vec::new();
    while let Some(done) = set.join_next().await {
        let name = done.expect("a task of the set");
        println!("   done: {name}");
        completed.push(name);
    }

    println!();
    println!("6. tokio::time::timeout ≈ asyncio.wait_for");
    let log: Log = Arc::default();
    let too_slow = tokio::time::timeout(
        Duration::from_millis(100),
        fetch("late", 300, Arc::clone(&log)),
    )
    .await;
    println!("   300 ms of work, 100 ms allowed: {too_slow:?}");
    let in_time = tokio::time::timeout(
        Duration::from_secs(5),
        fetch("on time", 10, Arc::clone(&log)),
    )
    .await;
    println!("   10 ms of work, 5 s allowed:     {in_time:?}");

    assert_eq!(
        results,
        ("a", "b", "c"),
        "argument order, not finishing order"
    );
    assert!(
        events[..3].iter().all(|e| e.starts_with("start")),
        "all three started before any ended: {events:?}"
    );
    assert!(took >= Duration::from_millis(300));
    assert_eq!(many, ["v", "w", "x", "y", "z"]);
    assert_eq!(first_error, Err("bad 2 failed".to_string()));
    assert_eq!(
        all,
        [Ok("ok 1"), Err("bad 2 failed".to_string()), Ok("ok 3")]
    );
    completed.sort();
    assert_eq!(completed, ["fast", "medium", "slow"]);
    assert!(too_slow.is_err());
    assert_eq!(in_time, Ok("on time"));
}

// One thread, one event loop, as asyncio.run(lesson()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    lesson().await;
}
