//! Notebook section 5, `asyncio`, in Rust: tokio for the real thing, and an
//! event loop from scratch to see what `asyncio.run` does underneath.
//!
//! The topics are the examples (`cargo run --release --example <name>`); this
//! library holds the little code they share, each module small enough to read
//! in one sitting:
//!
//! - [`mini`]: an event loop on `std` alone: a ready queue, wakers, a timer
//!   thread behind `sleep`, `block_on` (≈ `asyncio.run`) and `spawn`
//!   (≈ `asyncio.create_task`). A model to read; programs run on tokio.
//! - [`callbacks`]: `Task.add_done_callback` for a tokio task. A program you
//!   ship awaits the `JoinHandle` instead.
//! - [`echo`]: a TCP echo server on loopback and its clients, for IO-bound work.
//! - [`blocking`]: `to_thread` (≈ `asyncio.to_thread`), a blocking call that
//!   does not stall the loop.
//! - [`gather`]: `gather` with at most `n` running at once, and with a
//!   timeout that cancels the rest.
//!
//! In a starter (`cargo xtask starter async-basics <dir>`), four pieces of
//! this code are exercises: [`blocking::to_thread`], the waker of
//! [`mini`]'s tasks, [`gather::gather_limited`] and [`gather::gather_timeout`].
//! `cargo test --test exercises` says which are done; `EXERCISES.md` (from
//! `exercises.toml`) states each one.

pub mod blocking;
pub mod callbacks;
pub mod echo;
pub mod gather;
pub mod mini;
