//! 5.1 `await`, `asyncio.run()`: three tasks sleep one second each, together.
//!
//! Python: `asyncio.run(main())`, where `main` awaits `asyncio.gather(task(1),
//! task(2), task(3))` and each `task` prints, awaits `asyncio.sleep(1)` and prints.
//! Rust: `block_on(main())` on a current-thread tokio runtime (one thread, like
//! asyncio's loop; `#[tokio::main(flavor = "current_thread")]` builds the same),
//! `tokio::join!` for `gather`, `tokio::time::sleep(..).await` for the pause.
//!
//! Watch: all three start before any ends, so the run takes one second, not three.
//! Varies: the elapsed time, by a few milliseconds (timer granularity, load).
//! The order of the six lines does not: see the comment on `join!` below.
//!
//! Run: cargo run --release --example asyncio_run

use std::time::Duration;

use common::timing::{Stopwatch, format_duration};

fn main() {
    let elapsed = notebook_cell();
    one_second_not_three(elapsed);
}

// ANCHOR: notebook_cell
/// `async def task(n)`: calling it builds a future; nothing runs until awaited.
async fn task(n: u32) {
    println!("Start task {n}");
    tokio::time::sleep(Duration::from_secs(1)).await; // the task gives way here
    println!("End task {n}");
}

/// `async def main()`: `await asyncio.gather(task(1), task(2), task(3))`.
async fn gather_three() {
    // `biased;` polls the three in argument order every time, as asyncio's
    // FIFO ready queue does. Plain `join!` rotates its starting point for
    // fairness, and three timers due in the same millisecond could then print
    // their "End" lines in another order.
    tokio::join!(biased; task(1), task(2), task(3));
}

/// `asyncio.run(main())`: one thread, one event loop, run main to its end.
/// Its output is the notebook's, line for line (checked by `tests/examples.rs`).
fn notebook_cell() -> Duration {
    let watch = Stopwatch::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a tokio runtime");
    runtime.block_on(gather_three());
    watch.elapsed()
}
// ANCHOR_END: notebook_cell

// ANCHOR: one_second_not_three
/// The six lines already prove the overlap (every start before the first
/// end); the clock agrees unless the machine stalled for seconds.
fn one_second_not_three(elapsed: Duration) {
    println!();
    println!(
        "elapsed: {} (three 1 s sleeps, run concurrently)",
        format_duration(elapsed)
    );
    if elapsed >= Duration::from_secs(2) {
        println!("(the machine was too busy to keep time: the order above is what counts)");
    }
    assert!(elapsed >= Duration::from_secs(1), "a 1 s sleep ended early");
}
// ANCHOR_END: one_second_not_three
