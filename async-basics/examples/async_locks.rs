//! 5.3 Async locks: a read, an `.await` and a write are three steps, not one.
//!
//! Python: with `await` between reading and writing a shared value, other tasks
//! run in between and updates are lost; `async with asyncio.Lock()` fixes it.
//! Rust: the same with `std::sync::Mutex` released before the `.await`;
//! `tokio::sync::Mutex` held across it; a std `Mutex` when no `.await` is inside.
//!
//! Watch: 10 tasks add 1 each and the total is 1; with tokio's lock, 10.
//! Varies: nothing: one thread runs every task, and the asserts count, not time.
//!
//! Run: cargo run --release --example async_locks

use std::sync::{Arc, Mutex};

use futures::future::join_all;
use tokio::task::yield_now;

// One thread, one loop, as asyncio.run(main()): every run interleaves alike.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    lost_update_across_an_await().await;
    tokio_mutex_held_across_an_await().await;
    std_mutex_with_no_await_inside().await;
}

const TASKS: u32 = 10;

/// Spawns `TASKS` copies of `add_one` and waits for them all (≈ `gather`).
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
