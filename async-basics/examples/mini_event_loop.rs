//! 5.2 Event loop, from scratch: the `asyncio_run` program on a hand-made loop.
//!
//! Python: `asyncio.run` creates an event loop (a ready queue plus a heap of
//! timers), runs `main` on it, and closes it.
//! Rust: `async_basics::mini`, one short file of `std` only: a ready queue,
//! wakers built with `std::task::Wake`, a timer thread behind `mini::sleep`,
//! `mini::block_on` (≈ `asyncio.run`) and `mini::spawn` (≈ `create_task`).
//! Read `src/mini.rs` next to this file.
//!
//! Watch: the same six lines as `asyncio_run`, in the same order, in about one
//! second. Then the trace of what the loop ran, in order: every task runs
//! until its first `.await` (Pending), and only the timer brings it back.
//! Varies: the elapsed time by a few milliseconds. The order does not: the
//! ready queue is first in, first out, and the timer wakes the earliest
//! deadline first, ties in the order they were set.
//!
//! Run: cargo run --release --example mini_event_loop

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::mini;
use common::timing::{Stopwatch, format_duration};

/// The same coroutine as in `asyncio_run`, with the mini loop's `sleep`.
async fn task(n: u32, trace: Arc<Mutex<Vec<String>>>) {
    println!("Start task {n}");
    trace
        .lock()
        .unwrap()
        .push(format!("task {n}: started, sleeps (Pending)"));
    mini::sleep(Duration::from_secs(1)).await;
    println!("End task {n}");
    trace
        .lock()
        .unwrap()
        .push(format!("task {n}: woken by the timer, done (Ready)"));
}

fn main() {
    let trace = Arc::new(Mutex::new(Vec::new()));
    let watch = Stopwatch::start();
    mini::block_on({
        let trace = Arc::clone(&trace);
        async move {
            // gather(task(1), task(2), task(3)), spelled as create_task + await.
            let handles: Vec<_> = (1..=3)
                .map(|n| mini::spawn(task(n, Arc::clone(&trace))))
                .collect();
            trace
                .lock()
                .unwrap()
                .push("main: spawned 3 tasks, awaits them".into());
            for handle in handles {
                // Err(Cancelled) only for a task its block_on dropped unfinished.
                handle.await.unwrap();
            }
        }
    });
    let elapsed = watch.elapsed();

    println!();
    println!(
        "elapsed: {} (three 1 s sleeps on one thread)",
        format_duration(elapsed)
    );
    println!();
    println!("what the loop did, in order:");
    let trace = trace.lock().unwrap();
    for line in trace.iter() {
        println!("  {line}");
    }
    let started = trace.iter().rposition(|l| l.contains("started")).unwrap();
    let first_end = trace.iter().position(|l| l.contains("done")).unwrap();
    assert!(
        started < first_end,
        "every task started before the first ended"
    );
    assert!(elapsed >= Duration::from_secs(1));
    // One after another they would take at least 3 s.
    assert!(
        elapsed < Duration::from_secs(3),
        "sleeps did not overlap: {elapsed:?}"
    );
}
