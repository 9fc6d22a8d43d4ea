//! 5.4 Callbacks: `Task.add_done_callback`, and why Rust code awaits instead.
//!
//! Python: `task.add_done_callback(fn)` calls `fn(task)` once when the task is
//! done, however it ended; `fn` asks `cancelled()`, `exception()`, `result()`.
//! Rust: tokio has no task callbacks; `async_basics::callbacks::add_done_callback`
//! is a small task that awaits the `JoinHandle` and calls `fn(outcome)`. Usually
//! you just await the handle and `match`: no closure, no shared state.
//!
//! Watch: each callback runs once: after a result, an `abort()`, a panic. The
//! "(expected) a task panicked" line on stderr is that task panicking on purpose.
//! Varies: nothing in stdout; each step waits for the one before.
//!
//! Run: cargo run --release --example callbacks

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::callbacks::{Outcome, add_done_callback};

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    a_task_that_returns().await;
    a_task_that_is_cancelled().await;
    a_task_that_panics().await;
    the_rust_way_awaits_and_matches().await;
}

async fn answer() -> u64 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    42
}

type Seen = Arc<Mutex<Vec<Outcome<u64>>>>;

// ANCHOR: the_callback
/// A done-callback: short, non-blocking, and it must put what it learns
/// somewhere shared, because nobody receives its return value.
fn callback(label: &'static str, seen: &Seen) -> impl FnOnce(Outcome<u64>) + Send + 'static {
    let seen = Arc::clone(seen);
    move |outcome| {
        println!("   callback for {label}: {outcome:?}");
        seen.lock().unwrap().push(outcome);
    }
}
// ANCHOR_END: the_callback

// ANCHOR: a_task_that_returns
async fn a_task_that_returns() {
    println!("1. a task that returns");
    let seen = Seen::default();
    let task = tokio::spawn(answer());
    let watcher = add_done_callback(task, callback("answer", &seen));
    watcher.await.expect("the watcher");
    assert_eq!(
        *seen.lock().unwrap(),
        [Outcome::Finished(42)],
        "called once, with the value"
    );
}
// ANCHOR_END: a_task_that_returns

// ANCHOR: a_task_that_is_cancelled
async fn a_task_that_is_cancelled() {
    println!("2. a task that is cancelled (abort ≈ task.cancel())");
    let seen = Seen::default();
    let task = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(60)).await;
        0
    });
    let cancel = task.abort_handle(); // keep a way to cancel: the helper takes the handle
    let watcher = add_done_callback(task, callback("sleeper", &seen));
    cancel.abort();
    watcher.await.expect("the watcher");
    assert_eq!(
        *seen.lock().unwrap(),
        [Outcome::Cancelled],
        "called once, as cancelled"
    );
}
// ANCHOR_END: a_task_that_is_cancelled

// ANCHOR: a_task_that_panics
async fn fail() -> u64 {
    tokio::task::yield_now().await;
    panic!("something went wrong")
}

async fn a_task_that_panics() {
    println!("3. a task that panics (≈ raises an exception)");
    // A one-line report instead of the default hook's message (and backtrace).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(ToString::to_string).unwrap_or_default();
        let message = info.payload_as_str().unwrap_or("?");
        eprintln!("(expected) a task panicked at {at}: {message}")
    }));
    let seen = Seen::default();
    let task = tokio::spawn(fail());
    let watcher = add_done_callback(task, callback("panicker", &seen));
    watcher.await.expect("the watcher");
    std::panic::set_hook(default_hook);
    let panicked = Outcome::Panicked("something went wrong".to_string());
    assert_eq!(
        *seen.lock().unwrap(),
        [panicked],
        "called once, with the panic"
    );
}
// ANCHOR_END: a_task_that_panics

// ANCHOR: the_rust_way_awaits_and_matches
async fn the_rust_way_awaits_and_matches() {
    println!();
    println!("the Rust way: await the handle and match, no callback needed");
    let task = tokio::spawn(answer());
    let awaited = match task.await {
        Ok(value) => format!("finished with {value}"),
        Err(e) if e.is_cancelled() => "cancelled".to_string(),
        Err(e) => format!("panicked: {e}"),
    };
    println!("   {awaited}");
    assert_eq!(awaited, "finished with 42");
}
// ANCHOR_END: the_rust_way_awaits_and_matches
