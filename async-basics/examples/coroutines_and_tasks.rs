//! 5.3 Coroutines and tasks: a future is lazy, a task runs, cancel at `.await`.
//!
//! Python: calling an `async def` function returns a coroutine object and runs
//! nothing ("coroutine was never awaited"); `asyncio.create_task(coro)` starts
//! it; `task.cancel()` raises `CancelledError` inside it at its current
//! `await`, and `finally:` blocks run.
//! Rust: calling an `async fn` returns a future and runs nothing (the compiler
//! warns "futures do nothing unless you `.await` or poll them");
//! `tokio::spawn(future)` starts a task; `JoinHandle::abort()` cancels it at
//! its current `.await` and awaiting the handle gives a `JoinError` whose
//! `is_cancelled()` is true; `Drop` plays the part of `finally:`. Any future
//! is cancelled simply by dropping it.
//!
//! Watch: "body started" stays 0 until the `.await`; the spawned task runs
//! without anyone awaiting it; the aborted task's last line is "before await"
//! of the step it was parked in, never the line after that `.await`.
//! Varies: nothing: every step is ordered by the single-thread runtime and by
//! a channel, not by timing.
//!
//! Run: cargo run --release --example coroutines_and_tasks

use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

static BODIES_STARTED: AtomicUsize = AtomicUsize::new(0);

async fn fetch(name: &str) -> String {
    BODIES_STARTED.fetch_add(1, Ordering::SeqCst);
    tokio::task::yield_now().await;
    format!("data for {name}")
}

/// Prints when dropped: the `finally:` of a Rust future.
struct Cleanup {
    what: &'static str,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let line = format!("{}: cleanup ran (Drop, ≈ finally:)", self.what);
        println!("   {line}");
        self.log.lock().unwrap().push(line);
    }
}

/// Works in steps, each ending at an `.await` where it can be cancelled.
async fn worker(progress: watch::Sender<u32>, log: Arc<Mutex<Vec<String>>>) -> u32 {
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

async fn slow(log: Arc<Mutex<Vec<String>>>) {
    let _cleanup = Cleanup {
        what: "slow future",
        log,
    };
    println!("   slow future: started, now waits 60 s");
    tokio::time::sleep(Duration::from_secs(60)).await;
    unreachable!("nobody waits 60 s for it");
}

async fn lesson() {
    println!("1. an async fn call builds a future and runs nothing");
    let coroutine = fetch("lazy");
    let before = BODIES_STARTED.load(Ordering::SeqCst);
    println!("   future created; bodies started: {before}");
    let data = coroutine.await;
    let after = BODIES_STARTED.load(Ordering::SeqCst);
    println!("   after .await: {data:?}; bodies started: {after}");

    println!();
    println!("2. tokio::spawn ≈ asyncio.create_task: it runs without being awaited");
    let task = tokio::spawn(fetch("task"));
    // ≈ await asyncio.sleep(0): give the loop one turn; the task runs in it.
    tokio::task::yield_now().await;
    let after_spawn = BODIES_STARTED.load(Ordering::SeqCst);
    println!("   one yield later, bodies started: {after_spawn} (handle not awaited yet)");
    let task_data = task.await.expect("the task");
    println!("   its result when awaited: {task_data:?}");

    println!();
    println!("3. JoinHandle::abort ≈ Task.cancel(): cancelled at an .await");
    let log = Arc::new(Mutex::new(Vec::new()));
    let (progress, mut seen) = watch::channel(0);
    let handle = tokio::spawn(worker(progress, Arc::clone(&log)));
    // Wait (on a channel, not a clock) until the worker has reached step 3.
    seen.wait_for(|&step| step >= 3)
        .await
        .expect("the worker reports progress");
    handle.abort();
    let error = handle.await.expect_err("an aborted task has no result");
    println!(
        "   awaiting it: JoinError, is_cancelled() = {}",
        error.is_cancelled()
    );
    let worker_log = log.lock().unwrap().clone();
    println!("   the worker's own log:");
    for line in worker_log.iter().filter(|l| l.starts_with("step")) {
        println!("     {line}");
    }

    println!();
    println!("4. dropping a future cancels it (no task needed)");
    let slow_log = Arc::new(Mutex::new(Vec::new()));
    {
        let mut future = pin!(slow(Arc::clone(&slow_log)));
        let first_poll = futures::poll!(&mut future);
        println!("   polled once: {first_poll:?}; now it goes out of scope");
    }
    println!("   the same with a timeout, which drops what it gives up on:");
    let timed_out = tokio::time::timeout(Duration::from_millis(20), slow(Arc::clone(&slow_log)))
        .await
        .is_err();
    println!("   timed out: {timed_out}");

    assert_eq!((before, after, after_spawn), (0, 1, 2));
    assert!(error.is_cancelled());
    let last_steps: Vec<&str> = worker_log
        .iter()
        .rev()
        .take(2)
        .map(String::as_str)
        .collect();
    assert_eq!(
        last_steps,
        [
            "worker: cleanup ran (Drop, ≈ finally:)",
            "step 3: before await"
        ],
        "cancelled at step 3's await"
    );
    assert!(!worker_log.iter().any(|l| l == "step 3: after await"));
    assert!(timed_out);
    assert_eq!(
        slow_log.lock().unwrap().len(),
        2,
        "both slow futures cleaned up"
    );
}

// One thread, one event loop, as asyncio.run(lesson()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    lesson().await;
}
