//! 5.1 `await`, `asyncio.run()`: three tasks sleep one second each, together.
//!
//! Python: `asyncio.run(main())`, where `main` awaits
//! `asyncio.gather(task(1), task(2), task(3))` and each `task` prints, awaits
//! `asyncio.sleep(1)` and prints again.
//! Rust: a tokio runtime's `block_on(main())` (what `#[tokio::main]` expands
//! to), `tokio::join!` for `gather`, `tokio::time::sleep(..).await` for the pause.
//!
//! Watch: all three start before any ends, and the whole run takes about one
//! second, not three: while one task sleeps, the loop runs the others.
//! Varies: the elapsed time, by a few milliseconds (timer granularity, load).
//! The order of the six lines does not: see the comment on `join!` below.
//!
//! Run: cargo run --release --example asyncio_run

use std::time::Duration;

use common::timing::{Stopwatch, format_duration};

/// `async def task(n)`: calling it builds a future; nothing runs until awaited.
async fn task(n: u32) {
    println!("Start task {n}");
    tokio::time::sleep(Duration::from_secs(1)).await; // the task gives way here
    println!("End task {n}");
}

async fn main_coroutine() {
    // `biased;` polls the three in argument order every time, as asyncio's
    // FIFO ready queue does. Plain `join!` rotates its starting point for
    // fairness, and three timers due in the same millisecond could then print
    // their "End" lines in another order.
    tokio::join!(biased; task(1), task(2), task(3));
}

fn main() {
    let watch = Stopwatch::start();
    // asyncio.run(main()): one thread, one event loop, run main to the end.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a tokio runtime");
    runtime.block_on(main_coroutine());
    let elapsed = watch.elapsed();

    println!();
    println!(
        "elapsed: {} (three 1 s sleeps, run concurrently)",
        format_duration(elapsed)
    );
    assert!(elapsed >= Duration::from_secs(1), "a 1 s sleep ended early");
    // One after another they would take at least 3 s.
    assert!(
        elapsed < Duration::from_secs(3),
        "the sleeps did not overlap: {elapsed:?}"
    );
}
