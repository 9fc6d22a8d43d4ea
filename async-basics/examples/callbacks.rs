//! 5.4 Callbacks: `Task.add_done_callback`, and why Rust code awaits instead.
//!
//! Python: `task.add_done_callback(fn)` calls `fn(task)` once when the task is
//! done, however it ended; `fn` asks `task.cancelled()`, `task.exception()`,
//! `task.result()`.
//! Rust: tokio has no callbacks on tasks. `async_basics::callbacks::
//! add_done_callback(handle, fn)` is a few lines: a small task that awaits the
//! `JoinHandle` and calls `fn(outcome)`, where `Outcome` is `Finished(value)`,
//! `Cancelled` or `Panicked(message)`. Usually you would just await the handle
//! and `match` on the result: the same information, where you need it, with
//! no closure and no shared state to carry the value back.
//!
//! Watch: each callback runs exactly once: after a result, after an `abort()`
//! (≈ `cancel()`), and after a panic. One "(expected) a task panicked" line on
//! stderr is part of the show: the task panics on purpose, the runtime
//! catches it, and the program goes on.
//! Varies: nothing in stdout; each step waits for the one before.
//!
//! Run: cargo run --release --example callbacks

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::callbacks::{Outcome, add_done_callback};

async fn answer() -> u64 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    42
}

async fn lesson() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen: Arc<Mutex<Vec<Outcome<u64>>>> = Arc::default();
    // The callback: short, non-blocking, and it must put what it learns
    // somewhere shared, because nobody receives its return value.
    let callback = |label: &'static str| {
        let calls = Arc::clone(&calls);
        let seen = Arc::clone(&seen);
        move |outcome: Outcome<u64>| {
            calls.fetch_add(1, Ordering::SeqCst);
            println!("   callback for {label}: {outcome:?}");
            seen.lock().unwrap().push(outcome);
        }
    };

    println!("1. a task that returns");
    let task = tokio::spawn(answer());
    add_done_callback(task, callback("answer"))
        .await
        .expect("the watcher");

    println!("2. a task that is cancelled (abort ≈ task.cancel())");
    let task = tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(60)).await;
        0
    });
    let cancel = task.abort_handle(); // keep a way to cancel: the helper takes the handle
    let watcher = add_done_callback(task, callback("sleeper"));
    cancel.abort();
    watcher.await.expect("the watcher");

    println!("3. a task that panics (≈ raises an exception)");
    // A one-line report instead of the default hook's message (and backtrace).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(ToString::to_string).unwrap_or_default();
        let message = info.payload_as_str().unwrap_or("?");
        eprintln!("(expected) a task panicked at {at}: {message}")
    }));
    let task = tokio::spawn(fail());
    add_done_callback(task, callback("panicker"))
        .await
        .expect("the watcher");
    std::panic::set_hook(default_hook);

    println!();
    println!("the Rust way: await the handle and match, no callback needed");
    let task = tokio::spawn(answer());
    let awaited = match task.await {
        Ok(value) => format!("finished with {value}"),
        Err(e) if e.is_cancelled() => "cancelled".to_string(),
        Err(e) => format!("panicked: {e}"),
    };
    println!("   {awaited}");

    assert_eq!(calls.load(Ordering::SeqCst), 3, "one call per task");
    assert_eq!(
        *seen.lock().unwrap(),
        [
            Outcome::Finished(42),
            Outcome::Cancelled,
            Outcome::Panicked("something went wrong".to_string())
        ]
    );
    assert_eq!(awaited, "finished with 42");
}

async fn fail() -> u64 {
    tokio::task::yield_now().await;
    panic!("something went wrong")
}

// One thread, one event loop, as asyncio.run(lesson()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    lesson().await;
}
