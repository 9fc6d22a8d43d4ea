//! 5.2 Event loop, from scratch: the `asyncio_run` program on a hand-made loop.
//!
//! Python: `asyncio.run` creates an event loop (a ready queue plus a heap of
//! timers), runs `main` on it, and closes it.
//! Rust: `async_basics::mini` (`src/mini/`, `std` only): a ready queue, wakers
//! built with `std::task::Wake`, a timer thread behind `mini::sleep`,
//! `mini::block_on` (≈ `asyncio.run`) and `mini::spawn` (≈ `create_task`).
//!
//! Watch: the same six lines as `asyncio_run`, in the same order; then the trace:
//! each task runs to its `sleep` (Pending), and only the timer brings it back.
//! Varies: the elapsed time, by a few milliseconds; never the order (a FIFO
//! queue, a timer that wakes the earliest deadline first, ties in sleep order).
//!
//! Run: cargo run --release --example mini_event_loop

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::mini;
use common::timing::{Stopwatch, format_duration};

type Trace = Arc<Mutex<Vec<String>>>;

fn main() {
    let (elapsed, trace) = asyncio_run_on_mini();
    what_the_loop_did(elapsed, &trace.lock().unwrap());
}

// ANCHOR: asyncio_run_on_mini
/// The same coroutine as in `asyncio_run`, with the mini loop's `sleep`.
async fn task(n: u32, trace: Trace) {
    println!("Start task {n}");
    let note = |what: &str| trace.lock().unwrap().push(format!("task {n}: {what}"));
    note("started, sleeps (Pending)");
    mini::sleep(Duration::from_secs(1)).await;
    println!("End task {n}");
    note("woken by the timer, done (Ready)");
}

/// `asyncio.run(main())`, where `main` is `gather(task(1), task(2), task(3))`
/// spelled as `create_task` three times, then an `await` of each.
fn asyncio_run_on_mini() -> (Duration, Trace) {
    let trace = Trace::default();
    let watch = Stopwatch::start();
    mini::block_on({
        let trace = Arc::clone(&trace);
        async move {
            let handles: Vec<_> = (1..=3)
                .map(|n| mini::spawn(task(n, Arc::clone(&trace))))
                .collect();
            let note = "main: spawned 3 tasks, awaits them";
            trace.lock().unwrap().push(note.into());
            for handle in handles {
                // Err(Cancelled) only for a task its block_on dropped unfinished.
                handle.await.unwrap();
            }
        }
    });
    (watch.elapsed(), trace)
}
// ANCHOR_END: asyncio_run_on_mini

// ANCHOR: what_the_loop_did
/// The trace, in the order the loop ran things. It is the same on every run.
fn what_the_loop_did(elapsed: Duration, trace: &[String]) {
    println!();
    println!(
        "elapsed: {} (three 1 s sleeps on one thread)",
        format_duration(elapsed)
    );
    println!();
    println!("what the loop did, in order:");
    for line in trace {
        println!("  {line}");
    }
    let mut expected = vec!["main: spawned 3 tasks, awaits them".to_string()];
    expected.extend((1..=3).map(|n| format!("task {n}: started, sleeps (Pending)")));
    expected.extend((1..=3).map(|n| format!("task {n}: woken by the timer, done (Ready)")));
    assert_eq!(
        trace, expected,
        "main runs first (spawning only queues), the tasks in FIFO order, then the timer wakes them in deadline order"
    );
    assert!(elapsed >= Duration::from_secs(1), "a 1 s sleep ended early");
}
// ANCHOR_END: what_the_loop_did
