//! Shared ground for the course crates: the workloads the notebook runs,
//! and the helpers the examples use to time, measure and print them.
//!
//! Nothing here teaches a topic by itself. Each module is small enough to
//! read in one sitting:
//!
//! - [`workload`]: CPU-bound and IO-bound work (the notebook's `cpu_bound_task`
//!   is [`workload::sum_of_squares`]).
//! - [`timing`]: a stopwatch, repeated measurements, speedup and efficiency.
//! - [`memory`]: resident and virtual memory of a process (Linux, macOS, Windows).
//! - [`report`]: aligned text tables for the examples' output.
//! - [`trace`]: timelines of a run, in the terminal and as a Chrome trace.
//! - [`process`]: run a child process bounded in time, with everything it
//!   starts, and never outliving us.
//! - [`testing`]: run an example binary from a test, unattended and bounded.
//! - [`exercises`]: `exercises.toml` and the checker of the crates' exercises.

pub mod exercises;
pub mod memory;
pub mod process;
pub mod report;
pub mod testing;
pub mod timing;
pub mod trace;
pub mod workload;
