//! 5.3 Coroutines and tasks: a future is lazy, a task runs by itself.
//!
//! Python: calling an `async def` runs nothing until it is awaited;
//! `asyncio.create_task` starts it on the loop, awaited or not.
//! Rust: calling an `async fn` runs nothing either (it builds a future);
//! `tokio::spawn` makes it a task, which the runtime runs unawaited.
//!
//! Watch: "bodies started" stays 0 until the `.await`; the spawned task runs
//! one turn of the loop later, before anyone awaits its handle.
//! Varies: nothing: one thread runs every step, in an order the code fixes.
//!
//! Run: cargo run --release --example coroutines_and_tasks

use std::sync::atomic::{AtomicUsize, Ordering};

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    a_future_is_lazy().await;
    a_task_runs_unawaited().await;
}

static BODIES_STARTED: AtomicUsize = AtomicUsize::new(0);

/// How many `fetch` bodies have begun to run so far. Relaxed is enough: one
/// thread runs every task here, and a thread sees its own writes in order
/// (memory ordering: see the 3.7 memory_ordering topic).
fn bodies_started() -> usize {
    BODIES_STARTED.load(Ordering::Relaxed)
}

async fn fetch(name: &str) -> String {
    BODIES_STARTED.fetch_add(1, Ordering::Relaxed); // Relaxed: see bodies_started
    tokio::task::yield_now().await;
    format!("data for {name}")
}

// ANCHOR: a_future_is_lazy
async fn a_future_is_lazy() {
    println!("1. an async fn call builds a future and runs nothing");
    let before = bodies_started();
    let coroutine = fetch("lazy");
    let created = bodies_started() - before;
    println!("   future created; bodies started: {created}");
    let data = coroutine.await;
    let awaited = bodies_started() - before;
    println!("   after .await: {data:?}; bodies started: {awaited}");
    assert_eq!((created, awaited), (0, 1), "the body ran only once awaited");
}
// ANCHOR_END: a_future_is_lazy

// ANCHOR: a_task_runs_unawaited
async fn a_task_runs_unawaited() {
    println!();
    println!("2. tokio::spawn ≈ asyncio.create_task: it runs without being awaited");
    let before = bodies_started();
    let task = tokio::spawn(fetch("task"));
    // ≈ await asyncio.sleep(0): give the loop one turn; the task runs in it.
    tokio::task::yield_now().await;
    let ran = bodies_started() - before;
    println!("   one yield later, bodies started: {ran} (handle not awaited yet)");
    let task_data = task.await.expect("the task");
    println!("   its result when awaited: {task_data:?}");
    assert_eq!(
        ran, 1,
        "the task started on the loop's next turn, unawaited"
    );
}
// ANCHOR_END: a_task_runs_unawaited
