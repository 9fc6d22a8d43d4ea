//! 5.3 Async channels: a bounded queue, a one-time result, the latest value.
//!
//! Python: `asyncio.Queue(maxsize)` (put waits while full), a `Future` that
//! another task sets, and a `Condition` beside a value for the latest one.
//! Rust: a bounded `tokio::sync::mpsc::channel`, `oneshot`, and `watch`, which
//! keeps only the latest value.
//!
//! Watch: the producer is never more than two items ahead; the watcher wakes
//! once, with the last of three values.
//! Varies: nothing: one thread runs every task, and the asserts count, not time.
//!
//! Run: cargo run --release --example async_channels

use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::yield_now;

// One thread, one loop, as asyncio.run(main()): every run interleaves alike.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    bounded_queue_makes_the_producer_wait().await;
    oneshot_as_a_future().await;
    watch_keeps_the_latest_value().await;
}

// ANCHOR: bounded_queue_makes_the_producer_wait
async fn bounded_queue_makes_the_producer_wait() {
    const CAPACITY: usize = 2;
    println!(
        "1. a bounded mpsc::channel ≈ asyncio.Queue(maxsize={CAPACITY}): put waits while full"
    );
    let (queue, mut items) = mpsc::channel(CAPACITY);
    let log = Arc::new(Mutex::new(Vec::new()));
    let producer = tokio::spawn({
        let log = Arc::clone(&log);
        async move {
            for item in 0..6 {
                queue.send(item).await.expect("the consumer is there"); // ≈ queue.put(item)
                log.lock().unwrap().push(format!("put {item}"));
            } // dropping `queue` closes it: the consumer's recv() then gives None
        }
    });
    while let Some(item) = items.recv().await {
        log.lock().unwrap().push(format!("got {item}"));
        for _ in 0..3 {
            yield_now().await; // a slow consumer
        }
    }
    producer.await.expect("the producer");
    let log = log.lock().unwrap();
    println!("   {}", log.join(", "));
    let (mut ahead, mut most_ahead) = (0, 0); // items put and not yet got
    for line in log.iter() {
        ahead += if line.starts_with("put") { 1 } else { -1 };
        most_ahead = most_ahead.max(ahead);
    }
    println!("   the producer was at most {most_ahead} items ahead of the consumer");
    assert!(most_ahead <= CAPACITY as i32, "a full queue made put wait");
}
// ANCHOR_END: bounded_queue_makes_the_producer_wait

// ANCHOR: oneshot_as_a_future
async fn oneshot_as_a_future() {
    println!("\n2. oneshot ≈ loop.create_future(): another task sets the result");
    let (promise, future) = oneshot::channel();
    tokio::spawn(async move {
        yield_now().await;
        promise.send(42).expect("main awaits it"); // ≈ future.set_result(42)
    });
    let value = future.await;
    // A sender dropped unsent: an error, as a cancelled Future raises
    // CancelledError. (`send` takes the sender: no second set_result.)
    let (unsent, never) = oneshot::channel::<u32>();
    drop(unsent);
    let gave_up = never.await;
    println!("   awaited: {value:?}; with the sender dropped unsent: {gave_up:?}");
    assert_eq!(value, Ok(42), "the other task's value arrived");
    assert!(gave_up.is_err(), "the receiver knows none will come");
}
// ANCHOR_END: oneshot_as_a_future

// ANCHOR: watch_keeps_the_latest_value
async fn watch_keeps_the_latest_value() {
    println!("\n3. watch: readers see the latest value (asyncio: a Condition and a variable)");
    let (config, mut reader) = watch::channel(0);
    let other_reader = reader.clone();
    let watcher = tokio::spawn(async move {
        let mut seen = Vec::new();
        while reader.changed().await.is_ok() {
            seen.push(*reader.borrow_and_update()); // Err above once the sender is gone
        }
        seen
    });
    yield_now().await; // the watcher waits in changed()
    for version in 1..=3 {
        config.send_replace(version); // three updates with no .await between them
    }
    drop(config);
    let seen = watcher.await.expect("the watcher");
    let latest = *other_reader.borrow();
    println!("   sent 1, 2, 3; the watcher woke with {seen:?}; another reader reads {latest}");
    assert_eq!(seen, [3], "the watcher saw the latest value, not every one");
    assert_eq!(latest, 3, "every reader sees the same latest value");
}
// ANCHOR_END: watch_keeps_the_latest_value
