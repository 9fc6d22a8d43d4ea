//! 5.3 Async synchronisation: asyncio's Lock, Semaphore, Event, Queue, Future.
//!
//! Python: `asyncio.Lock`, `Semaphore`, `Event`, `Queue(maxsize)`, and a
//! `Future` that another task sets; all for tasks that share one loop.
//! Rust: `tokio::sync`'s `Mutex`, `Semaphore`, `Notify`, `mpsc`, `oneshot` and
//! `watch`; and `std::sync::Mutex`, where no `.await` sits inside the lock.
//!
//! Watch: updates are lost across an `.await` without a lock; at most 3
//! requests reach the echo server at once; a full queue makes its producer wait.
//! Varies: nothing: one thread runs every task, and the asserts count, not time.
//!
//! Run: cargo run --release --example async_sync

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::echo::{self, EchoServer};
use futures::FutureExt;
use futures::future::join_all;
use tokio::sync::{Notify, Semaphore, mpsc, oneshot, watch};
use tokio::task::yield_now;

// One thread, one loop, as asyncio.run(main()): every run interleaves alike.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    lost_update_across_an_await().await;
    tokio_mutex_held_across_an_await().await;
    std_mutex_with_no_await_inside().await;
    all_requests_at_once().await;
    semaphore_limits_requests_in_flight().await;
    notify_as_an_event().await;
    bounded_queue_makes_the_producer_wait().await;
    oneshot_as_a_future().await;
    watch_keeps_the_latest_value().await;
}

const TASKS: u32 = 10;

/// Spawns `TASKS` copies of `add_one` and waits for them all.
async fn run_tasks<F: Future<Output = ()> + Send + 'static>(add_one: impl Fn() -> F) {
    let tasks: Vec<_> = (0..TASKS).map(|_| tokio::spawn(add_one())).collect();
    for task in join_all(tasks).await {
        task.expect("no task panics");
    }
}

// ANCHOR: lost_update_across_an_await
async fn lost_update_across_an_await() {
    println!("1. read, .await, write: with no lock across the .await, updates are lost");
    let hits = Arc::new(Mutex::new(0));
    run_tasks(|| {
        let hits = Arc::clone(&hits);
        async move {
            let seen = *hits.lock().unwrap(); // the guard is dropped at the `;`
            yield_now().await; // ≈ await asyncio.sleep(0): the other tasks run here
            *hits.lock().unwrap() = seen + 1;
        }
    })
    .await;
    let total = *hits.lock().unwrap();
    println!("   {TASKS} tasks added 1 each: hits = {total}");
    assert!(total < TASKS, "every task read before the first wrote back");
}
// ANCHOR_END: lost_update_across_an_await

// ANCHOR: tokio_mutex_held_across_an_await
async fn tokio_mutex_held_across_an_await() {
    println!("\n2. tokio::sync::Mutex ≈ asyncio.Lock: held across the .await, nothing is lost");
    let hits = Arc::new(tokio::sync::Mutex::new(0));
    run_tasks(|| {
        let hits = Arc::clone(&hits);
        async move {
            let mut n = hits.lock().await; // ≈ async with lock: waiting gives way
            let seen = *n;
            yield_now().await; // the others run, and wait for the lock
            *n = seen + 1;
        }
    })
    .await;
    let total = *hits.lock().await;
    println!("   {TASKS} tasks added 1 each: hits = {total}");
    println!("   (use it where the lock must be held across an .await)");
    assert_eq!(total, TASKS, "the lock made read, .await, write one step");
}
// ANCHOR_END: tokio_mutex_held_across_an_await

// ANCHOR: std_mutex_with_no_await_inside
async fn std_mutex_with_no_await_inside() {
    println!("\n3. std::sync::Mutex is right, and cheaper, when no .await is inside the lock");
    let hits = Arc::new(Mutex::new(0));
    run_tasks(|| {
        let hits = Arc::clone(&hits);
        async move {
            // The guard is a temporary, dropped at the `;`: before the .await,
            // so the task stays Send (tokio::spawn requires it).
            *hits.lock().unwrap() += 1;
            yield_now().await;
        }
    })
    .await;
    // Held across the .await instead, it does not compile: rustc's message is
    // in tests/ui/std_guard_across_await.stderr.
    let total = *hits.lock().unwrap();
    println!("   {TASKS} tasks added 1 each: hits = {total}");
    println!("   (never hold a std guard across .await: use tokio's Mutex there)");
    assert_eq!(total, TASKS, "each update was one step under the lock");
}
// ANCHOR_END: std_mutex_with_no_await_inside

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
    println!("\n4. {REQUESTS} requests gathered at once, with no limit: all in flight together");
    let most = peak_in_flight(|| async {}).await;
    println!("   most in flight at once: {most}");
    assert_eq!(most, REQUESTS, "nothing held any request back");
}
// ANCHOR_END: all_requests_at_once

// ANCHOR: semaphore_limits_requests_in_flight
async fn semaphore_limits_requests_in_flight() {
    println!("\n5. Semaphore({LIMIT}) ≈ asyncio.Semaphore({LIMIT}): at most {LIMIT} in flight");
    let limit = Semaphore::new(LIMIT);
    // ≈ async with semaphore: the permit goes back when it is dropped.
    let most = peak_in_flight(|| limit.acquire().map(|p| p.expect("never closed"))).await;
    println!("   most in flight at once: {most}");
    assert!(most <= LIMIT, "the semaphore let {most} requests in");
}
// ANCHOR_END: semaphore_limits_requests_in_flight

// ANCHOR: event
/// `asyncio.Event` on tokio: a flag that stays set, and a `Notify` that wakes
/// whoever is waiting for it.
#[derive(Default)]
struct Event {
    is_set: AtomicBool,
    notify: Notify,
}

impl Event {
    fn set(&self) {
        // SeqCst, the default when unsure; the wake-up orders the rest
        // (memory ordering: see the 3.7 memory_ordering topic).
        self.is_set.store(true, Ordering::SeqCst);
        self.notify.notify_waiters(); // wakes every task waiting right now
    }

    async fn wait(&self) {
        // Register before looking at the flag: a set() in between still
        // wakes this `notified`, so no waiter is missed.
        let notified = self.notify.notified();
        if !self.is_set.load(Ordering::SeqCst) {
            notified.await;
        }
    }
}
// ANCHOR_END: event

// ANCHOR: notify_as_an_event
async fn notify_as_an_event() {
    println!("\n6. Notify ≈ asyncio.Event: tasks wait until another task sets it");
    let event = Arc::new(Event::default());
    let (released, mut releases) = mpsc::unbounded_channel();
    for n in 1..=3 {
        let (event, released) = (Arc::clone(&event), released.clone());
        tokio::spawn(async move {
            event.wait().await;
            released.send(n).expect("main counts the releases");
        });
    }
    drop(released); // so `releases` ends once every waiter has sent
    yield_now().await; // the waiters run up to their wait(), and stop there
    let before = releases.len();
    event.set();
    let mut after = Vec::new();
    while let Some(n) = releases.recv().await {
        after.push(n);
    }
    let late = event.wait().now_or_never().is_some(); // it stays set: no wait
    let bare = Notify::new();
    bare.notify_waiters(); // nobody waits: Notify alone forgets it
    let forgot = bare.notified().now_or_never().is_none();
    println!("   released before set(): {before}; after: {after:?}");
    println!("   a wait() after set() passes: {late}; a bare Notify forgot: {forgot}");
    assert_eq!((before, after.len()), (0, 3), "set() released every waiter");
    assert!(late && forgot, "an Event stays set, a bare Notify forgets");
}
// ANCHOR_END: notify_as_an_event

// ANCHOR: bounded_queue_makes_the_producer_wait
async fn bounded_queue_makes_the_producer_wait() {
    const CAPACITY: usize = 2;
    println!(
        "\n7. a bounded mpsc::channel ≈ asyncio.Queue(maxsize={CAPACITY}): put waits while full"
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
    println!("\n8. oneshot ≈ loop.create_future(): another task sets the result");
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
    println!("\n9. watch: readers see the latest value (asyncio: a Condition and a variable)");
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
