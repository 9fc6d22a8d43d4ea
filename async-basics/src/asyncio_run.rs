//! The notebook's `asyncio` cell (5.1): three tasks sleep one second each,
//! together, and print the notebook's six lines.
//!
//! The `asyncio_run` example runs it and times it; `cargo run --release --
//! --compare` times it beside the Python original. Each task also records
//! its sleep on a timeline row of its own (`common::trace`), which the
//! example prints at its end.

use std::time::Duration;

use common::trace;

// ANCHOR: notebook_cell
/// `async def task(n)`: calling it builds a future; nothing runs until awaited.
pub async fn task(n: u32) {
    println!("Start task {n}");
    let _sleep = trace::span_on(format!("task {n}"), "sleep"); // the timeline's row
    tokio::time::sleep(Duration::from_secs(1)).await; // the task gives way here
    println!("End task {n}");
}

/// `async def main()`: `await asyncio.gather(task(1), task(2), task(3))`.
pub async fn gather_three() {
    // `biased;` polls the three in argument order every time, as asyncio's
    // FIFO ready queue does. Plain `join!` rotates its starting point for
    // fairness, and three timers due in the same millisecond could then print
    // their "End" lines in another order.
    tokio::join!(biased; task(1), task(2), task(3));
}

/// `asyncio.run(main())`: one thread, one event loop, run main to its end.
/// It prints the notebook's six lines, in the notebook's order.
pub fn notebook_cell() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a tokio runtime");
    runtime.block_on(gather_three());
}
// ANCHOR_END: notebook_cell
