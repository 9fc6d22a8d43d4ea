//! 5.3 Cancelling needs an `.await`: what `abort` cannot stop.
//!
//! Python: `task.cancel()` acts at the task's next `await`: a loop with none
//! runs on, and `asyncio.to_thread`'s thread runs to its end anyway.
//! Rust: the same: `abort()` takes effect at the next `.await`, so a loop
//! without one runs on until it reaches one (`yield_now` gives it one), and a
//! `spawn_blocking` closure that has started runs to its end.
//!
//! Watch: the spinning loop logs after `abort()`; the yielding one never ends;
//! the blocking closure returns its value after all.
//! Varies: nothing: channels and flags order every step.
//!
//! Run: cargo run --release --example cancel_needs_an_await

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use tokio::task::yield_now;

// Two workers, so main can call abort() while a task spins on a worker.
#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    a_loop_without_await_runs_on().await;
    a_loop_that_yields_is_cancelled().await;
    spawn_blocking_cannot_be_aborted().await;
}

type Log = Arc<Mutex<Vec<String>>>;

fn note(log: &Log, line: &str) {
    log.lock().unwrap().push(line.to_string());
}

// ANCHOR: a_loop_without_await_runs_on
/// Spins with no `.await` until `stop` is set (or for 10 s at most), then awaits.
async fn spin(started: oneshot::Sender<()>, stop: Arc<AtomicBool>, log: Log) {
    started.send(()).expect("main waits for it");
    let bound = Instant::now() + Duration::from_secs(10);
    // Relaxed: the flag carries no data, only "stop" (memory ordering: see the
    // 3.7 memory_ordering topic).
    while !stop.load(Ordering::Relaxed) && Instant::now() < bound {
        std::hint::spin_loop();
    }
    note(&log, "loop ran on after abort()");
    yield_now().await; // the first .await since abort(): cancelled here
    note(&log, "after the .await");
}

async fn a_loop_without_await_runs_on() {
    println!("1. abort() cannot stop a loop with no .await in it");
    let (log, stop) = (Log::default(), Arc::new(AtomicBool::new(false)));
    let (started, spinning) = oneshot::channel();
    let handle = tokio::spawn(spin(started, Arc::clone(&stop), Arc::clone(&log)));
    spinning.await.expect("the task started");
    handle.abort(); // asks; the loop never looks
    stop.store(true, Ordering::Relaxed); // only this ends the loop
    let result = handle.await;
    let log = log.lock().unwrap().clone();
    println!("   the task's log: {log:?}; then {result:?}");
    assert_eq!(
        log,
        ["loop ran on after abort()"],
        "cancelled after the loop"
    );
    assert!(result.unwrap_err().is_cancelled(), "at the first .await");
}
// ANCHOR_END: a_loop_without_await_runs_on

// ANCHOR: a_loop_that_yields_is_cancelled
async fn a_loop_that_yields_is_cancelled() {
    println!("\n2. the fix: give way in the loop (yield_now), and abort() stops it there");
    let (started, spinning) = oneshot::channel();
    let finished = Arc::new(AtomicBool::new(false));
    let done = Arc::clone(&finished);
    let handle = tokio::spawn(async move {
        started.send(()).expect("main waits for it");
        let bound = Instant::now() + Duration::from_secs(10);
        while Instant::now() < bound {
            yield_now().await; // a point where abort() takes effect
        }
        done.store(true, Ordering::Relaxed); // Relaxed: see `spin` above
    });
    spinning.await.expect("the task started");
    handle.abort();
    let result = handle.await;
    let finished = finished.load(Ordering::Relaxed);
    println!("   {result:?}; the loop ran to its end: {finished}");
    assert!(
        result.unwrap_err().is_cancelled() && !finished,
        "stopped at a yield"
    );
}
// ANCHOR_END: a_loop_that_yields_is_cancelled

// ANCHOR: spawn_blocking_cannot_be_aborted
async fn spawn_blocking_cannot_be_aborted() {
    println!("\n3. spawn_blocking ≈ asyncio.to_thread: abort() cannot stop the closure");
    let (started, running) = oneshot::channel();
    let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
    let handle = tokio::task::spawn_blocking(move || {
        started.send(()).expect("main waits for it");
        // A blocking wait on a thread of its own: no .await where abort could act.
        wait_for_go.recv_timeout(Duration::from_secs(10)).is_ok()
    });
    running.await.expect("the closure started");
    handle.abort(); // no effect now: the closure is already running
    go.send(()).expect("the closure still waits for it");
    let result = handle.await;
    println!("   after abort(), the closure went on and returned {result:?}");
    assert!(matches!(result, Ok(true)), "the closure ran to its end");
}
// ANCHOR_END: spawn_blocking_cannot_be_aborted
