//! 5.4 Gather with limits: in finishing order, on time, a few at a time.
//!
//! Python: `as_completed` yields in finishing order; `wait_for` gives up on
//! time; a `Semaphore` around each coroutine caps how many run at once.
//! Rust: `JoinSet::join_next`; `tokio::time::timeout`; `gather_limited` and
//! `gather_timeout` from `async_basics::gather` (the last cancels the rest).
//!
//! Watch: fast, medium, slow come back in that order; never more than two
//! run at once; the slow task is cancelled, not left running.
//! Varies: the finishing order only if the machine stalls longer than the
//! 100 ms between deadlines (the claim line then says so).
//!
//! Run: cargo run --release --example gather_limits

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::gather::{gather_limited, gather_timeout};
use common::report::claim;
use common::timing::{Stopwatch, format_duration};
use tokio::task::JoinSet;

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
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

// ANCHOR: join_set_hands_back_in_finishing_order
async fn join_set_hands_back_in_finishing_order() {
    println!("1. JoinSet::join_next ≈ asyncio.as_completed: in finishing order");
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
    let in_order = completed == ["fast", "medium", "slow"];
    let mut detail = completed.join(", ");
    if !in_order {
        detail += ": the machine stalled for over 100 ms, and deadlines fell due together";
    }
    claim(
        "the JoinSet hands them back fastest first",
        in_order,
        &detail,
    );
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
    println!("2. tokio::time::timeout ≈ asyncio.wait_for");
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
    println!("3. gather_limited ≈ gather(...) with `async with Semaphore(2)` around each");
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
    println!("4. gather_timeout ≈ wait_for(gather(...), 0.1): the unfinished are cancelled");
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
