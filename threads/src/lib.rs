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
//!
//! Linux is the target: affinity and per-thread counters are Linux APIs.

pub mod affinity;
pub mod context;
pub mod gil;
pub mod parallel;
