//! 5.2 Event loop, from scratch: the `asyncio_run` program on a hand-made loop.
//!
//! Python: `asyncio.run` creates an event loop (a ready queue plus a heap of
//! timers), runs `main` on it, and closes it.
//! Rust: `async_basics::mini` (`src/mini/`, `std` only), built in five steps;
//! this runs step 4: `mini::block_on` (≈ `asyncio.run`), `mini::spawn`
//! (≈ `create_task`), wakers, a timer thread behind `mini::sleep`.
//!
//! Watch: the same six lines as `asyncio_run`, in the same order; the log of
//! what the loop did; then three tasks taking turns on one thread, at each `.await`.
//! Varies: the elapsed time and the timeline's widths, by a few milliseconds;
//! never the order (a FIFO queue, a timer that wakes the earliest deadline first).
//!
//! Run: cargo run --release --example mini_event_loop

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::mini;
use common::timing::{Stopwatch, format_duration};
use common::trace;
use common::workload::spin_for;

/// What the loop did, one line per step, in the order it did it.
type Log = Arc<Mutex<Vec<String>>>;

fn main() {
    let (elapsed, log) = asyncio_run_on_mini(Duration::from_secs(1));
    what_the_loop_did(elapsed, &log.lock().unwrap());
    tasks_take_turns(3, 3, Duration::from_millis(20));
    trace::finish(); // the timeline of the turns
}

// ANCHOR: asyncio_run_on_mini
/// The same coroutine as in `asyncio_run`, with the mini loop's `sleep`.
async fn task(n: u32, sleep: Duration, log: Log) {
    println!("Start task {n}");
    let note = |what: &str| log.lock().unwrap().push(format!("task {n}: {what}"));
    note("started, sleeps (Pending)");
    mini::sleep(sleep).await;
    println!("End task {n}");
    note("woken by the timer, done (Ready)");
}

/// `asyncio.run(main())`, where `main` is `gather(task(1), task(2), task(3))`
/// spelled as `create_task` three times, then an `await` of each.
fn asyncio_run_on_mini(sleep: Duration) -> (Duration, Log) {
    let log = Log::default();
    let watch = Stopwatch::start();
    mini::block_on({
        let log = Arc::clone(&log);
        async move {
            let handles: Vec<_> = (1..=3)
                .map(|n| mini::spawn(task(n, sleep, Arc::clone(&log))))
                .collect();
            let note = "main: spawned 3 tasks, awaits them";
            log.lock().unwrap().push(note.into());
            for handle in handles {
                // Err(Cancelled) only for a task its block_on dropped unfinished.
                handle.await.unwrap();
            }
        }
    });
    assert!(watch.elapsed() >= sleep, "a sleep ended early");
    (watch.elapsed(), log)
}
// ANCHOR_END: asyncio_run_on_mini

// ANCHOR: what_the_loop_did
/// The log, in the order the loop ran things. It is the same on every run.
fn what_the_loop_did(elapsed: Duration, log: &[String]) {
    println!();
    println!(
        "elapsed: {} (three 1 s sleeps on one thread)",
        format_duration(elapsed)
    );
    println!();
    println!("what the loop did, in order:");
    for line in log {
        println!("  {line}");
    }
    let mut expected = vec!["main: spawned 3 tasks, awaits them".to_string()];
    expected.extend((1..=3).map(|n| format!("task {n}: started, sleeps (Pending)")));
    expected.extend((1..=3).map(|n| format!("task {n}: woken by the timer, done (Ready)")));
    assert_eq!(
        log, expected,
        "main runs first (spawning only queues), the tasks in FIFO order, then the timer wakes them in deadline order"
    );
}
// ANCHOR_END: what_the_loop_did

// ANCHOR: tasks_take_turns
/// One task: `turns` times, `work` on the loop's thread, then an `.await`
/// that gives the others a turn (≈ `await asyncio.sleep(0)`).
async fn take_turns(n: u32, turns: u32, work: Duration, order: Arc<Mutex<Vec<u32>>>) {
    let row = format!("task {n}");
    for _ in 0..turns {
        let working = trace::span_on(&row, "work");
        spin_for(work);
        drop(working);
        order.lock().unwrap().push(n);
        let _queued = trace::span_on(&row, "ready, waits its turn");
        mini::yield_now().await;
    }
}

/// `tasks` such tasks on one loop: each runs until its `.await`, then the
/// next in the queue runs. One thread, so never two at once.
fn tasks_take_turns(tasks: u32, turns: u32, work: Duration) {
    let order = Arc::new(Mutex::new(Vec::new()));
    mini::block_on({
        let order = Arc::clone(&order);
        async move {
            let handles: Vec<_> = (1..=tasks)
                .map(|n| mini::spawn(take_turns(n, turns, work, Arc::clone(&order))))
                .collect();
            for handle in handles {
                handle.await.unwrap();
            }
        }
    });
    println!();
    let order = order.lock().unwrap();
    println!("{tasks} tasks, {turns} turns each; who ran, in order: {order:?}");
    let expected: Vec<u32> = (0..turns).flat_map(|_| 1..=tasks).collect();
    assert_eq!(*order, expected, "in turn, in the order they were queued");
}
// ANCHOR_END: tasks_take_turns
