//! Notebook sections 1, 2 and 3.6 in Rust: multitasking and parallelism,
//! preemptive and cooperative scheduling, the GIL, threads versus processes,
//! memory and context, and `threading.Thread`'s Rust counterparts.
//!
//! The examples (`cargo run --release --example <name>`) are the lessons;
//! this library holds the code they run, each module small enough to read in
//! one sitting:
//!
//! - [`parallel`]: the notebook's `cpu_bound_task` split over `k` threads.
//! - [`gil`]: the notebook's GIL cell, and [`gil::Gil`], a teaching model of
//!   CPython's Global Interpreter Lock (a model only: a real Rust program has
//!   no use for one), with the work the 1.3 lessons run under it.
//! - [`heartbeat`]: a heartbeat task beside a busy one on a one-thread
//!   tokio runtime (cooperative scheduling).
//! - [`probe`]: how many threads are inside a section at once.
//! - [`scaling`]: the same work on 1, 2, ... threads, timed.
//! - [`affinity`]: pin a thread to CPUs, restore on drop (Linux, Windows;
//!   macOS cannot pin).
//! - [`cpu_time`]: a thread's or the process's CPU time (every OS).
//! - [`context`]: the calling thread's context-switch counters (Linux), and
//!   how many CPUs the process keeps busy while a closure runs (every OS).
//! - [`joining`]: join a batch of threads and get each result, or the
//!   message of its panic, as a value.
//!
//! # Exercises
//!
//! Five pieces of this library are also the crate's exercises (rows of the
//! workspace's `exercises.toml`, each between `// ANCHOR: solution_<id>` and
//! `// ANCHOR_END: solution_<id>`): [`affinity::pin_thread`] (`pin_thread`),
//! [`context::busy_cpus_during`] (`busy_cpus`), [`parallel::sum_of_squares_on`]
//! (`parallel_sum`), the [`gil::Gil`]'s wait for the lock (`gil_wait`, a bug
//! to fix, in `src/gil/take.rs`) and [`joining::join_all`] (`join_all`). The
//! code here is the solution, which the lessons run; `cargo xtask starter
//! threads <dir>` writes a copy with each of them to do, and
//! `cargo test --test exercises` (`tests/exercises.rs`) checks them.

pub mod affinity;
pub mod context;
pub mod cpu_time;
pub mod gil;
pub mod heartbeat;
pub mod joining;
pub mod parallel;
pub mod probe;
pub mod scaling;
