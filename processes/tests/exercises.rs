//! The exercises' checker: `cargo test --test exercises` (see EXERCISES.md).
//!
//! One check per exercise of `exercises.toml`, in its order, in a module per
//! lesson (`tests/exercises/`). Each check calls only its own exercise's code
//! and that of the exercises before it, and says what it saw in Python terms
//! when it is not done yet. The checks fork; each runs in a process of its
//! own, on its main thread.

// Beside this file, not in tests/ itself, where cargo would take each for a test.
#[cfg(unix)]
#[path = "exercises/frames.rs"]
mod frames;
#[cfg(unix)]
#[path = "exercises/pools.rs"]
mod pools;

#[cfg(unix)]
fn main() -> std::process::ExitCode {
    common::exercises::checker::main(
        env!("CARGO_MANIFEST_DIR"),
        &[
            ("read_frame", frames::read_frame_check),
            ("shared_fetch_add", frames::shared_fetch_add),
            ("pool_map", pools::pool_map),
            ("minimal_map", pools::minimal_map),
            ("idle_worker_death", pools::idle_worker_death),
        ],
    )
}

/// The checks fork: on Windows, one line says so.
#[cfg(not(unix))]
fn main() {
    common::report::cannot_run(processes::lesson::NEEDS, processes::lesson::INSTEAD);
}

/// Any error, as the learner's message.
#[cfg(unix)]
fn said<E: std::fmt::Display>(what: &str) -> impl Fn(E) -> String + '_ {
    move |e| format!("{what} failed: {e}")
}
