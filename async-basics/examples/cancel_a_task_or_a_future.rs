//! 5.3 Cancelling a task or a future: it stops at the `.await` it waits in.
//!
//! Python: `task.cancel()` raises `CancelledError` at the task's current
//! `await`, and its `finally:` runs; `wait_for` cancels what it gives up on.
//! Rust: `JoinHandle::abort()` drops the task's future at its current `.await`
//! (awaiting the handle gives a `JoinError`, `is_cancelled()`); `Drop` plays
//! `finally:`; dropping any future, task or not, cancels it.
//!
//! Watch: the aborted task's log ends at "before await", never after it; both
//! slow futures clean up.
//! Varies: nothing: the one-thread runtime and a channel order every step.
//!
//! Run: cargo run --release --example cancel_a_task_or_a_future

use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

// One thread, one event loop, as asyncio.run(main()).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    abort_cancels_at_an_await().await;
    dropping_a_future_cancels_it().await;
}

type Log = Arc<Mutex<Vec<String>>>;

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
    println!("1. JoinHandle::abort ≈ Task.cancel(): cancelled at an .await");
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
    println!("2. dropping a future cancels it (no task needed)");
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
