//! Notebook section 5, `asyncio`, in Rust: tokio for the real thing, and an
//! event loop from scratch to see what `asyncio.run` does underneath.
//!
//! The topics are the examples (`cargo run --release --example <name>`); this
//! library holds the code they share and the code `--compare` times, each
//! module small enough to read in one sitting:
//!
//! - [`asyncio_run`]: the notebook's cell, three tasks and one second.
//! - [`mini`]: an event loop on `std` alone: a ready queue, wakers, a timer
//!   thread behind `sleep`, `block_on` (≈ `asyncio.run`) and `spawn`
//!   (≈ `asyncio.create_task`). A model to read; programs run on tokio.
//! - [`workers`]: the current thread's name, and a runtime with two named
//!   workers, to show where tasks run.
//! - [`heartbeat`]: a task that beats beside some work, to see whether the
//!   loop ran meanwhile.
//! - [`blocking`]: `to_thread` (≈ `asyncio.to_thread`), a blocking call that
//!   does not stall the loop.
//! - [`gather`]: `gather` with at most `n` running at once, and with a
//!   timeout that cancels the rest.
//! - [`callbacks`]: `Task.add_done_callback` for a tokio task. A program you
//!   ship awaits the `JoinHandle` instead.
//! - [`echo`]: a TCP echo server on loopback, and its clients one after
//!   another, as tasks and as threads ([`echo::clients`]), for IO-bound work.
//! - What differs per OS, each with one function to call: [`open_files`]
//!   (the open-file limit), [`os_errors`] (which errors mean the OS ran out
//!   of something), [`peak_memory`] (a peak RSS per stretch of a run).
//!
//! In a starter (`cargo xtask starter async-basics <dir>`), four pieces of
//! this code are exercises: [`blocking::to_thread`], the waker of
//! [`mini`]'s tasks, [`gather::gather_limited`] and [`gather::gather_timeout`].
//! `cargo test --test exercises` says which are done; `EXERCISES.md` (from
//! `exercises.toml`) states each one.

pub mod asyncio_run;
pub mod blocking;
pub mod callbacks;
pub mod echo;
pub mod gather;
pub mod heartbeat;
pub mod mini;
pub mod open_files;
pub mod os_errors;
pub mod peak_memory;
pub mod workers;
