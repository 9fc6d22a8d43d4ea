//! An event loop from scratch, on `std` alone: what runs under `asyncio.run`.
//!
//! Python hides its loop behind `asyncio.run(main())`; tokio hides a much
//! faster one behind `#[tokio::main]`. This module builds one in steps, each
//! a file that compiles, runs and is tested on its own (read them in order):
//!
//! 1. [`s1_block_on`]: `block_on` with one future, polled until it is ready.
//! 2. [`s2_wakers`]: the same, asleep between polls until the future's
//!    **waker** ([`std::task::Wake`]) is called.
//! 3. [`s3_spawn`]: a **ready queue** of tasks (asyncio: `loop._ready`),
//!    [`spawn`] (≈ `asyncio.create_task`) and a [`JoinHandle`] to await.
//! 4. [`s4_timers`]: a **timer** behind [`sleep`] (asyncio: `loop._scheduled`;
//!    `timer.rs`, a thread that wakes tasks when they are due). The loop owns
//!    every task and `main` is one of them, so nothing a timer holds keeps a
//!    task alive after [`block_on`] returns. The loop the lessons run.
//! 5. [`s5_fast`]: step 4 made fast the way tokio is: no lock, no hash and
//!    no system call on the path from one poll to the next.
//!
//! Everything runs on the thread that called `block_on`: one thread, many
//! tasks, switching only at `.await` (cooperative multitasking). The names
//! below are step 4's; each step module offers the same names for its loop.
//!
//! **What you would ship:** tokio. These loops are models built to be read
//! (one thread, no IO driver, no work stealing), to show what `asyncio.run`
//! and `#[tokio::main]` do underneath, not to run programs on.
//!
//! ```
//! use std::time::Duration;
//! use async_basics::mini;
//!
//! let total = mini::block_on(async {
//!     let a = mini::spawn(async { mini::sleep(Duration::from_millis(20)).await; 1 });
//!     let b = mini::spawn(async { mini::sleep(Duration::from_millis(20)).await; 2 });
//!     a.await.unwrap() + b.await.unwrap()
//! });
//! assert_eq!(total, 3);
//! ```

mod join;
pub mod s1_block_on;
pub mod s2_wakers;
pub mod s3_spawn;
pub mod s4_timers;
pub mod s5_fast;
mod timer;

pub use join::{Cancelled, JoinHandle};
pub use s4_timers::{block_on, spawn};
pub use timer::{Sleep, sleep};

use std::task::Poll;

/// Gives the other ready tasks a turn (≈ `await asyncio.sleep(0)`): wakes
/// its own task, which puts it at the back of the ready queue, and returns
/// `Pending` once. It works on every loop from step 3 on, and on tokio's.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref(); // back of the queue at once
        Poll::Pending
    })
    .await
}
