//! 5.4 `asyncio.gather()`: run awaitables together, results in argument order.
//!
//! Python: `gather(a(), b(), c())` returns `[a, b, c]` whatever order they end
//! in; the first exception propagates unless `return_exceptions=True`;
//! `as_completed` yields in finishing order; `wait_for` gives up on time.
//! Rust: `join!`, `join_all`; `try_join!` (drops the rest at the first `Err`);
//! joined `Result`s; `JoinSet`; `timeout`; `gather_limited`, `gather_timeout`.
//!
//! Watch: results come back as a, b, c although c ends first, and the gather
//! takes as long as the slowest (300 ms), not the sum (600 ms).
//! Varies: the times by a few milliseconds; the finishing order only if the
//! machine stalls longer than the 100 ms between deadlines (the example says so).
//!
//! Run: cargo run --release --example gather

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::gather::{gather_limited, gather_timeout};
use common::timing::{Stopwatch, format_duration};
use futures::future::join_all;
use tokio::task::JoinSet;

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    join_keeps_argument_order().await;
    join_all_gathers_a_vec().await;
    try_join_stops_at_the_first_error().await;
    joining_results_keeps_every_outcome().await;
    join_set_hands_back_in_finishing_order().await;
    timeout_gives_up().await;
    gather_limited_holds_the_rest_back().await;
    gather_timeout_cancels_the_rest().await;
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

// ANCHOR: join_set_hands_back_in_finishing_order
async fn join_set_hands_back_in_finishing_order() {
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
    if completed != ["fast", "medium", "slow"] {
        println!("   (the machine stalled for over 100 ms: deadlines fell due together)");
    }
    completed.sort_unstable();
    assert_eq!(
        completed,
        ["fast", "medium", "slow"],
        "every task came back once"
    );
}
// ANCHOR_END: join_set_hands_back_in_finishing_order

// ANCHOR: timeout_gives_up
async fn timeout_gives_up() {
    println!();
    println!("6. tokio::time::timeout ≈ asyncio.wait_for");
    let log = Log::default();
    let late = fetch("late", 300, Arc::clone(&log));
    let too_slow = tokio::time::timeout(Duration::from_millis(100), late).await;
    println!("   300 ms of work, 100 ms allowed: {too_slow:?}");
    let on_time = fetch("on time", 10, Arc::clone(&log));
    let in_time = tokio::time::timeout(Duration::from_secs(5), on_time).await;
    println!("   10 ms of work, 5 s allowed:     {in_time:?}");
    assert!(
        too_slow.is_err(),
        "300 ms of sleep cannot end within 100 ms"
    );
    assert_eq!(in_time, Ok("on time"));
    let events = log.lock().unwrap().clone();
    assert!(
        !events.contains(&"end late".into()),
        "the late one was dropped"
    );
}
// ANCHOR_END: timeout_gives_up

// ANCHOR: gather_limited_holds_the_rest_back
async fn gather_limited_holds_the_rest_back() {
    println!();
    println!("7. gather_limited ≈ gather(...) with `async with Semaphore(2)` around each");
    let log = Log::default();
    let two = NonZeroUsize::new(2).expect("2 is not 0");
    let fetches = ["p", "q", "r", "s"].map(|name| fetch(name, 50, Arc::clone(&log)));
    let watch = Stopwatch::start();
    let results = gather_limited(fetches, two).await;
    let took = format_duration(watch.elapsed());
    let events = log.lock().unwrap().clone();
    println!("   events:  {}", events.join(", "));
    println!("   results: {results:?} after {took} (two at a time: 2 x 50 ms)");
    // Replay the log: how many had started and not yet ended, at most.
    let (mut running, mut most) = (0, 0);
    for event in &events {
        running += if event.starts_with("start") { 1 } else { -1 };
        most = most.max(running);
    }
    assert_eq!(results, ["p", "q", "r", "s"], "argument order");
    assert_eq!(most, 2, "two ran at once, never more");
}
// ANCHOR_END: gather_limited_holds_the_rest_back

// ANCHOR: gather_timeout_cancels_the_rest
async fn gather_timeout_cancels_the_rest() {
    println!();
    println!("8. gather_timeout ≈ wait_for(gather(...), 0.1): the unfinished are cancelled");
    let log = Log::default();
    let fetches =
        [("quick", 10), ("slow", 300)].map(|(name, ms)| fetch(name, ms, Arc::clone(&log)));
    let gave_up = gather_timeout(fetches, Duration::from_millis(100)).await;
    // Each fetch holds a clone of the log until its future is dropped.
    let still_held = Arc::strong_count(&log) - 1;
    let events = log.lock().unwrap().clone();
    println!("   {gave_up:?}");
    println!(
        "   events: {}; futures still alive: {still_held}",
        events.join(", ")
    );
    assert!(gave_up.is_err(), "300 ms of work cannot end within 100 ms");
    assert_eq!(
        still_held, 0,
        "the slow task was cancelled, not left running"
    );
    assert!(
        !events.contains(&"end slow".into()),
        "the slow one never ended"
    );
}
// ANCHOR_END: gather_timeout_cancels_the_rest
