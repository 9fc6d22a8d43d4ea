//! 5.1 Blocking work off the loop: `to_thread`, or give way with `.await`.
//!
//! Python: `await asyncio.to_thread(f)` runs `f` on a thread of its own, and a
//! CPU loop that awaits `asyncio.sleep(0)` now and then lets the others run.
//! Rust: `async_basics::blocking::to_thread` (tokio's `spawn_blocking`, awaited),
//! and `tokio::task::yield_now().await`. A heartbeat ticks every 10 ms beside
//! 200 ms of work, on a current-thread runtime.
//!
//! Watch: the heartbeat keeps beating in every row, its gaps close to one tick.
//! Varies: the beat counts and gaps (timer granularity, load); with `yield_now`
//! a gap is about the 5 ms slice between yields plus the tick.
//!
//! Run: cargo run --release --example blocking_off_the_loop

use std::time::{Duration, Instant};

use async_basics::blocking::to_thread;
use async_basics::heartbeat::{Beats, beside_heartbeat, show, timed};
use common::report::claim;
use common::workload::spin_for;

// One thread, like asyncio's loop: a stall would be easy to see.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let work = Duration::from_millis(200);
    spawn_blocking_keeps_it_beating(work).await;
    yielding_keeps_it_beating(work).await;
}

/// Whether the heartbeat beat during every row's work, as a claim: the loop
/// was free, but a loaded machine may still not run its thread in time.
fn kept_beating(rows: &[Beats]) -> (bool, String) {
    let beats: Vec<String> = rows.iter().map(|r| r.beats_during.to_string()).collect();
    let holds = rows.iter().all(|r| r.beats_during > 0);
    let mut detail = format!("{} beats during the work", beats.join(" and "));
    if !holds {
        detail += ": the loop's thread was held by the work, or got no CPU in time (load)";
    }
    (holds, detail)
}

// ANCHOR: spawn_blocking_keeps_it_beating
/// `f` on tokio's pool of blocking threads: `to_thread` (src/blocking.rs) is
/// `spawn_blocking`, awaited (≈ `asyncio.to_thread(f)`).
async fn on_a_blocking_thread(f: impl FnOnce() + Send + 'static) -> (Instant, Instant) {
    to_thread(move || timed(f)).await
}

async fn spawn_blocking_keeps_it_beating(work: Duration) {
    let sleeping = on_a_blocking_thread(move || std::thread::sleep(work));
    let spinning = on_a_blocking_thread(move || {
        spin_for(work);
    });
    let rows = [
        beside_heartbeat("spawn_blocking(thread::sleep)", sleeping).await,
        beside_heartbeat("spawn_blocking(CPU loop)", spinning).await,
    ];
    show(
        "1. blocking calls on a blocking thread: it keeps beating",
        work,
        &rows,
    );
    let (holds, detail) = kept_beating(&rows);
    claim(
        "the heartbeat beats while a blocking thread works",
        holds,
        &detail,
    );
    assert!(
        rows.iter().all(|r| r.took >= work),
        "the work ran to its end"
    );
}
// ANCHOR_END: spawn_blocking_keeps_it_beating

// ANCHOR: yielding_keeps_it_beating
/// `work` as a task of its own, on this runtime's one thread.
async fn as_a_task<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    tokio::spawn(work).await.expect("the work task")
}

async fn yielding_keeps_it_beating(work: Duration) {
    let cpu_loop_that_yields = as_a_task(async move {
        let start = Instant::now();
        while start.elapsed() < work {
            spin_for(Duration::from_millis(5));
            tokio::task::yield_now().await; // ≈ await asyncio.sleep(0)
        }
        (start, Instant::now())
    });
    let async_sleep = as_a_task(async move {
        let start = Instant::now();
        tokio::time::sleep(work).await;
        (start, Instant::now())
    });
    let rows = [
        beside_heartbeat("CPU loop, yield_now every 5 ms", cpu_loop_that_yields).await,
        beside_heartbeat("tokio::time::sleep(..).await", async_sleep).await,
    ];
    show(
        "\n2. tasks that give way at an .await: it keeps beating",
        work,
        &rows,
    );
    let (holds, detail) = kept_beating(&rows);
    claim("the heartbeat beats while a task gives way", holds, &detail);
    // Each yield lets the loop run its due timers before the loop goes on.
    assert!(
        rows[0].beats_during > 0,
        "a yielding loop let the heartbeat in"
    );
}
// ANCHOR_END: yielding_keeps_it_beating
