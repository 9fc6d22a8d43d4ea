//! 5.1 `await`, `asyncio.run()`: three tasks sleep one second each, together.
//!
//! Python: `asyncio.run(main())`, where `main` awaits `asyncio.gather(task(1),
//! task(2), task(3))` and each `task` prints, awaits `asyncio.sleep(1)` and prints.
//! Rust: `block_on(main())` on a current-thread tokio runtime (one thread, like
//! asyncio's loop), `tokio::join!` for `gather`, `tokio::time::sleep(..).await`;
//! the cell is `async_basics::asyncio_run::notebook_cell`.
//!
//! Watch: all three start before any ends, so the run takes one second, not
//! three; the timeline shows the three sleeps side by side, on one thread.
//! Varies: the elapsed time, by a few milliseconds (timer granularity, load).
//!
//! Run: cargo run --release --example asyncio_run

use std::time::Duration;

use async_basics::asyncio_run;
use common::report::claim;
use common::timing::{Stopwatch, format_duration};
use common::trace;

fn main() {
    let elapsed = notebook_cell();
    one_second_not_three(elapsed);
    trace::finish();
}

// ANCHOR: notebook_cell
/// The notebook's cell (`src/asyncio_run.rs`), timed: its six lines come
/// out in the notebook's order, every run.
fn notebook_cell() -> Duration {
    let watch = Stopwatch::start();
    asyncio_run::notebook_cell();
    watch.elapsed()
}
// ANCHOR_END: notebook_cell

// ANCHOR: one_second_not_three
/// The six lines already prove the overlap (every start before the first
/// end); the clock can only confirm it.
fn one_second_not_three(elapsed: Duration) {
    println!();
    let took = format_duration(elapsed);
    println!("elapsed: {took} (three 1 s sleeps, run concurrently)");
    assert!(elapsed >= Duration::from_secs(1), "a 1 s sleep ended early");
    let holds = elapsed < Duration::from_secs(2);
    let mut detail = took;
    if !holds {
        detail += ": the machine was too busy to keep time; the order above still proves it";
    }
    claim(
        "the three sleeps overlap: the run takes one second, not three",
        holds,
        &detail,
    );
}
// ANCHOR_END: one_second_not_three
