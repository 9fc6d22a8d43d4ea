//! 5.1 `await` gives way, a blocking call does not: it stalls every task.
//!
//! Python: `time.sleep` or a CPU loop in a coroutine holds the loop's only
//! thread: no other task runs until it returns (tasks switch only at `await`).
//! Rust: the same on a current-thread tokio runtime, with `std::thread::sleep`
//! or a CPU loop in a task. A heartbeat task ticks every 10 ms beside 200 ms of work.
//!
//! Watch: the notebook's three tasks take three seconds, one after another; the
//! heartbeat never beats during blocking work. The timeline shows both.
//! Varies: nothing that the asserts check: one thread cannot run two things.
//! The fixes are the next example, `blocking_off_the_loop`.
//!
//! Run: cargo run --release --example blocking_in_async

use std::time::Duration;

use async_basics::heartbeat::{beside_heartbeat, show, timed};
use common::timing::{Stopwatch, format_duration};
use common::trace;
use common::workload::spin_for;

// One thread, like asyncio's loop: a stall is easy to see.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    a_blocking_sleep_stops_the_other_tasks(Duration::from_secs(1)).await;
    blocking_in_a_task_stalls_the_loop(Duration::from_millis(200)).await;
    trace::finish();
}

// ANCHOR: a_blocking_sleep_stops_the_other_tasks
/// The notebook's `task(n)`, with a blocking sleep in place of the `.await`.
async fn blocking_task(n: u32, pause: Duration) {
    println!("Start task {n}");
    let _sleep = trace::span_on(format!("task {n}"), "blocking sleep");
    std::thread::sleep(pause); // no .await: the loop's only thread sleeps here
    println!("End task {n}");
}

async fn a_blocking_sleep_stops_the_other_tasks(pause: Duration) {
    println!("1. the notebook's cell with std::thread::sleep: one task at a time");
    let watch = Stopwatch::start();
    tokio::join!(
        blocking_task(1, pause),
        blocking_task(2, pause),
        blocking_task(3, pause)
    );
    let took = watch.elapsed();
    println!(
        "three {} sleeps took {}\n",
        format_duration(pause),
        format_duration(took)
    );
    // One thread, and no task gives it up: the sleeps cannot overlap.
    assert!(took >= 3 * pause, "three blocking sleeps overlapped");
}
// ANCHOR_END: a_blocking_sleep_stops_the_other_tasks

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
        "2. blocking calls in a task: the heartbeat stops",
        work,
        &rows,
    );
    for row in &rows {
        // Nothing else can run on the thread while a task blocks it.
        let name = row.name;
        assert_eq!(
            row.beats_during, 0,
            "{name}: beat while the loop was blocked"
        );
        assert!(row.longest_gap >= work, "{name}: the gap spans the work");
    }
}
// ANCHOR_END: blocking_in_a_task_stalls_the_loop
