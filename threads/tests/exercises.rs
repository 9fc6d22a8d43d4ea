//! The exercises' checker: `cargo test --test exercises` (see EXERCISES.md).
//!
//! One check per exercise of `exercises.toml`, in its order, in a module per
//! lecture section (`tests/exercises/`). Each check calls only its own
//! exercise's code (and library code that is no exercise), and says what it
//! saw in Python terms when it is not done yet.

use std::time::Duration;

// Beside this file, not in tests/ itself, where cargo would take each for a test.
#[path = "exercises/cpus.rs"]
mod cpus;
#[path = "exercises/joins.rs"]
mod joins;
#[path = "exercises/sums.rs"]
mod sums;

fn main() -> std::process::ExitCode {
    common::exercises::checker::main(
        env!("CARGO_MANIFEST_DIR"),
        &[
            ("pin_thread", cpus::pin_thread),
            ("busy_cpus", cpus::busy_cpus),
            ("parallel_sum", sums::parallel_sum),
            ("gil_wait", sums::gil_wait),
            ("join_all", joins::join_all),
        ],
    )
}

/// An `io::Error` (or any error) as the learner's message.
fn said(what: &str) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{what} failed: {e}")
}

/// The calling thread's CPU time.
fn this_thread() -> Result<Duration, String> {
    threads::cpu_time::thread_cpu_time().map_err(said("thread_cpu_time()"))
}
