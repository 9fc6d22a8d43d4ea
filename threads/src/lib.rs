//! Notebook sections 1, 2 and 3.6 in Rust: multitasking and parallelism,
//! preemptive and cooperative scheduling, the GIL, threads versus processes,
//! memory and context, and `threading.Thread`'s Rust counterparts.
//!
//! The examples (`cargo run --release --example <name>`) are the lessons;
//! this library holds the pieces they share, each small enough to read in
//! one sitting:
//!
//! - [`parallel`]: the notebook's `cpu_bound_task` split over `k` threads.
//! - [`affinity`]: pin a thread or the process to CPUs, restore on drop
//!   (Linux `sched_setaffinity`).
//! - [`context`]: the calling thread's CPU time and context-switch counters
//!   (Linux `getrusage(RUSAGE_THREAD)`), and how many CPUs the process keeps
//!   busy while a closure runs.
//! - [`gil`]: [`gil::Gil`], a teaching model of CPython's Global Interpreter Lock
//!   (a model only: a real Rust program has no use for one).
//! - [`joining`]: join a batch of threads and get each result, or the
//!   message of its panic, as a value.
//!
//! Linux is the target: affinity and per-thread counters are Linux APIs.
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
pub mod gil;
pub mod joining;
pub mod parallel;
