//! 5.1 `await` gives way, a blocking call does not: one blocking call stalls
//! every task (1.2: multitasking in asyncio is cooperative).
//!
//! Python: `time.sleep(1)` (or a CPU loop) inside a coroutine freezes the
//! whole event loop, because tasks only switch at `await`; the fixes are
//! `await asyncio.sleep`, `await asyncio.to_thread(blocking)` (or
//! `loop.run_in_executor`) and, for long CPU loops, an occasional
//! `await asyncio.sleep(0)`.
//! Rust: the same on a tokio runtime. `std::thread::sleep` or a CPU loop in a
//! task keeps its worker thread; `tokio::time::sleep(..).await` gives way;
//! `tokio::task::spawn_blocking` ≈ `to_thread`, running the call on a
//! separate thread pool; `tokio::task::yield_now().await` ≈ `sleep(0)`.
//!
//! A heartbeat task ticks every 10 ms on a current-thread runtime (one worker,
//! like asyncio) and records when it actually ran. Each row runs one kind of
//! 200 ms work next to it.
//!
//! Watch: with blocking work inside a task the heartbeat does not tick at all
//! during the work, and its longest gap is the whole 200 ms; with
//! `spawn_blocking`, `yield_now` or an async sleep it keeps ticking.
//! Varies: the exact gaps (timer granularity, a loaded machine); with
//! `yield_now` the gap is about the 5 ms slice between yields plus the tick.
//!
//! Run: cargo run --release --example blocking_in_async

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::report::Table;
use common::timing::format_duration;
use common::workload::spin_for;
use tokio::sync::watch;
use tokio::time::MissedTickBehavior;

const TICK: Duration = Duration::from_millis(10);

struct Row {
    name: &'static str,
    took: Duration,
    ticks_during: usize,
    longest_gap: Duration,
}

/// The work reports when its blocking part began and ended, measured where it runs.
type Work = Pin<Box<dyn Future<Output = (Instant, Instant)>>>;

/// Times `f` where it runs: the window in which the heartbeat may or may not beat.
fn timed(f: impl FnOnce()) -> (Instant, Instant) {
    let start = Instant::now();
    f();
    (start, Instant::now())
}

/// Runs `work` next to a heartbeat and reports how the heartbeat fared.
async fn beside_heartbeat(name: &'static str, work: Work) -> Row {
    let beats = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let (count_tx, mut count) = watch::channel(0usize);
    let heartbeat = tokio::spawn({
        let beats = Arc::clone(&beats);
        async move {
            let mut interval = tokio::time::interval(TICK);
            interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                let n = {
                    let mut beats = beats.lock().unwrap();
                    beats.push(Instant::now());
                    beats.len()
                };
                count_tx.send_replace(n);
            }
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
    let longest_gap = beats
        .windows(2)
        .map(|w| w[1] - w[0])
        .max()
        .unwrap_or_default();
    Row {
        name,
        took: end - start,
        ticks_during,
        longest_gap,
    }
}

async fn lesson(work: Duration) -> Vec<Row> {
    let mut rows = Vec::new();
    rows.push(
        beside_heartbeat(
            "std::thread::sleep in a task",
            Box::pin(async move {
                tokio::spawn(async move { timed(|| std::thread::sleep(work)) })
                    .await
                    .unwrap()
            }),
        )
        .await,
    );
    rows.push(
        beside_heartbeat(
            "CPU loop in a task",
            Box::pin(async move {
                tokio::spawn(async move {
                    timed(|| {
                        spin_for(work);
                    })
                })
                .await
                .unwrap()
            }),
        )
        .await,
    );
    rows.push(
        beside_heartbeat(
            "spawn_blocking(thread::sleep)",
            Box::pin(async move {
                tokio::task::spawn_blocking(move || timed(|| std::thread::sleep(work)))
                    .await
                    .unwrap()
            }),
        )
        .await,
    );
    rows.push(
        beside_heartbeat(
            "spawn_blocking(CPU loop)",
            Box::pin(async move {
                tokio::task::spawn_blocking(move || {
                    timed(|| {
                        spin_for(work);
                    })
                })
                .await
                .unwrap()
            }),
        )
        .await,
    );
    rows.push(
        beside_heartbeat(
            "CPU loop, yield_now every 5 ms",
            Box::pin(async move {
                tokio::spawn(async move {
                    let start = Instant::now();
                    while start.elapsed() < work {
                        spin_for(Duration::from_millis(5));
                        tokio::task::yield_now().await; // ≈ await asyncio.sleep(0)
                    }
                    (start, Instant::now())
                })
                .await
                .unwrap()
            }),
        )
        .await,
    );
    rows.push(
        beside_heartbeat(
            "tokio::time::sleep(..).await",
            Box::pin(async move {
                tokio::spawn(async move {
                    let start = Instant::now();
                    tokio::time::sleep(work).await;
                    (start, Instant::now())
                })
                .await
                .unwrap()
            }),
        )
        .await,
    );
    rows
}

fn main() {
    let work = if common::testing::quick_mode() {
        println!("(quick mode: 100 ms of work per row instead of 200 ms)");
        Duration::from_millis(100)
    } else {
        Duration::from_millis(200)
    };
    // One worker thread, like asyncio's loop: the stall is easy to see.
    let rows = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a tokio runtime")
        .block_on(lesson(work));

    println!(
        "heartbeat every {} while {} of work runs:",
        format_duration(TICK),
        format_duration(work)
    );
    let mut table = Table::new([
        "work",
        "took",
        "heartbeats during it",
        "longest heartbeat gap",
    ]);
    for row in &rows {
        table.row([
            row.name.to_string(),
            format_duration(row.took),
            row.ticks_during.to_string(),
            format_duration(row.longest_gap),
        ]);
    }
    table.align_right([1, 2, 3]);
    println!("{table}");

    let (blocking, cooperative) = rows.split_at(2);
    for row in blocking {
        // Nothing else can run on the worker while it is blocked.
        assert_eq!(row.ticks_during, 0, "{}", row.name);
        assert!(
            row.longest_gap >= work,
            "{}: {:?}",
            row.name,
            row.longest_gap
        );
    }
    for row in cooperative {
        assert!(
            row.ticks_during > 0,
            "{}: the heartbeat never ran",
            row.name
        );
    }
}
