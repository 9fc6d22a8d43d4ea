//! 5.3 Coroutines and tasks: a future is lazy, a task runs, cancel at `.await`.
//!
//! Python: calling an `async def` runs nothing; `asyncio.create_task` starts it;
//! `task.cancel()` raises `CancelledError` at its current `await`; `finally:` runs.
//! Rust: calling an `async fn` runs nothing either; `tokio::spawn` starts a task;
//! `JoinHandle::abort()` cancels it at its current `.await` (the handle then
//! gives a `JoinError` with `is_cancelled()`); `Drop` plays `finally:`; and
//! dropping any future cancels it.
//!
//! Watch: "bodies started" stays 0 until the `.await`; the spawned task runs
//! unawaited; the aborted task's log ends at "before await", never after it.
//! Varies: nothing: the one-thread runtime and a channel order every step.
//!
//! Run: cargo run --release --example coroutines_and_tasks

use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    a_future_is_lazy().await;
    a_task_runs_unawaited().await;
    abort_cancels_at_an_await().await;
    dropping_a_future_cancels_it().await;
}

type Log = Arc<Mutex<Vec<String>>>;

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

// ANCHOR: cleanup
/// Prints when dropped: the `finally:` of a Rust future.
struct Cleanup {
    what: &'static str,
    log: Log,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let line = format!("{}: cleanup ran (Drop, ≈ finally:)", self.what);
        println!("   {line}");
        self.log.lock().unwrap().push(line);
    }
}
// ANCHOR_END: cleanup

// ANCHOR: abort_cancels_at_an_await
/// Works in steps, each ending at an `.await` where it can be cancelled.
async fn worker(progress: watch::Sender<u32>, log: Log) -> u32 {
    let _cleanup = Cleanup {
        what: "worker",
        log: Arc::clone(&log),
    };
    for step in 1..=100 {
        log.lock()
            .unwrap()
            .push(format!("step {step}: before await"));
        progress.send_replace(step);
        tokio::time::sleep(Duration::from_millis(10)).await;
        log.lock()
            .unwrap()
            .push(format!("step {step}: after await"));
    }
    100
}

async fn abort_cancels_at_an_await() {
    println!();
    println!("3. JoinHandle::abort ≈ Task.cancel(): cancelled at an .await");
    let log = Log::default();
    let (progress, mut seen) = watch::channel(0);
    let handle = tokio::spawn(worker(progress, Arc::clone(&log)));
    // Wait (on a channel, not a clock) until the worker has reached step 3.
    seen.wait_for(|&step| step >= 3)
        .await
        .expect("the worker reports");
    handle.abort();
    let error = handle.await.expect_err("an aborted task has no result");
    println!(
        "   awaiting it: JoinError, is_cancelled() = {}",
        error.is_cancelled()
    );
    let log = log.lock().unwrap().clone();
    println!("   the worker's own log:");
    for line in log.iter().filter(|l| l.starts_with("step")) {
        println!("     {line}");
    }
    assert!(error.is_cancelled(), "the task ended by abort, not a panic");
    assert_eq!(
        log[log.len() - 2..],
        [
            "step 3: before await",
            "worker: cleanup ran (Drop, ≈ finally:)"
        ],
        "cancelled inside step 3's await, then cleaned up"
    );
    assert!(!log.iter().any(|l| l == "step 3: after await"));
}
// ANCHOR_END: abort_cancels_at_an_await

// ANCHOR: dropping_a_future_cancels_it
async fn slow(log: Log) {
    let _cleanup = Cleanup {
        what: "slow future",
        log,
    };
    println!("   slow future: started, now waits 60 s");
    tokio::time::sleep(Duration::from_secs(60)).await;
    unreachable!("nobody waits 60 s for it");
}

async fn dropping_a_future_cancels_it() {
    println!();
    println!("4. dropping a future cancels it (no task needed)");
    let log = Log::default();
    {
        let mut future = pin!(slow(Arc::clone(&log)));
        let first_poll = futures::poll!(&mut future);
        println!("   polled once: {first_poll:?}; now it goes out of scope");
    }
    println!("   the same with a timeout, which drops what it gives up on:");
    let gave_up = tokio::time::timeout(Duration::from_millis(20), slow(Arc::clone(&log))).await;
    println!("   timed out: {}", gave_up.is_err());
    assert!(gave_up.is_err(), "nobody waits 60 s");
    assert_eq!(log.lock().unwrap().len(), 2, "both slow futures cleaned up");
}
// ANCHOR_END: dropping_a_future_cancels_it
