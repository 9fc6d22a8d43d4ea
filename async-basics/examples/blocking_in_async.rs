//! 5.1 `await` gives way, a blocking call does not: it stalls every task.
//!
//! Python: `time.sleep` or a CPU loop in a coroutine freezes the loop (tasks
//! switch only at `await`); `asyncio.to_thread` and `await asyncio.sleep(0)` fix it.
//! Rust: the same on a current-thread tokio runtime: `std::thread::sleep` or a CPU
//! loop in a task stalls it; `spawn_blocking` ≈ `to_thread`; `yield_now` ≈ `sleep(0)`.
//! A heartbeat task ticks every 10 ms; each row runs 200 ms of work beside it.
//!
//! Watch: while blocking work runs in a task, the heartbeat never beats and its
//! longest gap is the whole 200 ms; in the other rows it keeps beating.
//! Varies: the gaps and beat counts (timer granularity, load); with `yield_now`
//! a gap is about the 5 ms slice between yields plus the tick.
//!
//! Run: cargo run --release --example blocking_in_async

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_basics::blocking::to_thread;
use common::report::Table;
use common::testing::pick;
use common::timing::format_duration;
use common::workload::spin_for;
use tokio::sync::watch;
use tokio::time::MissedTickBehavior;

// One worker thread, like asyncio's loop: a stall is easy to see.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let work = pick(Duration::from_millis(200), Duration::from_millis(100));
    blocking_in_a_task_stalls_the_loop(work).await;
    spawn_blocking_keeps_it_beating(work).await;
    yielding_keeps_it_beating(work).await;
}

const TICK: Duration = Duration::from_millis(10);

struct Row {
    name: &'static str,
    took: Duration,
    ticks_during: usize,
    longest_gap: Duration,
}

/// Times `f` where it runs: the window in which the heartbeat may or may not beat.
fn timed(f: impl FnOnce()) -> (Instant, Instant) {
    let start = Instant::now();
    f();
    (start, Instant::now())
}

// ANCHOR: heartbeat
/// Runs `work` (which reports when it began and ended) next to a heartbeat
/// task, and counts the beats that fell inside the work.
async fn beside_heartbeat(
    name: &'static str,
    work: impl Future<Output = (Instant, Instant)>,
) -> Row {
    let beats = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let (count_tx, mut count) = watch::channel(0usize);
    let recorded = Arc::clone(&beats);
    let heartbeat = tokio::spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let mut beats = recorded.lock().unwrap();
            beats.push(Instant::now());
            count_tx.send_replace(beats.len());
        }
    });
    // Start the work only once the heartbeat is beating...
    count.wait_for(|&n| n >= 2).await.expect("heartbeat alive");
    let (start, end) = work.await;
    // ...and stop it only after it has beaten again since the work ended.
    let after = *count.borrow();
    count
        .wait_for(|&n| n > after)
        .await
        .expect("heartbeat alive");
    heartbeat.abort();

    let beats = beats.lock().unwrap();
    let ticks_during = beats.iter().filter(|&&t| t > start && t < end).count();
    let gaps = beats.windows(2).map(|w| w[1] - w[0]);
    let longest_gap = gaps.max().unwrap_or_default();
    let took = end - start;
    Row {
        name,
        took,
        ticks_during,
        longest_gap,
    }
}

fn show(title: &str, work: Duration, rows: &[Row]) {
    println!(
        "{title} (heartbeat every {}, beside {} of work)",
        format_duration(TICK),
        format_duration(work)
    );
    let mut table = Table::new([
        "work",
        "took",
        "heartbeats during it",
        "longest heartbeat gap",
    ]);
    for row in rows {
        let took = format_duration(row.took);
        let gap = format_duration(row.longest_gap);
        table.row([
            row.name.to_string(),
            took,
            row.ticks_during.to_string(),
            gap,
        ]);
    }
    table.align_right([1, 2, 3]);
    println!("{table}");
    println!();
}
// ANCHOR_END: heartbeat

// ANCHOR: blocking_in_a_task_stalls_the_loop
/// `work` as a task of its own, on this runtime's one thread.
async fn as_a_task<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    tokio::spawn(work).await.expect("the work task")
}

async fn blocking_in_a_task_stalls_the_loop(work: Duration) {
    let sleeping = as_a_task(async move { timed(|| std::thread::sleep(work)) });
    let spinning = as_a_task(async move {
        timed(|| {
            spin_for(work);
        })
    });
    let rows = [
        beside_heartbeat("std::thread::sleep in a task", sleeping).await,
        beside_heartbeat("CPU loop in a task", spinning).await,
    ];
    show(
        "1. blocking calls in a task: the heartbeat stops",
        work,
        &rows,
    );
    for row in &rows {
        // Nothing else can run on the thread while a task blocks it.
        let name = row.name;
        assert_eq!(
            row.ticks_during, 0,
            "{name}: beat while the loop was blocked"
        );
        assert!(row.longest_gap >= work, "{name}: the gap spans the work");
    }
}
// ANCHOR_END: blocking_in_a_task_stalls_the_loop

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
        "2. the same calls on a blocking thread: it keeps beating",
        work,
        &rows,
    );
    for row in &rows {
        assert!(
            row.ticks_during > 0,
            "{}: the heartbeat never ran",
            row.name
        );
    }
}
// ANCHOR_END: spawn_blocking_keeps_it_beating

// ANCHOR: yielding_keeps_it_beating
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
        "3. tasks that give way at an .await: it keeps beating",
        work,
        &rows,
    );
    for row in &rows {
        assert!(
            row.ticks_during > 0,
            "{}: the heartbeat never ran",
            row.name
        );
    }
}
// ANCHOR_END: yielding_keeps_it_beating
