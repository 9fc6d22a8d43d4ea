//! 5.3 An async event: tasks wait until another task sets it.
//!
//! Python: `asyncio.Event`: `set()` wakes every task waiting in `wait()`, and
//! it stays set, so a later `wait()` passes at once.
//! Rust: tokio has no `Event`; `tokio::sync::Notify` wakes the waiters, and a
//! flag beside it remembers that it was set (a `Notify` alone forgets).
//!
//! Watch: no waiter passes before `set()`, all three after it; a `wait()`
//! after `set()` does not wait.
//! Varies: nothing: one thread runs every task, and the asserts count, not time.
//!
//! Run: cargo run --release --example async_event

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::FutureExt;
use tokio::sync::{Notify, mpsc};
use tokio::task::yield_now;

// One thread, one loop, as asyncio.run(main()): every run interleaves alike.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    notify_as_an_event().await;
}

// ANCHOR: event
/// `asyncio.Event` for tokio tasks: a flag that stays set, and a `Notify`
/// that wakes whoever is waiting for it. (The threads' `Event` of 3.4 is
/// `sync_primitives::Event`, which blocks a thread instead.)
#[derive(Default)]
struct AsyncEvent {
    is_set: AtomicBool,
    notify: Notify,
}

impl AsyncEvent {
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
    println!("Notify and a flag ≈ asyncio.Event: tasks wait until another task sets it");
    let event = Arc::new(AsyncEvent::default());
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
    assert!(late && forgot, "an event stays set, a bare Notify forgets");
}
// ANCHOR_END: notify_as_an_event
